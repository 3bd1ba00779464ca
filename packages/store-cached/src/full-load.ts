import {
  InvalidDocumentError,
  StoreError,
  type FeatureFlagStore,
  type FeatureFlagStoreItem,
  type FlipperError,
} from '@flipper-client/core';

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
  onInvalid(error: FlipperError): void;
  /** Receives every flag, synchronously, at a moment when no change heard since is missing from it. */
  install(items: Map<string, FeatureFlagStoreItem>): void;
}

const MAX_LISTINGS = 5;
const MAX_FIXUP_PASSES = 10;

/**
 * Lists every flag. A flag may change while the listing runs, and the listing may have read it
 * before or after the change: those flags are read again, until a pass hears of no new change.
 */
export async function loadEverything(options: FullLoadOptions): Promise<void> {
  for (let listing = 1; listing <= MAX_LISTINGS; listing++) {
    const recorder = new ChangeRecorder();
    options.recorders.add(recorder);
    try {
      const items = new Map<string, FeatureFlagStoreItem>();
      for await (const item of options.inner.list({ onInvalid: options.onInvalid })) items.set(item.featureName, item);
      for (let pass = 0; pass < MAX_FIXUP_PASSES && !recorder.all; pass++) {
        if (recorder.names.size === 0) {
          options.install(items);
          return;
        }
        const names = [...recorder.names];
        recorder.names.clear();
        const reads = await Promise.all(names.map((name) => readValid(options, name)));
        names.forEach((name, i) => {
          const item = reads[i];
          if (item === undefined) items.delete(name);
          else items.set(name, item);
        });
      }
    } finally {
      options.recorders.delete(recorder);
    }
  }
  throw new StoreError(options.storeName, 'preload', `flags kept changing through ${MAX_LISTINGS} listings`);
}

/** A corrupt document is left out of the load and reported, as `list` does. */
async function readValid(options: FullLoadOptions, name: string): Promise<FeatureFlagStoreItem | undefined> {
  try {
    return await options.inner.get(name);
  } catch (error) {
    if (!(error instanceof InvalidDocumentError)) throw error;
    options.onInvalid(error);
    return undefined;
  }
}
