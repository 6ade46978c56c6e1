import { randomBytes } from 'node:crypto';
import { ConflictError, NotFoundError, ValidationError } from '../errors/errors';
import { VersionedStoreCache } from '../stores/versioned-cache';
import { parseFaqDraft, type FaqEntry, type FaqSource } from './faq-entry';
import { FaqIndex, type FaqMatch } from './faq-index';
import type { FaqEntryStore } from './ports';

/** Who writes an entry: a platform identity (`slack:T1:U1`) or `cli`, with a display name when known. */
export interface FaqActor {
  id: string;
  name?: string;
}

const ENTRY_ID = /^f-[a-z0-9]{6,20}$/;

/**
 * The store FAQ: entries merchants write once (CLI, Slack, Teams, a handoff reply) and the retrieval the
 * assistant answers from. The index is kept per store for the life of a warm process and rebuilt when the
 * store's FAQ version changes; the version is read on every turn (one small item), so an edit or a removal
 * takes effect on the next turn in every warm process.
 */
export class FaqService {
  private readonly indexes: VersionedStoreCache<FaqIndex>;

  constructor(
    private readonly store: FaqEntryStore,
    private readonly now: () => Date,
    options: { versionCheckMs?: number } = {},
  ) {
    this.indexes = new VersionedStoreCache({
      load: async (storeId) => FaqIndex.build(await store.list(storeId)),
      loadVersion: (storeId) => store.version(storeId),
      versionCheckMs: options.versionCheckMs ?? 0,
    });
  }

  index(storeId: string): Promise<FaqIndex> {
    return this.indexes.get(storeId);
  }

  /** The entry answering a shopper's question, when one is similar enough; only this store's entries. */
  async match(storeId: string, text: string): Promise<FaqMatch | undefined> {
    return (await this.index(storeId)).match(text);
  }

  list(storeId: string): Promise<FaqEntry[]> {
    return this.store
      .list(storeId)
      .then((entries) => entries.sort((a, b) => a.createdAt.localeCompare(b.createdAt)));
  }

  async get(storeId: string, entryId: string): Promise<FaqEntry> {
    const entry = ENTRY_ID.test(entryId) ? await this.store.get(storeId, entryId) : undefined;
    if (!entry) throw new NotFoundError(`No FAQ entry ${entryId} in this store`);
    return entry;
  }

  history(storeId: string, entryId: string) {
    return this.store.history(storeId, entryId);
  }

  async add(
    storeId: string,
    input: { questions: string[]; answer: string },
    actor: FaqActor,
    source: FaqSource,
    clusterId?: string,
  ): Promise<FaqEntry> {
    const draft = parseFaqDraft(input);
    const at = this.now().toISOString();
    const entry: FaqEntry = {
      storeId,
      entryId: `f-${randomBytes(6).toString('hex')}`,
      questions: draft.questions,
      answer: draft.answer,
      version: 1,
      author: actor.id,
      authorName: actor.name,
      createdAt: at,
      updatedAt: at,
      source,
      clusterId,
    };
    if (!(await this.store.put(entry))) throw new ConflictError('Please try again');
    this.indexes.invalidate(storeId);
    return entry;
  }

  /** The next version of an entry; fails with a conflict when someone else edited it meanwhile. */
  async edit(
    storeId: string,
    entryId: string,
    changes: { questions?: string[]; answer?: string },
    actor: FaqActor,
  ): Promise<FaqEntry> {
    if (!changes.questions?.length && changes.answer === undefined)
      throw new ValidationError('Nothing to change: give --question or --answer');
    const current = await this.get(storeId, entryId);
    const draft = parseFaqDraft({
      questions: changes.questions?.length ? changes.questions : current.questions,
      answer: changes.answer ?? current.answer,
    });
    const next: FaqEntry = {
      ...current,
      ...draft,
      version: current.version + 1,
      author: actor.id,
      authorName: actor.name,
      updatedAt: this.now().toISOString(),
    };
    if (!(await this.store.put(next)))
      throw new ConflictError('The entry was changed meanwhile; list it again and retry');
    this.indexes.invalidate(storeId);
    return next;
  }

  async remove(storeId: string, entryId: string, actor: FaqActor): Promise<void> {
    await this.get(storeId, entryId);
    if (!(await this.store.remove(storeId, entryId, actor.id, this.now().toISOString())))
      throw new NotFoundError(`No FAQ entry ${entryId} in this store`);
    this.indexes.invalidate(storeId);
  }
}
