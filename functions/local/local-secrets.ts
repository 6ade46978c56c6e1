import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface LocalSecrets {
  webchatTokenSecret: string;
}

/**
 * Locally, secrets that the admin did not set are generated once and kept in DATA_DIR (never in the repo),
 * so sessions survive restarts. In AWS they come from Secrets Manager instead.
 */
export function loadLocalSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, 'secrets.json');
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalSecrets>;
    if (parsed.webchatTokenSecret && parsed.webchatTokenSecret.length >= 16) {
      return { webchatTokenSecret: parsed.webchatTokenSecret };
    }
  } catch {
    // First start: fall through and create the file.
  }
  const secrets: LocalSecrets = { webchatTokenSecret: randomBytes(32).toString('base64url') };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
