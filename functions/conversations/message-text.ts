/** Longest shopper message, in Unicode code points (what a person counts as characters). */
export const MAX_MESSAGE_CHARS = 2000;

/** Characters that render as nothing: format controls (zero-width space and joiners, BOM, bidi marks). */
const INVISIBLE = /[\p{Cf}\p{Zs}\s]/gu;

export type MessageTextProblem = 'empty' | 'too_long';

/**
 * Why a shopper message cannot be answered, if it cannot. Length counts code points, so 1,000 emoji are
 * 1,000 characters (not 2,000 UTF-16 units); text made only of invisible characters counts as empty.
 */
export function messageTextProblem(text: string): MessageTextProblem | undefined {
  if (text.replace(INVISIBLE, '') === '') return 'empty';
  let count = 0;
  for (const _ of text) {
    if (++count > MAX_MESSAGE_CHARS) return 'too_long';
  }
  return undefined;
}
