import * as z from 'zod/mini';
import { ValidationError } from '../errors/errors';

/** Where an entry was written: the CLI, an import file, a cluster card in Slack or Teams, a handoff. */
export type FaqSource = 'cli' | 'import' | 'slack' | 'teams' | 'handoff';

/** One answer the merchant wrote, and the shopper questions it answers. Per store, versioned. */
export interface FaqEntry {
  storeId: string;
  entryId: string;
  /** Shopper questions it answers, in any language; the first is the one shown to merchants. */
  questions: string[];
  /** The merchant's text, shown to shoppers as plain text. */
  answer: string;
  /** 1 when written, +1 on every edit. */
  version: number;
  /** Who wrote this version (`slack:T1:U1`, `teams:<aad id>`, `cli`). */
  author: string;
  authorName?: string;
  createdAt: string;
  updatedAt: string;
  source: FaqSource;
  /** The cluster of unanswered questions it was written for. */
  clusterId?: string;
}

export const MAX_FAQ_QUESTIONS = 20;
export const MAX_FAQ_QUESTION_CHARS = 300;
export const MAX_FAQ_ANSWER_CHARS = 2000;

const draftSchema = z.object({
  questions: z
    .array(z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_FAQ_QUESTION_CHARS)))
    .check(z.minLength(1), z.maxLength(MAX_FAQ_QUESTIONS)),
  answer: z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_FAQ_ANSWER_CHARS)),
});

export type FaqDraft = z.infer<typeof draftSchema>;

/**
 * Validates what a merchant typed: at least one question and an answer, within the limits. Blank lines of a
 * multi-line question field are dropped, and repeated questions kept once.
 */
export function parseFaqDraft(input: { questions: string[]; answer: string }): FaqDraft {
  const questions = [
    ...new Map(
      input.questions
        .flatMap((q) => q.split(/\r?\n/))
        .map((q) => q.trim())
        .filter(Boolean)
        .map((q) => [q.toLowerCase(), q]),
    ).values(),
  ];
  const parsed = draftSchema.safeParse({ questions, answer: input.answer.trim() });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path[0] === 'answer' ? 'answer' : 'question';
    throw new ValidationError(
      field === 'answer'
        ? `The answer must be 1 to ${MAX_FAQ_ANSWER_CHARS} characters`
        : `Give 1 to ${MAX_FAQ_QUESTIONS} questions of at most ${MAX_FAQ_QUESTION_CHARS} characters`,
    );
  }
  return parsed.data;
}
