import { readFileSync } from 'node:fs';
import type { Composition } from '../../functions/app/compose';
import { NotFoundError, ValidationError, isShopGuideError } from '../../functions/errors/errors';
import type { FaqEntry } from '../../functions/faq/faq-entry';
import { faqFormatOf, parseFaqFile } from '../../functions/faq/faq-import';
import { parse, progress, table, UsageError, type CliIo } from './io';

const USAGE =
  'usage: shopguide faq add|list|edit <entryId>|remove <entryId> --store <id> [--question "…"]… [--answer "…"] [--json]';
const IMPORT_USAGE = 'usage: shopguide import faq <file.md|file.csv> --store <storeId> [--json]';
const CLI_ACTOR = { id: 'cli', name: 'CLI' };

function describe(entry: FaqEntry) {
  return {
    entryId: entry.entryId,
    questions: entry.questions,
    answer: entry.answer,
    version: entry.version,
    author: entry.authorName ?? entry.author,
    updatedAt: entry.updatedAt,
    source: entry.source,
  };
}

async function storeOf(services: Composition, storeId: string | undefined, usage: string) {
  if (!storeId) throw new UsageError(usage);
  if (!(await services.stores.get(storeId))) throw new NotFoundError(`Unknown store ${storeId}`);
  return storeId;
}

/** `shopguide faq add|list|edit|remove --store <id>`: the store FAQ the assistant answers from. */
export async function faqCommand(args: string[], io: CliIo, services: Composition): Promise<number> {
  const [action, ...rest] = args;
  const { values, positionals } = parse(rest, {
    store: { type: 'string' },
    question: { type: 'string', multiple: true },
    answer: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  const storeId = await storeOf(services, values.store, USAGE);
  const print = (json: unknown, text: string) => io.out(values.json ? JSON.stringify(json) : text);
  switch (action) {
    case 'add': {
      if (!values.question?.length || values.answer === undefined) throw new UsageError(USAGE);
      const entry = await services.faq.add(
        storeId,
        { questions: values.question, answer: values.answer },
        CLI_ACTOR,
        'cli',
      );
      print(
        describe(entry),
        `Added ${entry.entryId} to ${storeId}: the assistant answers it from the next message.`,
      );
      return 0;
    }
    case 'list': {
      const entries = (await services.faq.list(storeId)).map(describe);
      print(
        { store: storeId, entries },
        entries.length
          ? table(
              ['id', 'v', 'question', 'answer', 'by'],
              entries.map((e) => [
                e.entryId,
                e.version,
                clip(e.questions.join(' | '), 50),
                clip(e.answer, 50),
                e.author,
              ]),
            )
          : `No FAQ entries in ${storeId}. Add one with shopguide faq add --store ${storeId} --question "…" --answer "…"`,
      );
      return 0;
    }
    case 'edit': {
      const [entryId] = positionals;
      if (!entryId) throw new UsageError(USAGE);
      const entry = await services.faq.edit(
        storeId,
        entryId,
        { questions: values.question, answer: values.answer },
        CLI_ACTOR,
      );
      print(describe(entry), `Updated ${entry.entryId} to version ${entry.version}.`);
      return 0;
    }
    case 'remove': {
      const [entryId] = positionals;
      if (!entryId) throw new UsageError(USAGE);
      await services.faq.remove(storeId, entryId, CLI_ACTOR);
      print(
        { store: storeId, removed: entryId },
        `Removed ${entryId}: the assistant stops using it from the next message.`,
      );
      return 0;
    }
    default:
      throw new UsageError(USAGE);
  }
}

/**
 * `shopguide import faq <file> --store <id>`: Markdown or CSV. Safe to re-run: an entry whose first question
 * is already in the FAQ is updated when its answer changed, and left alone otherwise.
 */
export async function importFaqCommand(args: string[], io: CliIo, services: Composition): Promise<number> {
  const { values, positionals } = parse(args, {
    store: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  const [file] = positionals;
  if (!file) throw new UsageError(IMPORT_USAGE);
  const storeId = await storeOf(services, values.store, IMPORT_USAGE);
  const format = faqFormatOf(file);
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch {
    throw new ValidationError(`Cannot read ${file}`);
  }
  const parsed = parseFaqFile(content, format);
  if (parsed.length === 0) throw new ValidationError(`No FAQ entries in ${file}`);
  const existing = new Map((await services.faq.list(storeId)).map((e) => [key(e.questions[0] ?? ''), e]));
  const counts = { added: 0, updated: 0, unchanged: 0, rejected: 0 };
  const bar = progress(io, 'Importing FAQ');
  for (const [i, item] of parsed.entries()) {
    try {
      const current = existing.get(key(item.questions[0] ?? ''));
      if (!current) {
        await services.faq.add(storeId, item, CLI_ACTOR, 'import');
        counts.added++;
      } else if (current.answer !== item.answer.trim()) {
        await services.faq.edit(storeId, current.entryId, item, CLI_ACTOR);
        counts.updated++;
      } else counts.unchanged++;
    } catch (error) {
      if (!isShopGuideError(error)) throw error;
      counts.rejected++;
      io.err(`line ${item.line}: ${error.publicMessage}`);
    }
    bar.update(i + 1, parsed.length);
  }
  bar.done();
  if (values.json) io.out(JSON.stringify({ store: storeId, ...counts }));
  else
    io.out(
      `FAQ of ${storeId}: ${counts.added} added, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.rejected} rejected.`,
    );
  return counts.added + counts.updated + counts.unchanged === 0 ? 1 : 0;
}

function key(question: string) {
  return question.trim().toLowerCase();
}

function clip(text: string, max: number) {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
