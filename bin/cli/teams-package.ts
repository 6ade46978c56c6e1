import { crc32, deflateSync } from 'node:zlib';

/**
 * The Teams app package: manifest.json plus the two icons, zipped. Icons are drawn here (a shopping bag)
 * and encoded as PNG with node:zlib; the zip is written store-only, so no zip library is needed.
 */

export const MANIFEST_VERSION = '1.17';
export const MANIFEST_SCHEMA = `https://developer.microsoft.com/en-us/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;
export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;
const ACCENT = '#2F6F5E';

export interface PackageOptions {
  botId: string;
  /** Public https base URL of the deployment: developer links and validDomains. */
  baseUrl?: string;
  version?: string;
}

export interface TeamsManifest {
  $schema: string;
  manifestVersion: string;
  version: string;
  id: string;
  developer: { name: string; websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
  name: { short: string; full: string };
  description: { short: string; full: string };
  icons: { color: string; outline: string };
  accentColor: string;
  bots: {
    botId: string;
    scopes: ('personal' | 'team' | 'groupChat')[];
    supportsFiles: boolean;
    isNotificationOnly: boolean;
    commandLists: {
      scopes: ('personal' | 'team' | 'groupChat')[];
      commands: { title: string; description: string }[];
    }[];
  }[];
  permissions: string[];
  validDomains: string[];
}

const COMMANDS = [
  {
    title: 'link',
    description: 'Link this tenant to your store: link <code> (codes from shopguide partner link-code)',
  },
  {
    title: 'notify here',
    description: 'Send the store’s daily digests and handoff requests to this conversation',
  },
  { title: 'help', description: 'What ShopGuide can do here' },
  { title: 'What sold best last week?', description: 'Ask about your store’s sales and demand' },
];

export function buildManifest(options: PackageOptions): TeamsManifest {
  const base = options.baseUrl?.startsWith('https://') ? options.baseUrl.replace(/\/+$/, '') : undefined;
  const website = base ?? 'https://shopguide.example';
  const scopes: ('personal' | 'team' | 'groupChat')[] = ['personal', 'team', 'groupChat'];
  return {
    $schema: MANIFEST_SCHEMA,
    manifestVersion: MANIFEST_VERSION,
    version: options.version ?? '1.0.0',
    // Teams requires a GUID; the bot's app id is one and keeps app and bot paired.
    id: options.botId,
    developer: {
      name: 'ShopGuide',
      websiteUrl: website,
      privacyUrl: `${website}/privacy`,
      termsOfUseUrl: `${website}/terms`,
    },
    name: { short: 'ShopGuide', full: 'ShopGuide shopping assistant' },
    description: {
      short: 'Shopping guide for shoppers; sales insights and handoffs for merchants.',
      full:
        'ShopGuide answers shoppers from the store’s catalog and policies, and gives the store’s team sales ' +
        'and demand insights, daily digests and shopper handoffs right in Teams. Link your tenant with a ' +
        'one-time code from `shopguide partner link-code`.',
    },
    icons: { color: 'color.png', outline: 'outline.png' },
    accentColor: ACCENT,
    bots: [
      {
        botId: options.botId,
        scopes,
        supportsFiles: false,
        isNotificationOnly: false,
        commandLists: [{ scopes, commands: COMMANDS }],
      },
    ],
    permissions: ['identity', 'messageTeamMembers'],
    validDomains: base ? [new URL(base).host] : [],
  };
}

/** An RGBA PNG of `size`×`size`, each pixel from `paint(x, y)`. */
export function encodePng(
  size: number,
  paint: (x: number, y: number) => [number, number, number, number],
): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0: none
    for (let x = 0; x < size; x++) row.set(paint(x, y), 1 + x * 4);
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no filter method extras, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A shopping bag in unit coordinates (0..1): body plus handle. */
function inBag(u: number, v: number, stroke: number): boolean {
  const body = u >= 0.22 && u <= 0.78 && v >= 0.36 && v <= 0.84;
  const dx = u - 0.5;
  const dy = v - 0.36;
  const r = Math.sqrt(dx * dx + dy * dy);
  const handle = v <= 0.36 && r >= 0.16 - stroke / 2 && r <= 0.16 + stroke / 2;
  return body || handle;
}

function hex(color: string): [number, number, number] {
  const n = parseInt(color.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Full-colour icon: white bag on the accent colour, opaque (Teams' 192×192 color icon). */
export function colorIcon(): Buffer {
  const [r, g, b] = hex(ACCENT);
  return encodePng(COLOR_ICON_SIZE, (x, y) =>
    inBag((x + 0.5) / COLOR_ICON_SIZE, (y + 0.5) / COLOR_ICON_SIZE, 0.06)
      ? [255, 255, 255, 255]
      : [r, g, b, 255],
  );
}

/** Outline icon: white on transparent only, as Teams requires for the 32×32 outline. */
export function outlineIcon(): Buffer {
  return encodePng(OUTLINE_ICON_SIZE, (x, y) =>
    inBag((x + 0.5) / OUTLINE_ICON_SIZE, (y + 0.5) / OUTLINE_ICON_SIZE, 0.1)
      ? [255, 255, 255, 255]
      : [0, 0, 0, 0],
  );
}

/** A store-only (uncompressed) zip: enough for a Teams package, readable by every unzip tool. */
export function zipStore(files: { name: string; data: Buffer }[], date = new Date()): Buffer {
  const dosTime = (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2);
  const dosDate = ((date.getFullYear() - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate();
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const crc = crc32(file.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(file.data.length, 18);
    local.writeUInt32LE(file.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(dosTime, 12);
    central.writeUInt16LE(dosDate, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(file.data.length, 20);
    central.writeUInt32LE(file.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, file.data);
    centrals.push(central, name);
    offset += local.length + name.length + file.data.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

/** The whole package, ready to upload to Teams. */
export function buildTeamsPackage(options: PackageOptions): { zip: Buffer; manifest: TeamsManifest } {
  const manifest = buildManifest(options);
  const zip = zipStore([
    { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2)) },
    { name: 'color.png', data: colorIcon() },
    { name: 'outline.png', data: outlineIcon() },
  ]);
  return { zip, manifest };
}
