/**
 * Personal data never reaches the logs. Keys that carry free text or credentials are dropped wholesale;
 * e-mail addresses, phone numbers and bearer tokens are masked wherever else they appear.
 */
const SENSITIVE_KEYS = new Set([
  'text',
  'message',
  'comment',
  'email',
  'phone',
  'name',
  'token',
  'authorization',
  'password',
  'secret',
  'apikey',
  'api_key',
  'signature',
  'body',
  'summary',
  'address',
]);

const EMAIL = /[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/gi;
const PHONE = /\+?\d[\d\s().-]{7,}\d/g;
const SLACK_TOKEN = /xox[abposr]-[A-Za-z0-9-]+/g;
const BEARER = /Bearer\s+[A-Za-z0-9._~+/=-]+/gi;
const OPENAI_KEY = /sk-[A-Za-z0-9_-]{8,}/g;

export function redactString(value: string): string {
  return value
    .replace(SLACK_TOKEN, '[token]')
    .replace(BEARER, 'Bearer [token]')
    .replace(OPENAI_KEY, '[token]')
    .replace(EMAIL, '[email]')
    .replace(PHONE, '[phone]');
}

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[depth]';
  if (typeof value === 'string') return redactString(value);
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value instanceof Error) {
    return { name: value.name, message: redactString(value.message) };
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] = SENSITIVE_KEYS.has(key.toLowerCase()) ? '[redacted]' : redact(v, depth + 1);
    }
    return out;
  }
  return value;
}
