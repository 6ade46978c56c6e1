/** The conversation as the shopper sees it: message bubbles with cards and feedback, notices, and suggestions. */
import type { MessageRole } from '../../../conversations/conversation';
import type { Language } from '../../../language/language';
import type { Rating, WireComparison, WireProduct } from '../wire';
import { checkoutLink } from './cart';
import { renderComparisonTable } from './comparison-table';
import { appendRichText, button, el, initials } from './dom';
import { renderFeedbackRow } from './feedback-row';
import { renderProductCard, type ProductCardActions } from './product-card';
import type { WidgetShell } from './shell';
import { STRINGS, type Strings } from './strings';
import { formatTime, guessLanguage, withoutListedProducts } from './text';

/** What the log asks of the widget while drawing. */
export interface MessageLogContext {
  storeName(): string;
  language(): Language;
  strings(): Strings;
  cardActions(product: WireProduct, replyId: string | undefined): ProductCardActions;
  previousRating(replyId: string): Rating | undefined;
  /** Records a rating; throws when it could not. */
  rate(replyId: string, rating: Rating): Promise<void>;
  onSuggestion(text: string): void;
}

export class MessageLog {
  /** Consecutive messages of one role are grouped under one author line. */
  private lastRole?: MessageRole;

  constructor(
    private readonly shell: WidgetShell,
    private readonly context: MessageLogContext,
  ) {}

  renderMessage(message: {
    role: MessageRole;
    text: string;
    products?: WireProduct[];
    replyId?: string;
    author?: string;
    language?: Language;
    at?: string;
    comparison?: WireComparison;
    /** Checkout links of the cart actions this reply performed. */
    checkoutUrls?: string[];
  }): HTMLElement {
    const { role } = message;
    const language = message.language ?? guessLanguage(message.text) ?? this.context.language();
    const strings = STRINGS[language];
    const startsGroup = this.lastRole !== role || role === 'merchant' || role === 'system';
    const item = el('div', {
      className: `shopguide-msg shopguide-msg--${role}${startsGroup ? ' shopguide-msg--start' : ''}`,
      testId: 'sg-message',
      attrs: { 'data-role': role },
    });
    if (message.replyId) item.setAttribute('data-reply-id', message.replyId);
    if (message.at) item.title = formatTime(message.at, strings.locale);

    if (startsGroup && (role === 'assistant' || role === 'merchant')) {
      const name =
        role === 'merchant' ? message.author || this.context.storeName() : this.context.storeName();
      item.appendChild(
        el('div', { className: 'shopguide-author', testId: role === 'merchant' ? 'sg-author' : undefined }, [
          el('span', {
            className: 'shopguide-author-avatar',
            text: initials(name),
            attrs: { 'aria-hidden': 'true' },
          }),
          el('span', { className: 'shopguide-author-name', text: name }),
          el('span', {
            className: 'shopguide-author-badge',
            text: role === 'merchant' ? strings.teamBadge : strings.assistantBadge,
          }),
        ]),
      );
    }
    const products = message.products ?? [];
    const text = withoutListedProducts(message.text, products);
    if (text.trim()) {
      const bubble = el('div', { className: 'shopguide-bubble', testId: 'sg-message-text' });
      appendRichText(bubble, text);
      item.appendChild(bubble);
    }
    if (message.comparison) {
      item.classList.add('shopguide-msg--wide');
      item.appendChild(renderComparisonTable(message.comparison, products));
    }
    for (const url of message.checkoutUrls ?? []) item.appendChild(checkoutLink(url, strings));
    if (products.length > 0 && !message.comparison) {
      item.classList.add('shopguide-msg--wide');
      item.appendChild(
        el(
          'div',
          { className: 'shopguide-cards' },
          products.map((product) =>
            renderProductCard(product, strings, this.context.cardActions(product, message.replyId)),
          ),
        ),
      );
    }
    if (role === 'assistant' && message.replyId)
      item.appendChild(
        renderFeedbackRow(strings, this.context.previousRating(message.replyId), (rating) =>
          this.context.rate(message.replyId as string, rating),
        ),
      );

    this.lastRole = role;
    this.shell.log.appendChild(item);
    this.shell.scrollToBottom();
    return item;
  }

  /** A local notice (not from the server), optionally with a retry action. */
  renderNotice(text: string, retry?: () => void): void {
    const item = el('div', {
      className: 'shopguide-msg shopguide-msg--system shopguide-msg--error',
      testId: 'sg-error',
      attrs: { 'data-role': 'notice' },
    });
    const bubble = el('div', { className: 'shopguide-bubble', text });
    if (retry) {
      const action = button({ className: 'shopguide-link-btn', text: this.context.strings().tryAgain });
      action.addEventListener('click', () => {
        item.remove();
        retry();
      });
      bubble.append(document.createTextNode(' '), action);
    }
    item.appendChild(bubble);
    this.shell.log.appendChild(item);
    this.lastRole = 'system';
    this.shell.scrollToBottom();
  }

  /** Marks a shopper message as not delivered, with a retry that clears the mark first. */
  markFailed(view: HTMLElement, reason: string, retry: () => void): void {
    const strings = this.context.strings();
    view.classList.add('shopguide-msg--failed');
    const action = button({ className: 'shopguide-link-btn', text: strings.retry, testId: 'sg-retry' });
    const status = el('div', { className: 'shopguide-delivery', testId: 'sg-delivery-error' }, [
      el('span', { text: `${strings.notDelivered} ${reason}`.trim() }),
      action,
    ]);
    action.addEventListener('click', () => {
      status.remove();
      view.classList.remove('shopguide-msg--failed');
      retry();
    });
    view.appendChild(status);
    this.shell.scrollToBottom();
  }

  renderSuggestions(items: string[]): void {
    this.clearSuggestions();
    for (const text of items.slice(0, 4)) {
      const chip = button({ className: 'shopguide-chip', text, testId: 'sg-suggestion' });
      chip.addEventListener('click', () => this.context.onSuggestion(text));
      this.shell.suggestions.appendChild(chip);
    }
    this.shell.scrollToBottom();
  }

  clearSuggestions(): void {
    this.shell.suggestions.replaceChildren();
  }

  /** Empties the conversation, for a fresh session. */
  clear(): void {
    this.lastRole = undefined;
    this.shell.log.replaceChildren();
  }

  hasShopperMessages(): boolean {
    return this.shell.log.querySelector('[data-role="shopper"]') !== null;
  }
}
