import type { MessageRole } from '../../../conversations/conversation';

/**
 * What the transcript already shows, so that a message coming back from the server (a reply polling also
 * fetches, the greeting in the history, the shopper's own message) is drawn once. Known ids are remembered;
 * messages drawn before the server gave them an id wait as echoes, matched by role and text.
 */
export class DrawnMessages {
  private readonly seenIds = new Set<string>();
  /** Messages already drawn locally whose server copy may come back through polling. */
  private readonly pendingEchoes: { role: MessageRole; text: string }[] = [];

  hasSeen(id: string): boolean {
    return this.seenIds.has(id);
  }

  markSeen(id: string): void {
    this.seenIds.add(id);
  }

  /** A message drawn locally, before the server's copy (without an id we know) comes back. */
  expectEcho(role: MessageRole, text: string): void {
    this.pendingEchoes.push({ role, text });
  }

  /** Consumes a pending echo of this message; false when none was waiting. */
  takeEcho(role: MessageRole, text: string): boolean {
    const index = this.pendingEchoes.findIndex((echo) => echo.role === role && echo.text === text);
    if (index < 0) return false;
    this.pendingEchoes.splice(index, 1);
    return true;
  }

  /** Whether a message from the server's history is new to the transcript (an empty one never is). */
  admit(
    message: { id?: string; replyId?: string; role: MessageRole; text: string },
    hasContent: boolean,
  ): boolean {
    const { id, replyId, role, text } = message;
    const alreadyDrawn = (id && this.seenIds.has(id)) || (replyId && this.seenIds.has(replyId));
    if (id) this.seenIds.add(id);
    if (replyId) this.seenIds.add(replyId);
    if (alreadyDrawn) {
      this.takeEcho(role, text);
      return false;
    }
    if (!hasContent) return false;
    return !this.takeEcho(role, text);
  }

  clear(): void {
    this.seenIds.clear();
    this.pendingEchoes.length = 0;
  }
}
