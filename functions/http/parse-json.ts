import type * as z from 'zod/mini';
import { ValidationError } from '../errors/errors';
import type { HttpRequest } from './http-types';

/** Parses a JSON body against a schema; malformed JSON and schema mismatches are 400s with a short reason. */
export function parseJsonBody<T extends z.ZodMiniType>(request: HttpRequest, schema: T): z.infer<T> {
  let value: unknown;
  try {
    value = JSON.parse(request.body.toString('utf8') || '{}');
  } catch {
    throw new ValidationError('Body is not valid JSON');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'body';
    throw new ValidationError(`Invalid ${field}: ${issue?.message ?? 'invalid value'}`);
  }
  return parsed.data;
}
