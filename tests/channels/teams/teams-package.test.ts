import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { z } from 'zod';
import { teamsCommand } from '../../../bin/cli/teams';
import { loadConfig } from '../../../functions/config/config';

const BOT_ID = '6f1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d';

/** The parts of the Teams v1.17 manifest schema that Teams rejects a package for. */
const httpsUrl = z.string().url().startsWith('https://');
const scope = z.enum(['personal', 'team', 'groupChat']);
const manifestSchema = z.object({
  $schema: z.literal(
    'https://developer.microsoft.com/en-us/json-schemas/teams/v1.17/MicrosoftTeams.schema.json',
  ),
  manifestVersion: z.literal('1.17'),
  version: z.string().regex(/^\d+\.\d+\.\d+$/),
  id: z.string().uuid(),
  developer: z.object({
    name: z.string().min(1).max(32),
    websiteUrl: httpsUrl,
    privacyUrl: httpsUrl,
    termsOfUseUrl: httpsUrl,
  }),
  name: z.object({ short: z.string().min(1).max(30), full: z.string().max(100) }),
  description: z.object({ short: z.string().min(1).max(80), full: z.string().min(1).max(4000) }),
  icons: z.object({ color: z.literal('color.png'), outline: z.literal('outline.png') }),
  accentColor: z.string().regex(/^#[0-9A-Fa-f]{6}$/),
  bots: z
    .array(
      z.object({
        botId: z.string().uuid(),
        scopes: z.array(scope).min(1),
        commandLists: z
          .array(
            z.object({
              scopes: z.array(scope).min(1),
              commands: z
                .array(
                  z.object({ title: z.string().min(1).max(32), description: z.string().min(1).max(128) }),
                )
                .max(10),
            }),
          )
          .max(3),
      }),
    )
    .length(1),
  validDomains: z.array(z.string().regex(/^[^/:]+(:\d+)?$/)).max(16),
});

/** Reads a zip's entries through its central directory (stored or deflated entries are both fine here). */
function readZip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end).toBeGreaterThan(0);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    expect(method).toBe(0);
    const localNameLength = zip.readUInt16LE(localOffset + 26);
    const localExtraLength = zip.readUInt16LE(localOffset + 28);
    const start = localOffset + 30 + localNameLength + localExtraLength;
    const data = zip.subarray(start, start + size);
    expect(crc32(data)).toBe(crc);
    entries.set(name, data);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function pngHeader(png: Buffer) {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), colorType: png.readUInt8(25) };
}

describe('shopguide teams package', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'teams-package-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a zip with a schema-valid manifest carrying the bot id, and icons of the required sizes', async () => {
    const out = path.join(dir, 'app.zip');
    const lines: string[] = [];
    const config = loadConfig({
      LOG_LEVEL: 'SILENT',
      MICROSOFT_APP_ID: BOT_ID,
      PUBLIC_BASE_URL: 'https://shop.example.com',
    });

    const hints: string[] = [];
    const io = { out: (s: string) => lines.push(s), err: (s: string) => hints.push(s) };
    const code = await teamsCommand(['package', '--out', out], io, config);

    expect(code).toBe(0);
    // stdout is the result alone; what to do next is a hint on stderr.
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(out);
    expect(hints.join('\n')).toContain('Upload it in Teams');
    const entries = readZip(readFileSync(out));
    expect([...entries.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = manifestSchema.parse(JSON.parse(entries.get('manifest.json')?.toString('utf8') ?? '{}'));
    expect(manifest.id).toBe(BOT_ID);
    expect(manifest.bots[0]?.botId).toBe(BOT_ID);
    expect(manifest.bots[0]?.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(manifest.validDomains).toEqual(['shop.example.com']);
    expect(pngHeader(entries.get('color.png') ?? Buffer.alloc(0))).toEqual({
      width: 192,
      height: 192,
      colorType: 6,
    });
    expect(pngHeader(entries.get('outline.png') ?? Buffer.alloc(0))).toEqual({
      width: 32,
      height: 32,
      colorType: 6,
    });
  });

  it('takes the bot id from --app-id over the configuration', async () => {
    const out = path.join(dir, 'flag.zip');
    const flagId = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';

    await teamsCommand(
      ['package', '--out', out, '--app-id', flagId],
      { out: () => undefined, err: () => undefined },
      loadConfig({ MICROSOFT_APP_ID: BOT_ID }),
    );

    const manifest = JSON.parse(readZip(readFileSync(out)).get('manifest.json')?.toString('utf8') ?? '{}');
    expect(manifest.bots[0].botId).toBe(flagId);
  });

  it('refuses to build a package without a bot id, in one line', async () => {
    await expect(
      teamsCommand(
        ['package', '--out', path.join(dir, 'x.zip')],
        { out: () => undefined, err: () => undefined },
        loadConfig({}),
      ),
    ).rejects.toThrow('no bot id: pass --app-id <id> or set MICROSOFT_APP_ID');
  });
});
