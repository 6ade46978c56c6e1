import { readFileSync } from 'node:fs';
import type { Config } from '../../functions/config/config';
import { dialogFile } from '../../functions/evaluation/dialog-file';
import type { EvalReply } from '../../functions/evaluation/checks';
import { runDialogs, type EvalReport } from '../../functions/evaluation/run-dialogs';
import { startLocalServer } from '../../functions/local/server';
import { DEFAULT_VARIANTS, type StrategyProvider } from '../../functions/strategy/strategy';
import { parse, UsageError, type CliIo } from './io';

const USAGE = 'usage: shopguide eval <dialogs.json> [--store <id>] [--variant <id>] [--json]';

/**
 * `shopguide eval`: runs multi-turn dialogs against a store through the web chat API (HTTP, the same
 * route the widget calls), offline or with the LLM when configured, and reports each turn as pass or
 * fail with the reason. Exits 1 when any turn fails, so it can gate a model or a catalog change.
 */
export async function evalCommand(args: string[], io: CliIo, config: Config): Promise<number> {
  const { values, positionals } = parse(args, {
    store: { type: 'string' },
    variant: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  const path = positionals[0];
  if (!path) throw new UsageError(USAGE);
  const file = readDialogs(path);
  const storeId = values.store ?? file.store ?? 'demo';
  const strategies = values.variant ? pinnedVariant(values.variant) : undefined;
  // Its own loopback server: dialogs open many sessions at once, which the public per-address limit forbids.
  const server = await startLocalServer({
    config: { ...config, webchat: { ...config.webchat, sessionsPerMinute: 1_000_000 } },
    port: 0,
    overrides: strategies ? { strategies } : undefined,
    onProgress: (message) => io.err(message),
  });
  try {
    if (!(await server.services.stores.get(storeId))) throw new UsageError(`unknown store "${storeId}"`);
    const index = await server.services.catalog.getIndex(storeId);
    const tokens = new Map<string, string>();
    const send = async (dialogId: string, text: string): Promise<EvalReply> => {
      let token = tokens.get(dialogId);
      if (!token) {
        const session = await post<{ token: string }>(`${server.url}/webchat/${storeId}/sessions`, {});
        token = session.token;
        tokens.set(dialogId, token);
      }
      return post<EvalReply>(`${server.url}/webchat/${storeId}/messages`, { text }, token);
    };
    const report = await runDialogs(file, send, index, { storeId, variant: values.variant });
    if (values.json) io.out(JSON.stringify(report));
    else printReport(report, io);
    return report.turns.passed === report.turns.total ? 0 : 1;
  } finally {
    await server.close();
  }
}

function readDialogs(path: string) {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = dialogFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`${path}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`.trim());
  }
  return parsed.data;
}

/** Every conversation gets this variant (the store's learned boosts are not applied). */
function pinnedVariant(id: string): StrategyProvider {
  const variant = DEFAULT_VARIANTS.find((v) => v.id === id);
  if (!variant)
    throw new UsageError(`unknown variant "${id}"; one of ${DEFAULT_VARIANTS.map((v) => v.id).join(', ')}`);
  return { planFor: async () => ({ variant, boosts: {}, strategyVersion: 0 }) };
}

async function post<T>(url: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

function printReport(report: EvalReport, io: CliIo): void {
  for (const dialog of report.dialogs) {
    io.out(`${dialog.pass ? 'PASS' : 'FAIL'} ${dialog.id}`);
    for (const turn of dialog.turns) {
      if (turn.pass) continue;
      io.out(`  ✗ "${turn.say}": ${turn.failures.join('; ')}`);
    }
  }
  const percent = (report.passRate * 100).toFixed(1);
  io.out(
    `\n${report.turns.passed}/${report.turns.total} turns passed (${percent}%), ` +
      `${report.dialogs.filter((d) => d.pass).length}/${report.dialogs.length} dialogs` +
      `${report.variant ? `, variant ${report.variant}` : ''}, store ${report.storeId}`,
  );
}
