/** User-facing strings of the Slack app, in one place so tests and the manifest agree on them. */

export function helpText(): string {
  return [
    '*ShopGuide* answers questions about your store, right here.',
    '• `/shopguide link <code>`: bind this workspace to your store (get a code with `npx shopguide partner link-code <storeId>`).',
    '• `/shopguide insights <question>`: ask about sales and demand, e.g. `/shopguide insights top sellers last week`.',
    '• `/shopguide handoff-channel`: post shoppers’ requests for a person in this channel (default: where you linked).',
    '• Mention @ShopGuide or send it a DM to ask anything.',
    '• `/shopguide help`: this message.',
  ].join('\n');
}

export function unlinkedText(): string {
  return (
    "This workspace isn't linked to a store yet, so I can't share any store data here. " +
    'Ask the store owner for a one-time code (`npx shopguide partner link-code <storeId>`), then run `/shopguide link <code>`.'
  );
}

export const FALLBACK_TEXT =
  "Sorry, I couldn't work that out just now. Please try again in a moment, or ask for a person and we'll get someone.";

export const FALLBACK_TEXT_ZH =
  '抱歉，我暂时无法回答这个问题。请稍后再试，或者说“转人工”，我们会安排同事协助您。';

export const THINKING_TEXT = 'Looking into it…';
