/** What survives a page reload, per store and API, in sessionStorage. */
import type { Language } from '../../../language/language';
import type { Rating } from '../wire';
import { asStrings } from './api-client';
import { STORAGE_PREFIX } from './limits';

export interface StoredSession {
  v: 1;
  sessionId: string;
  token: string;
  storeName: string;
  greeting: string;
  suggestions: string[];
  language: Language;
  cursor?: string;
  feedback: Record<string, Rating>;
  cartUrlTemplate?: string;
}

export function storageKey(storeId: string, apiBase: string): string {
  return `${STORAGE_PREFIX}${apiBase}:${storeId}`;
}

export function loadStoredSession(key: string): StoredSession | undefined {
  try {
    const raw = window.sessionStorage.getItem(key);
    if (!raw) return undefined;
    const parsed = JSON.parse(raw) as Partial<StoredSession>;
    if (parsed.v !== 1 || typeof parsed.token !== 'string' || typeof parsed.sessionId !== 'string')
      return undefined;
    return {
      v: 1,
      sessionId: parsed.sessionId,
      token: parsed.token,
      storeName: typeof parsed.storeName === 'string' ? parsed.storeName : '',
      greeting: typeof parsed.greeting === 'string' ? parsed.greeting : '',
      suggestions: asStrings(parsed.suggestions),
      language: parsed.language === 'zh' ? 'zh' : 'en',
      cursor: typeof parsed.cursor === 'string' ? parsed.cursor : undefined,
      feedback: parsed.feedback && typeof parsed.feedback === 'object' ? parsed.feedback : {},
      ...(typeof parsed.cartUrlTemplate === 'string' && /^https:\/\//i.test(parsed.cartUrlTemplate)
        ? { cartUrlTemplate: parsed.cartUrlTemplate }
        : {}),
    };
  } catch {
    // Storage can be disabled (privacy modes, sandboxed iframes); the chat then simply does not resume.
    return undefined;
  }
}

export function saveStoredSession(key: string, session: StoredSession | undefined): void {
  try {
    if (session) window.sessionStorage.setItem(key, JSON.stringify(session));
    else window.sessionStorage.removeItem(key);
  } catch {
    // See loadStoredSession.
  }
}
