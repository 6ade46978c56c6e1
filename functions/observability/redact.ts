/**
 * Personal data never reaches the logs. Keys that carry free text or credentials are dropped wholesale;
 * e-mail addresses, phone numbers and bearer tokens are masked wherever else they appear, while identifiers
 * (conversation ids, IP addresses, timestamps) stay intact so a conversation can be traced through the logs.
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

/** Teams conversation ids look like addresses (`19:abc@thread.v2`, `19:x@unq.gbl.spaces`): they are ids. */
const EMAIL = /[A-Z0-9._%+-]+@(?!thread\.|unq\.gbl\.spaces)[A-Z0-9.-]+\.[A-Z]{2,}/gi;
/**
 * A phone-number candidate: digits with the usual separators, not glued to an identifier. Characters that
 * join id parts (`wc_a123…`, `slack:T1:C1:1595926230.0096`, `#`, `=`, `/`) before it, or letters and
 * digit groups after it, mean it is part of an id, so it stays readable for tracing.
 */
const PHONE_CANDIDATE = /(?<![A-Za-z0-9_.:#/@=-])\+?\(?\d[\d\s().-]{6,}\d(?![A-Za-z0-9_]|[.:]\d)/g;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const DATE = /^\d{4}-\d{2}-\d{2}/;

/** E.164 allows at most 15 digits; fewer than 8 is an amount, a year or a count. */
function maskPhone(candidate: string): string {
  const digits = candidate.replace(/\D/g, '').length;
  if (digits < 8 || digits > 15 || IPV4.test(candidate) || DATE.test(candidate)) return candidate;
  return '[phone]';
}
const SLACK_TOKEN = /xox[abposr]-[A-Za-z0-9-]+/g;
const BEARER = /Bearer\s+[A-Za-z0-9._~+/=-]+/gi;
const OPENAI_KEY = /sk-[A-Za-z0-9_-]{8,}/g;

export function redactString(value: string): string {
  return value
    .replace(SLACK_TOKEN, '[token]')
    .replace(BEARER, 'Bearer [token]')
    .replace(OPENAI_KEY, '[token]')
    .replace(EMAIL, '[email]')
    .replace(PHONE_CANDIDATE, maskPhone);
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
