import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { Composition } from '../../functions/app/compose';
import { ValidationError } from '../../functions/errors/errors';
import { answerMerchantQuestion } from '../../functions/insights/merchant-assistant';
import { formatTextTable } from '../../functions/insights/present';
import { INSIGHT_TEXTS } from '../../functions/insights/texts';
import { parse, UsageError, type CliIo } from './io';

const USAGE = 'usage: shopguide insights --store <storeId> "question" [--json] [--csv] [--chart out.png]';

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
  });
  const question = positionals.join(' ').trim();
  if (!values.store || !question) throw new UsageError(USAGE);
  const answer = await answerMerchantQuestion(services, {
    storeId: values.store,
    question,
    caller: { platform: 'cli', userId: cliUser() },
    wantCsv: values.csv,
    wantChart: values.chart !== undefined,
  });
  const texts = INSIGHT_TEXTS[answer.language];
  if (values.chart !== undefined) {
    if (!answer.chartPng) {
      io.err(texts.noChart);
    } else {
      try {
        writeFileSync(values.chart, answer.chartPng);
      } catch {
        throw new ValidationError(`Cannot write ${values.chart}`);
      }
      io.err(texts.chartWritten(values.chart));
    }
  }
  if (values.json) {
    io.out(
      JSON.stringify({
        text: answer.text,
        table: answer.table,
        sources: answer.sources,
        language: answer.language,
        csv: answer.csv,
        chart: answer.chartPng && values.chart ? values.chart : undefined,
      }),
    );
    return 0;
  }
  if (values.csv) {
    // CSV alone on stdout, so `> report.csv` gives a clean file; the text goes to stderr.
    io.err(answer.text);
    if (answer.csv) io.out(answer.csv.trimEnd());
    return 0;
  }
  io.out(answer.text);
  if (answer.table && answer.table.rows.length > 0) io.out(`\n${formatTextTable(answer.table)}`);
  io.out(`\n${texts.sources}:\n${answer.sources.map((s) => `  ${s}`).join('\n')}`);
  return 0;
}
