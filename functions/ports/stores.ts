import type { Store } from '../stores/store';

/** Store records as the core reads them. `fresh` skips a warm process's cached copy. */
export interface StoreDirectory {
  get(storeId: string, options?: { fresh?: boolean }): Promise<Store | undefined>;
  list(): Promise<Store[]>;
}

/** The wall clock, injected so tests and re-runs control time. */
export type Clock = () => Date;
