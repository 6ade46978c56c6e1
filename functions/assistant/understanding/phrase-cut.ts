/** Phrase extraction: each recognised phrase is cut out of the text that will be searched. */

/**
 * Replaces every match of a global pattern with a space after handing it to `onMatch`, which may decline
 * it by returning false.
 */
export function cutAll(
  text: string,
  pattern: RegExp,
  onMatch: (match: RegExpExecArray) => boolean | void,
): string {
  return text.replace(pattern, (...args: unknown[]) => {
    const match = args.slice(0, -2) as unknown as RegExpExecArray;
    return onMatch(match) === false ? (args[0] as string) : ' ';
  });
}
