/**
 * One mounted chat: sending and replies, the handoff to a person (polling for their messages), and the shopper's
 * feedback and outcome signals. The session is `ChatSession`'s; drawing is the shell's and the message log's, and
 * `DrawnMessages` keeps a message from being drawn twice.
 */
import type { ConversationMode } from '../../../conversations/conversation';
import type { Language } from '../../../language/language';
import type { Rating, ReplyResponse } from '../wire';
import { MAX_MESSAGE_CHARS } from '../../../assistant/types';
import { ApiError, ChatApi, type CheckedHistoryMessage } from './api-client';
import { ChatSession } from './chat-session';
import { DrawnMessages } from './drawn-messages';
import { MessageLog } from './message-log';
import { CartTracker } from './cart';
import { OutcomeSignals } from './outcome-signals';
import { Poller } from './poller';
import { storageKey, type StoredSession } from './session-storage';
import { WidgetShell } from './shell';
import { STRINGS, type Strings } from './strings';
import { guessLanguage, humanizeStoreId, pageLanguage, randomId } from './text';
import type { MountOptions, WidgetHandle } from './types';

export class ChatWidget implements WidgetHandle {
  readonly storeId: string;
  private readonly api: ChatApi;
  private readonly floating: boolean;
  private readonly session: ChatSession;
  private readonly shell: WidgetShell;
  private readonly messages: MessageLog;

  private language: Language;
  private strings: Strings;
  private storeName: string;
  private mode: ConversationMode = 'bot';
  private handoffAuthor?: string;
  private sending = false;
  private isOpen = false;
  private destroyed = false;
  private unread = 0;
  private readonly poller = new Poller(
    () => this.poll(),
    () => !this.destroyed && this.mode !== 'bot',
  );
  private readonly signals: OutcomeSignals;
  private readonly cart: CartTracker;
  private readonly drawn = new DrawnMessages();

  private readonly onVisibilityChange = () => {
    if (!document.hidden && this.mode !== 'bot') this.poller.schedule(0);
  };
  private readonly onKeydownDocument = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this.floating && this.isOpen) this.close();
  };

  constructor(options: MountOptions) {
    this.storeId = options.storeId;
    const apiBase = options.apiBase.replace(/\/+$/, '');
    this.api = new ChatApi(apiBase, options.storeId);
    this.floating = options.mode !== 'inline' || !options.target;
    this.session = new ChatSession(this.api, storageKey(options.storeId, apiBase), options.customer, {
      storeName: () => this.storeName,
      language: () => this.language,
      showStarting: (starting) => this.shell.showTyping(starting),
      started: (session) => this.sessionStarted(session),
      failedToStart: (error, retry) =>
        this.messages.renderNotice(this.describeError(error, this.strings.errorStart), retry),
    });
    const stored = this.session.current;
    this.language = options.language ?? stored?.language ?? pageLanguage();
    this.strings = STRINGS[this.language];
    this.storeName = stored?.storeName || humanizeStoreId(options.storeId);
    this.signals = new OutcomeSignals(
      options.storeId,
      this.api,
      async () => (await this.session.ensure()).token,
    );

    this.shell = new WidgetShell(options, this.floating, this.language, {
      onRestart: () => void this.restart(),
      onClose: () => this.close(),
      onToggle: () => (this.isOpen ? this.close() : this.open()),
      onSubmit: () => this.submitInput(),
      onInput: () => this.updateSendState(),
    });
    this.cart = new CartTracker(
      options.storeId,
      this.shell.cartBadge,
      () => this.session.current?.cartUrlTemplate,
    );
    this.messages = new MessageLog(this.shell, {
      storeName: () => this.storeName,
      language: () => this.language,
      strings: () => this.strings,
      cardActions: (product, replyId) => ({
        onClick: () => this.signals.productClicked(product, replyId),
        onAddToCart: () => {
          this.signals.addedToCart(product, replyId);
          return this.cart.added(product, 1, replyId);
        },
      }),
      previousRating: (replyId) => this.session.current?.feedback[replyId],
      rate: (replyId, rating) => this.rate(replyId, rating),
      onSuggestion: (text) => void this.send(text),
    });

    document.addEventListener('visibilitychange', this.onVisibilityChange);
    document.addEventListener('keydown', this.onKeydownDocument);
    this.applyStrings();

    if (stored) void this.resume(stored);
    else if (!this.floating) void this.session.ensure();
  }

  /* ---------- public API ---------- */

  open(): void {
    if (!this.floating || this.destroyed) return;
    this.isOpen = true;
    this.shell.showOpen(true);
    this.setUnread(0);
    if (!this.session.current) void this.session.ensure();
    this.shell.scrollToBottom();
    window.setTimeout(() => this.shell.input.focus(), 50);
  }

  close(): void {
    if (!this.floating || !this.isOpen) return;
    this.isOpen = false;
    this.shell.showOpen(false);
    this.shell.launcher?.focus();
  }

  async send(text: string, clientMessageId = randomId(), existing?: HTMLElement): Promise<void> {
    const trimmed = text.trim();
    if (!trimmed || this.sending || this.destroyed) return;
    // Code points, as the server counts: 1,000 emoji are 1,000 characters, not 2,000 UTF-16 units.
    if ([...trimmed].length > MAX_MESSAGE_CHARS) {
      this.messages.renderNotice(this.strings.errorTooLong);
      return;
    }
    this.adoptLanguage(guessLanguage(trimmed));
    this.messages.clearSuggestions();
    const view = existing ?? this.messages.renderMessage({ role: 'shopper', text: trimmed });
    this.drawn.expectEcho('shopper', trimmed);
    this.sending = true;
    this.updateSendState();
    this.shell.showTyping(true);
    try {
      const reply = await this.session.postMessage(trimmed, clientMessageId, () => this.mode);
      this.shell.showTyping(false);
      this.renderReply(reply);
    } catch (error) {
      this.shell.showTyping(false);
      this.drawn.takeEcho('shopper', trimmed);
      this.messages.markFailed(
        view,
        this.describeError(error, ''),
        () => void this.send(trimmed, clientMessageId, view),
      );
    } finally {
      this.sending = false;
      this.updateSendState();
    }
  }

  destroy(): void {
    this.destroyed = true;
    this.poller.stop();
    document.removeEventListener('visibilitychange', this.onVisibilityChange);
    document.removeEventListener('keydown', this.onKeydownDocument);
    this.shell.host.remove();
  }

  /* ---------- session lifecycle ---------- */

  /** A new session: its store name, language, greeting and first suggestions. */
  private sessionStarted(session: StoredSession): void {
    this.storeName = session.storeName;
    this.adoptLanguage(guessLanguage(session.greeting));
    this.applyStrings();
    this.showGreeting(session);
    this.messages.renderSuggestions(session.suggestions);
  }

  /** Rebuilds the conversation after a reload from the server's copy of it. */
  private async resume(session: StoredSession): Promise<void> {
    this.applyStrings();
    this.showGreeting(session);
    try {
      const history = await this.api.history(session.token);
      this.applyHistory(history, false);
      if (!this.messages.hasShopperMessages()) this.messages.renderSuggestions(session.suggestions);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 404)) {
        await this.restart();
        return;
      }
      this.messages.renderSuggestions(session.suggestions);
    }
  }

  /** The greeting is drawn locally; the server's copy of it in the history is then skipped. */
  private showGreeting(session: StoredSession): void {
    if (!session.greeting) return;
    this.drawn.expectEcho('assistant', session.greeting);
    this.messages.renderMessage({ role: 'assistant', text: session.greeting });
  }

  private async restart(): Promise<void> {
    if (this.sending) return;
    this.poller.stop();
    this.session.forget();
    this.drawn.clear();
    this.signals.reset();
    this.cart.reset();
    this.messages.clear();
    this.messages.clearSuggestions();
    this.setMode('bot');
    try {
      await this.session.ensure();
    } catch {
      // ensure() has already shown the error with a retry.
    }
    this.shell.input.focus();
  }

  /* ---------- replies and history ---------- */

  private renderReply(reply: ReplyResponse): void {
    this.adoptLanguage(reply.language);
    if (reply.replyId && this.drawn.hasSeen(reply.replyId)) {
      // Polling already drew this reply.
    } else if (reply.text.trim() || reply.products.length > 0) {
      // With an id, polling recognises this reply by it; without one, only by its text.
      if (reply.replyId) this.drawn.markSeen(reply.replyId);
      else this.drawn.expectEcho('assistant', reply.text);
      // The assistant already recorded its cart actions; the host page and the badge still hear of them.
      const checkoutUrls = reply.actions
        .map((action) => {
          const product = reply.products.find((p) => String(p.id) === action.productId) ?? {
            id: action.productId,
          };
          return this.cart.added(product, action.quantity, reply.replyId || undefined, action.url);
        })
        .filter((url): url is string => !!url);
      this.messages.renderMessage({
        role: 'assistant',
        text: reply.text,
        products: reply.products,
        replyId: reply.replyId || undefined,
        language: reply.language,
        comparison: reply.comparison,
        checkoutUrls,
      });
    }
    this.messages.renderSuggestions(reply.suggestions);
    this.setMode(reply.mode);
  }

  private applyHistory(
    history: { messages: CheckedHistoryMessage[]; cursor?: string; mode?: ConversationMode },
    live: boolean,
  ): void {
    const session = this.session.current;
    for (const message of history.messages) {
      if (message.cursor && session) session.cursor = message.cursor;
      const { role, text, replyId, products, author } = message;
      if (!this.drawn.admit(message, text.trim() !== '' || products.length > 0)) continue;
      if (role === 'merchant' && author !== undefined) this.handoffAuthor = author;
      this.messages.renderMessage({ role, text, products, author, replyId, at: message.at });
      if (live && !this.isOpen && this.floating && role !== 'shopper') this.setUnread(this.unread + 1);
    }
    if (history.cursor !== undefined && session) session.cursor = history.cursor;
    this.session.persist();
    this.setMode(history.mode ?? this.mode);
  }

  private describeError(error: unknown, fallback: string): string {
    if (error instanceof ApiError) {
      if (error.status === 0) return this.strings.errorNetwork;
      if (error.status === 429) return this.strings.errorRateLimited;
      if (error.status === 413) return this.strings.errorTooLong;
    }
    return fallback || this.strings.errorNetwork;
  }

  /* ---------- handoff and polling ---------- */

  private setMode(mode: ConversationMode): void {
    this.mode = mode;
    this.shell.showMode(mode, this.strings, this.handoffAuthor);
    if (mode !== 'bot') this.poller.schedule();
    else this.poller.stop();
  }

  private async poll(): Promise<void> {
    const session = this.session.current;
    if (!session || this.mode === 'bot' || this.destroyed) return;
    // A reply in flight is drawn from its POST response; polling meanwhile could draw it twice.
    // A hidden tab is woken by visibilitychange instead of polling in the background.
    if (this.sending || document.hidden) {
      if (this.sending) this.poller.schedule();
      return;
    }
    try {
      const history = await this.api.history(session.token, session.cursor);
      if (session !== this.session.current) return;
      this.poller.succeeded();
      this.applyHistory(history, true);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        this.setMode('bot');
        return;
      }
      this.poller.failed();
    }
  }

  /* ---------- feedback ---------- */

  private async rate(replyId: string, rating: Rating): Promise<void> {
    const session = await this.session.ensure();
    // A second thumbs-down in a row asks for a person: the server says so with the mode.
    const mode = await this.api.rate(session.token, replyId, rating);
    if (mode && mode !== this.mode) this.setMode(mode);
    if (this.session.current) {
      this.session.current.feedback[replyId] = rating;
      this.session.persist();
    }
  }

  /* ---------- chrome ---------- */

  private submitInput(): void {
    if (!this.shell.input.value.trim() || this.sending) return;
    void this.send(this.shell.takeInput());
  }

  private adoptLanguage(language: Language | undefined): void {
    if (!language || language === this.language) return;
    this.language = language;
    this.strings = STRINGS[language];
    this.applyStrings();
    this.session.persist();
  }

  private applyStrings(): void {
    this.shell.applyStrings(this.strings, this.language, this.storeName);
    this.setMode(this.mode);
  }

  private updateSendState(): void {
    this.shell.showBusy(this.sending);
  }

  private setUnread(count: number): void {
    this.unread = count;
    this.shell.showUnread(count);
  }
}
