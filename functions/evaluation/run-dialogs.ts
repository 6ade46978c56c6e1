import type { SearchIndex } from '../catalog/search-index';
import { checkTurn, remember, type DialogMemory, type EvalReply } from './checks';
import type { DialogFile } from './dialog-file';

export interface TurnResult {
  say: string;
  pass: boolean;
  /** Why it failed; empty when it passed. */
  failures: string[];
  reply: { text: string; productIds: string[]; actions: number; compares?: string[] };
}

export interface DialogResult {
  id: string;
  pass: boolean;
  turns: TurnResult[];
}

export interface EvalReport {
  storeId: string;
  variant?: string;
  dialogs: DialogResult[];
  turns: { total: number; passed: number };
  passRate: number;
}

/** Sends one shopper message in a dialog's own conversation and returns the reply. */
export type SendTurn = (dialogId: string, text: string) => Promise<EvalReply>;

/**
 * Runs every dialog turn by turn through `send` (the web chat API, offline or with the LLM) and checks
 * each reply against its expectation, the previous replies and the catalog.
 */
export async function runDialogs(
  file: DialogFile,
  send: SendTurn,
  index: SearchIndex,
  meta: { storeId: string; variant?: string },
): Promise<EvalReport> {
  const dialogs: DialogResult[] = [];
  for (const dialog of file.dialogs) {
    let memory: DialogMemory = { list: [], shown: new Set() };
    const turns: TurnResult[] = [];
    for (const turn of dialog.turns) {
      const reply = await send(dialog.id, turn.say);
      const expect = { language: dialog.language, ...turn.expect };
      const failures = checkTurn(expect, reply, memory, index, turn.say);
      turns.push({
        say: turn.say,
        pass: failures.length === 0,
        failures,
        reply: {
          text: reply.text,
          productIds: reply.products.map((p) => p.id),
          actions: reply.actions?.length ?? 0,
          compares: reply.comparison?.productIds,
        },
      });
      memory = remember(memory, reply);
    }
    dialogs.push({ id: dialog.id, pass: turns.every((t) => t.pass), turns });
  }
  const all = dialogs.flatMap((d) => d.turns);
  const passed = all.filter((t) => t.pass).length;
  return {
    storeId: meta.storeId,
    variant: meta.variant,
    dialogs,
    turns: { total: all.length, passed },
    passRate: all.length ? passed / all.length : 0,
  };
}
