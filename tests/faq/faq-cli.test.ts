import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { faqCommand, importFaqCommand } from '../../bin/cli/faq';
import { UsageError } from '../../bin/cli/io';
import { ShopperAssistant } from '../../functions/assistant/shopper-assistant';
import { startTestEnv, type TestEnv } from '../support/test-env';

function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out, err };
}

describe('shopguide faq add|list|edit|remove and import faq', () => {
  let env: TestEnv;
  let assistant: ShopperAssistant;
  let counter = 0;
  const dir = mkdtempSync(path.join(tmpdir(), 'shopguide-faq-cli-'));
  const ask = (text: string) =>
    assistant.handleMessage({ storeId: 'demo', conversationId: `cli-${++counter}`, channel: 'cli', text });
  const run = async (args: string[]) => {
    const capture = captureIo();
    const code = await faqCommand(args, capture.io, env.services);
    return { code, json: JSON.parse(capture.out[0] ?? 'null') as Record<string, unknown> };
  };

  beforeAll(async () => {
    env = await startTestEnv({ seedDemo: true });
    assistant = new ShopperAssistant(env.services);
  });
  afterAll(() => env.close());

  test('add, list, edit and remove, each with --json; the assistant follows from the next turn', async () => {
    const added = await run([
      'add',
      '--store',
      'demo',
      '--question',
      'Do you offer gift wrapping?',
      '--question',
      '可以礼品包装吗',
      '--answer',
      'Yes, gift wrapping is free at checkout.',
      '--json',
    ]);
    expect(added.code).toBe(0);
    expect(added.json).toMatchObject({ version: 1, author: 'CLI', source: 'cli' });
    const entryId = String(added.json.entryId);
    expect((await ask('can you gift wrap my order?')).text).toBe('Yes, gift wrapping is free at checkout.');

    const listed = await run(['list', '--store', 'demo', '--json']);
    expect(listed.json.entries).toEqual([
      expect.objectContaining({ entryId, questions: ['Do you offer gift wrapping?', '可以礼品包装吗'] }),
    ]);

    const edited = await run([
      'edit',
      entryId,
      '--store',
      'demo',
      '--answer',
      'Gift wrapping costs $2.',
      '--json',
    ]);
    expect(edited.json).toMatchObject({ entryId, version: 2, answer: 'Gift wrapping costs $2.' });
    expect((await ask('可以礼品包装吗？')).text).toContain('Gift wrapping costs $2.');

    expect((await run(['remove', entryId, '--store', 'demo', '--json'])).json).toEqual({
      store: 'demo',
      removed: entryId,
    });
    expect((await ask('can you gift wrap my order?')).faqEntryId).toBeUndefined();
    expect((await run(['list', '--store', 'demo', '--json'])).json.entries).toEqual([]);
  });

  test('bad calls are one clear error: usage, unknown store, unknown entry, empty answer', async () => {
    await expect(faqCommand(['add', '--store', 'demo'], captureIo().io, env.services)).rejects.toThrow(
      UsageError,
    );
    await expect(faqCommand(['list', '--store', 'nope'], captureIo().io, env.services)).rejects.toThrow(
      'Unknown store nope',
    );
    await expect(
      faqCommand(['remove', 'f-000000', '--store', 'demo'], captureIo().io, env.services),
    ).rejects.toThrow('No FAQ entry');
    await expect(
      faqCommand(
        ['add', '--store', 'demo', '--question', 'q?', '--answer', '   '],
        captureIo().io,
        env.services,
      ),
    ).rejects.toThrow('The answer must be');
  });

  test('import faq reads Markdown and CSV, and a re-run updates changed answers only', async () => {
    const md = path.join(dir, 'faq.md');
    writeFileSync(
      md,
      '# Store FAQ\n\n## Do you ship to Canada?\nQ: 能寄到加拿大吗\nYes, to Canada in 5-8 business days.\n\n## Can I pay with PayPal?\nYes, PayPal works at checkout.\n',
    );
    const csv = path.join(dir, 'faq.csv');
    writeFileSync(
      csv,
      'question,answer\n"Do you have a student discount?|学生有优惠吗","Yes, 10% with a student ID."\n',
    );
    const first = captureIo();
    expect(await importFaqCommand([md, '--store', 'demo', '--json'], first.io, env.services)).toBe(0);
    // The top heading has no answer text: it is reported, the rest is imported.
    expect(JSON.parse(first.out[0] ?? '{}')).toMatchObject({ added: 2, rejected: 1 });
    const fromCsv = captureIo();
    expect(await importFaqCommand([csv, '--store', 'demo', '--json'], fromCsv.io, env.services)).toBe(0);
    expect(JSON.parse(fromCsv.out[0] ?? '{}')).toMatchObject({ added: 1 });

    writeFileSync(md, (await import('node:fs')).readFileSync(md, 'utf8').replace('5-8', '4-6'));
    const again = captureIo();
    expect(await importFaqCommand([md, '--store', 'demo', '--json'], again.io, env.services)).toBe(0);
    expect(JSON.parse(again.out[0] ?? '{}')).toMatchObject({ added: 0, updated: 1, unchanged: 1 });
    expect((await ask('能寄到加拿大吗？')).text).toContain('4-6 business days');
    expect((await ask('学生可以打折吗')).text).toContain('Yes, 10% with a student ID.');
  });
});
