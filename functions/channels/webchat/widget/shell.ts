/**
 * The widget's frame: launcher, panel, header, handoff banner, conversation area and composer, in a shadow root so
 * the host page's CSS and ours never meet. It draws state it is given; the chat logic lives in `chat-widget.ts`.
 */
import type { ConversationMode } from '../../../conversations/conversation';
import type { Language } from '../../../language/language';
import { MAX_MESSAGE_CHARS } from '../../../assistant/types';
import { applyAccent, button, el, initials } from './dom';
import { icon } from './icons';
import type { Strings } from './strings';
import type { MountOptions } from './types';
import styles from './widget.css';

/** What the frame reports back: clicks and typing. */
export interface ShellActions {
  onRestart(): void;
  onClose(): void;
  onToggle(): void;
  onSubmit(): void;
  onInput(): void;
}

export class WidgetShell {
  readonly host: HTMLElement;
  readonly root: HTMLElement;
  readonly panel: HTMLElement;
  readonly launcher?: HTMLButtonElement;
  readonly launcherBadge?: HTMLElement;
  readonly avatar: HTMLElement;
  readonly title: HTMLElement;
  readonly statusText: HTMLElement;
  readonly restartButton: HTMLButtonElement;
  readonly closeButton?: HTMLButtonElement;
  readonly banner: HTMLElement;
  readonly bannerTitle: HTMLElement;
  readonly bannerDetail: HTMLElement;
  readonly scroller: HTMLElement;
  readonly log: HTMLElement;
  readonly typing: HTMLElement;
  readonly typingLabel: HTMLElement;
  readonly suggestions: HTMLElement;
  readonly input: HTMLTextAreaElement;
  readonly sendButton: HTMLButtonElement;
  readonly footer: HTMLElement;

  constructor(options: MountOptions, floating: boolean, language: Language, actions: ShellActions) {
    this.host = el('div', {
      className: 'shopguide-host',
      attrs: { 'data-shopguide-store': options.storeId },
    });
    if (!floating) this.host.style.cssText = 'display:block;width:100%;height:100%;';
    const shadow = this.host.attachShadow ? this.host.attachShadow({ mode: 'open' }) : undefined;
    const style = el('style', { text: styles });
    this.root = el('div', {
      className: 'shopguide-root',
      attrs: { 'data-testid': 'sg-root', lang: language },
    });
    if (!floating) this.root.classList.add('shopguide-root--inline');
    applyAccent(this.root, options.color);

    // Header
    this.avatar = el('div', { className: 'shopguide-avatar', attrs: { 'aria-hidden': 'true' } });
    this.title = el('h2', { className: 'shopguide-title', testId: 'sg-title' });
    this.statusText = el('span');
    this.restartButton = button({ className: 'shopguide-header-btn', testId: 'sg-restart' }, [
      icon('restart', 18),
    ]);
    this.restartButton.addEventListener('click', () => actions.onRestart());
    if (floating) {
      this.closeButton = button({ className: 'shopguide-header-btn', testId: 'sg-close' }, [
        icon('close', 20),
      ]);
      this.closeButton.addEventListener('click', () => actions.onClose());
    }
    const header = el('div', { className: 'shopguide-header' }, [
      this.avatar,
      el('div', { className: 'shopguide-heading' }, [
        this.title,
        el('div', { className: 'shopguide-status' }, [
          el('span', { className: 'shopguide-status-dot', attrs: { 'aria-hidden': 'true' } }),
          this.statusText,
        ]),
      ]),
      this.restartButton,
      this.closeButton,
    ]);

    // Handoff banner
    this.bannerTitle = el('strong');
    this.bannerDetail = el('span');
    this.banner = el(
      'div',
      { className: 'shopguide-banner', testId: 'sg-handoff-banner', attrs: { role: 'status' } },
      [
        el('span', { className: 'shopguide-banner-icon' }, [icon('person', 16)]),
        el('div', {}, [this.bannerTitle, this.bannerDetail]),
      ],
    );
    this.banner.hidden = true;

    // Conversation
    this.log = el('div', {
      className: 'shopguide-log',
      testId: 'sg-log',
      attrs: { role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions' },
    });
    this.typingLabel = el('span', { className: 'shopguide-sr-only' });
    this.typing = el(
      'div',
      { className: 'shopguide-typing', testId: 'sg-typing', attrs: { role: 'status' } },
      [
        el('span', { attrs: { 'aria-hidden': 'true' } }),
        el('span', { attrs: { 'aria-hidden': 'true' } }),
        el('span', { attrs: { 'aria-hidden': 'true' } }),
        this.typingLabel,
      ],
    );
    this.typing.hidden = true;
    this.suggestions = el('div', { className: 'shopguide-suggestions', attrs: { role: 'group' } });
    this.scroller = el('div', { className: 'shopguide-scroll' }, [this.log, this.typing, this.suggestions]);

    // Composer. `maxlength` counts UTF-16 units; the send check counts code points, as the server does.
    this.input = el('textarea', {
      className: 'shopguide-input',
      testId: 'sg-input',
      attrs: {
        rows: '1',
        maxlength: String(2 * MAX_MESSAGE_CHARS),
        autocomplete: 'off',
        enterkeyhint: 'send',
      },
    });
    this.sendButton = button({ className: 'shopguide-send', testId: 'sg-send' }, [icon('send', 18, 2.4)]);
    this.sendButton.disabled = true;
    this.footer = el('div', { className: 'shopguide-footer' });
    const form = el('form', { className: 'shopguide-composer' }, [
      el('div', { className: 'shopguide-inputwrap' }, [this.input, this.sendButton]),
      this.footer,
    ]);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      actions.onSubmit();
    });
    this.sendButton.addEventListener('click', () => actions.onSubmit());
    this.input.addEventListener('keydown', (event) => {
      // Enter sends; Shift+Enter adds a line; an IME composing Chinese must be allowed to confirm with Enter.
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
        event.preventDefault();
        actions.onSubmit();
      }
    });
    this.input.addEventListener('input', () => {
      this.autosize();
      actions.onInput();
    });

    this.panel = el(
      'div',
      {
        className: `shopguide-panel ${floating ? 'shopguide-panel--floating' : 'shopguide-panel--inline'}`,
        testId: 'sg-panel',
        attrs: { id: `shopguide-panel-${options.storeId}` },
      },
      [header, this.banner, this.scroller, form],
    );
    if (floating) {
      this.panel.setAttribute('role', 'dialog');
      this.panel.hidden = true;
      this.launcherBadge = el('span', {
        className: 'shopguide-launcher-badge',
        attrs: { 'aria-hidden': 'true' },
      });
      this.launcherBadge.hidden = true;
      this.launcher = button({ className: 'shopguide-launcher', testId: 'sg-launcher' }, [
        icon('chat', 28, 2),
        this.launcherBadge,
      ]);
      this.launcher.setAttribute('aria-expanded', 'false');
      this.launcher.setAttribute('aria-controls', this.panel.id);
      this.launcher.addEventListener('click', () => actions.onToggle());
      this.root.appendChild(this.launcher);
    } else {
      this.panel.setAttribute('role', 'region');
    }
    this.root.appendChild(this.panel);
    if (shadow) {
      shadow.appendChild(style);
      shadow.appendChild(this.root);
    } else {
      this.host.appendChild(style);
      this.host.appendChild(this.root);
    }

    if (floating) document.body.appendChild(this.host);
    else options.target?.appendChild(this.host);
  }

  /** Puts every label in `strings`' language. */
  applyStrings(s: Strings, language: Language, storeName: string): void {
    this.root.setAttribute('lang', language === 'zh' ? 'zh-CN' : 'en');
    this.avatar.textContent = initials(storeName);
    this.title.textContent = storeName;
    this.panel.setAttribute('aria-label', s.openChat(storeName));
    this.log.setAttribute('aria-label', s.conversation);
    this.typingLabel.textContent = s.typing;
    this.suggestions.setAttribute('aria-label', s.suggestions);
    this.input.placeholder = s.placeholder;
    this.input.setAttribute('aria-label', s.messageLabel);
    this.sendButton.setAttribute('aria-label', s.send);
    this.sendButton.title = s.send;
    this.restartButton.setAttribute('aria-label', s.restart);
    this.restartButton.title = s.restart;
    this.closeButton?.setAttribute('aria-label', s.closeChat);
    if (this.closeButton) this.closeButton.title = s.closeChat;
    this.launcher?.setAttribute('aria-label', s.openChat(storeName));
    this.footer.textContent = s.poweredBy;
  }

  /** The handoff banner and the header status: who the shopper is talking to. */
  showMode(mode: ConversationMode, s: Strings, handoffAuthor: string | undefined): void {
    const active = mode !== 'bot';
    this.banner.hidden = !active;
    this.banner.setAttribute('data-mode', mode);
    this.bannerTitle.textContent = s.handoffTitle;
    this.bannerDetail.textContent = mode === 'claimed' ? s.handoffClaimed(handoffAuthor) : s.handoffRequested;
    this.statusText.textContent = active ? s.statusHuman : s.status;
  }

  /** Opens or closes the floating panel. */
  showOpen(open: boolean): void {
    this.panel.hidden = !open;
    this.root.classList.toggle('shopguide-root--open', open);
    this.launcher?.setAttribute('aria-expanded', String(open));
    this.launcher?.replaceChildren(
      open ? icon('chevronDown', 28, 2.2) : icon('chat', 28, 2),
      this.launcherBadge ?? el('span'),
    );
  }

  showBusy(sending: boolean): void {
    this.sendButton.disabled = sending || this.input.value.trim() === '';
    this.log.setAttribute('aria-busy', String(sending));
  }

  showTyping(visible: boolean): void {
    this.typing.hidden = !visible;
    if (visible) this.scrollToBottom();
  }

  showUnread(count: number): void {
    if (!this.launcherBadge) return;
    this.launcherBadge.hidden = count === 0;
    this.launcherBadge.textContent = count > 9 ? '9+' : String(count);
  }

  /** Empties the composer and returns what it held. */
  takeInput(): string {
    const text = this.input.value;
    this.input.value = '';
    this.autosize();
    return text;
  }

  autosize(): void {
    // An empty box keeps its one row: Chrome's scrollHeight would otherwise count a wrapped placeholder.
    if (this.input.value === '') {
      this.input.style.height = '';
      return;
    }
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(this.input.scrollHeight, 120)}px`;
  }

  scrollToBottom(): void {
    this.scroller.scrollTop = this.scroller.scrollHeight;
  }
}
