/** The thumbs up/down row under an assistant reply. */
import type { Rating } from '../wire';
import { button, el } from './dom';
import { icon } from './icons';
import type { Strings } from './strings';

/**
 * `submit` records the rating and throws when it could not; `previous` is a rating already recorded for this reply
 * (from before a reload), shown as recorded.
 */
export function renderFeedbackRow(
  strings: Strings,
  previous: Rating | undefined,
  submit: (rating: Rating) => Promise<void>,
): HTMLElement {
  const label = el('span', { className: 'shopguide-feedback-label', text: strings.feedbackPrompt });
  const up = button({ className: 'shopguide-icon-btn', testId: 'sg-thumb-up', label: strings.helpful }, [
    icon('thumbUp', 16, 1.9),
  ]);
  const down = button(
    { className: 'shopguide-icon-btn', testId: 'sg-thumb-down', label: strings.notHelpful },
    [icon('thumbDown', 16, 1.9)],
  );
  const row = el(
    'div',
    { className: 'shopguide-feedback', testId: 'sg-feedback', attrs: { 'data-state': 'idle' } },
    [label, up, down],
  );
  up.setAttribute('aria-pressed', 'false');
  down.setAttribute('aria-pressed', 'false');
  const show = (state: 'idle' | 'sending' | 'recorded' | 'failed', rating?: Rating) => {
    row.setAttribute('data-state', state);
    up.disabled = down.disabled = state === 'sending' || state === 'recorded';
    up.setAttribute('aria-pressed', String(rating === 'up' && state !== 'failed'));
    down.setAttribute('aria-pressed', String(rating === 'down' && state !== 'failed'));
    label.textContent =
      state === 'recorded'
        ? strings.feedbackThanks
        : state === 'failed'
          ? strings.feedbackFailed
          : strings.feedbackPrompt;
  };
  const rate = async (rating: Rating) => {
    show('sending', rating);
    try {
      await submit(rating);
      show('recorded', rating);
    } catch {
      show('failed');
    }
  };
  up.addEventListener('click', () => void rate('up'));
  down.addEventListener('click', () => void rate('down'));
  if (previous) show('recorded', previous);
  return row;
}
