import { InvalidDocumentError, StoreError, type FeatureFlagStore, type FlipperError } from '@flipper-client/core/store';
import type { MirrorEntry } from './mirror-entry.js';

/** Flags that changed while a full listing ran; the listing reads them again before it is used. */
export class ChangeRecorder {
  readonly names = new Set<string>();
  /** The change feed said changes may have been missed: list again. */
  all = false;
}

export interface FullLoadOptions {
  inner: FeatureFlagStore;
  storeName: string;
  /** Where the caller's change handler records what it hears while the load runs. */
  recorders: Set<ChangeRecorder>;
  /** Hears of each corrupt document met; it is kept in the load as well (see `MirrorEntry`). */
  onInvalid(error: FlipperError): void;
  /** Receives every flag, synchronously, at a moment when no change heard since is missing from it. */
  install(entries: Map<string, MirrorEntry>): void;
}

const MAX_LISTINGS = 5;
const MAX_FIXUP_PASSES = 10;
/**
 * Flags read again at once after a listing. A burst of changes during a long listing (a bulk
 * import of 100,000 flags) must not become 100,000 reads in flight: they go in batches.
 */
export const REREAD_BATCH = 100;

/**
 * Lists every flag. A flag may change while the listing runs, and the listing may have read it
 * before or after the change: those flags are read again, until a pass hears of no new change.
 * The listing is consumed as the inner store streams it (one item at a time, never a promise
 * per flag), into a new map: whoever holds the previous one keeps answering from it until
 * `install`, and a listing that fails half-way is dropped whole.
 */
export async function loadEverything(options: FullLoadOptions): Promise<void> {
  for (let listing = 1; listing <= MAX_LISTINGS; listing++) {
    const recorder = new ChangeRecorder();
    options.recorders.add(recorder);
    try {
      const entries = new Map<string, MirrorEntry>();
      const onInvalid = (error: FlipperError): void => {
        if (error.featureName !== undefined) entries.set(error.featureName, error);
        options.onInvalid(error);
      };
      for await (const item of options.inner.list({ onInvalid })) entries.set(item.featureName, item);
      for (let pass = 0; pass < MAX_FIXUP_PASSES && !recorder.all; pass++) {
        if (recorder.names.size === 0) {
          options.install(entries);
          return;
        }
        const names = [...recorder.names];
        recorder.names.clear();
        for (let start = 0; start < names.length; start += REREAD_BATCH) {
          const batch = names.slice(start, start + REREAD_BATCH);
          const reads = await Promise.all(batch.map((name) => readAgain(options, name)));
          batch.forEach((name, i) => {
            const entry = reads[i];
            if (entry === undefined) entries.delete(name);
            else entries.set(name, entry);
          });
        }
      }
    } finally {
      options.recorders.delete(recorder);
    }
  }
  throw new StoreError(options.storeName, 'preload', `flags kept changing through ${MAX_LISTINGS} listings`);
}

/** A corrupt document is kept as its decode error and reported, as `list` reports it. */
async function readAgain(options: FullLoadOptions, name: string): Promise<MirrorEntry | undefined> {
  try {
    return await options.inner.get(name);
  } catch (error) {
    if (!(error instanceof InvalidDocumentError)) throw error;
    options.onInvalid(error);
    return error;
  }
}
