import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { Composition } from '../../functions/app/compose';
import { ValidationError } from '../../functions/errors/errors';
import { answerJson } from '../../functions/insights/insight-answer';
import { answerMerchantQuestion } from '../../functions/insights/merchant-assistant';
import { formatTextTable } from '../../functions/insights/report-table';
import { INSIGHT_TEXTS } from '../../functions/insights/texts';
import { parse, UsageError, type CliIo } from './io';

const USAGE =
  'usage: shopguide insights --store <storeId> "question" [--session <name>] [--json] [--csv] [--chart out.png]';
const DEFAULT_CHART_FILE = 'insights-chart.png';
/** Session names become part of a storage key: keep them short and plain. */
const SESSION_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/** The local operator, for the audit trail of CLI questions. */
export function cliUser(): string {
  try {
    return userInfo().username || 'cli';
  } catch {
    return 'cli';
  }
}

/** `shopguide insights --store <id> "question"`: a merchant question answered with text, a table and sources. */
export async function insightsCommand(args: string[], io: CliIo, services: Composition): Promise<number> {
  const { values, positionals } = parse(args, {
    store: { type: 'string' },
    json: { type: 'boolean', default: false },
    csv: { type: 'boolean', default: false },
    chart: { type: 'string' },
    session: { type: 'string' },
  });
  const question = positionals.join(' ').trim();
  if (!values.store || !question) throw new UsageError(USAGE);
  if (values.session !== undefined && !SESSION_PATTERN.test(values.session))
    throw new UsageError(
      '--session takes a name of letters, digits, dots, dashes or underscores (64 at most)',
    );
  const answer = await answerMerchantQuestion(services, {
    storeId: values.store,
    question,
    caller: { platform: 'cli', userId: cliUser() },
    wantCsv: values.csv,
    wantChart: values.chart !== undefined,
    // Follow-ups keep context per operator and name, like a thread.
    session: values.session ? `cli:${cliUser()}:${values.session}` : undefined,
  });
  const texts = INSIGHT_TEXTS[answer.language];
  // "show it as a chart" without --chart: the image goes next to where the merchant works.
  const chartFile = values.chart ?? (answer.chartAsked && answer.chartPng ? DEFAULT_CHART_FILE : undefined);
  if (chartFile !== undefined) {
    if (!answer.chartPng) {
      io.err(texts.noChart);
    } else {
      try {
        writeFileSync(chartFile, answer.chartPng);
      } catch {
        throw new ValidationError(`Cannot write ${chartFile}`);
      }
      io.err(texts.chartWritten(chartFile));
    }
  }
  if (values.json) {
    io.out(JSON.stringify(answerJson(answer, answer.chartPng ? chartFile : undefined)));
    return 0;
  }
  if (values.csv) {
    // CSV alone on stdout, so `> report.csv` gives a clean file; the text goes to stderr.
    io.err(answer.text);
    if (answer.csv) io.out(answer.csv.trimEnd());
    return 0;
  }
  io.out(answer.text);
  if (answer.choices) io.out(`\n${answer.choices.map((c) => `  • ${c.question}`).join('\n')}`);
  if (answer.table && answer.table.rows.length > 0) io.out(`\n${formatTextTable(answer.table)}`);
  if (answer.sources.length > 0)
    io.out(`\n${texts.sources}:\n${answer.sources.map((s) => `  ${s}`).join('\n')}`);
  return 0;
}
