import type { FeatureFlagStore } from '@flipper-client/core/store';
import type { Backends } from './bad-input-backends.js';

/**
 * One store under test for the bad-input table, over a backend that belongs to this test file
 * alone, so that `snapshot()` can read the backend's whole contents: a bad input must leave every
 * byte of it as it was, and a flag name must reach exactly its own key.
 */
export interface BadInputTarget {
  /** Empties the backend and hands out a fresh store over it (called before every case). */
  reset(): Promise<FeatureFlagStore>;
  /** Everything the backend holds: key → stored text. */
  snapshot(): Promise<Map<string, string>>;
  /** The backend keys a flag name must land on (one, or one per replica). */
  keysOf(name: string): string[];
  /** Writes a document bypassing the store, as another program would. */
  writeRaw(name: string, text: string): Promise<void>;
  close(): Promise<void>;
}

export interface TargetFactory {
  readonly label: string;
  /** False for the memory store, which keeps items, not text: no raw documents there. */
  readonly rawDocuments: boolean;
  /**
   * Whether the client hears of a document `list` skipped. Thrift's `List` has no way to say so:
   * the server skips it (and tells its own `onError`), the client sees the good flags only.
   */
  readonly listReportsInvalid: boolean;
  /**
   * Whether `isEnabled` on a corrupt document reports it on the client's `error` events (SPEC §7).
   * True for every store now (consul's `getSync` throws the decoding error since it was fixed);
   * kept so that a new target that cannot report it says so here.
   */
  readonly reportsCorruptOnEvaluation: boolean;
  /** Names the backend cannot hold, with the reason (limits of the test server, not of the store). */
  readonly unsupportedNames: ReadonlyMap<string, string>;
  open(backends: Backends): Promise<BadInputTarget>;
}

export const NO_UNSUPPORTED_NAMES: ReadonlyMap<string, string> = new Map();
