import { MemoryFeatureFlagStore } from '@flipper-client/core';
import {
  compareCodePoints,
  decodeDocument,
  type FeatureFlagStoreItem,
  type StoreChangeListener,
  type Unsubscribe,
} from '@flipper-client/core/store';

/**
 * The data the connections of `LateFeedStore` share: the flags, held by a memory store, and the
 * raw documents that could not be decoded, held as text. `writeRaw` stores a document as another
 * program would (a plain SET), reported once on the feed.
 */
export class SharedFlags {
  readonly memory = new MemoryFeatureFlagStore();
  /** Raw documents that do not decode, by flag: the flag is not in `memory` then. */
  readonly corrupt = new Map<string, string>();
  private readonly listeners = new Set<StoreChangeListener>();
  private writingRaw = false;

  constructor() {
    this.memory.watch((change) => {
      if (!this.writingRaw) for (const listener of this.listeners) listener(change);
    });
  }

  watch(listener: StoreChangeListener): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(featureName: string): void {
    for (const listener of this.listeners) listener({ kind: 'flag', featureName });
  }

  /** The flag, `undefined` when missing; throws the decode error of a corrupt document. */
  read(featureName: string): FeatureFlagStoreItem | undefined {
    const corrupt = this.corrupt.get(featureName);
    return corrupt === undefined ? this.memory.getSync(featureName) : decodeDocument(featureName, corrupt);
  }

  /** Every stored name, corrupt ones included, in the memory store's order (code points). */
  async names(): Promise<string[]> {
    const names = new Set(this.corrupt.keys());
    for await (const item of this.memory.list()) names.add(item.featureName);
    return [...names].sort(compareCodePoints);
  }

  writeRaw(featureName: string, text: string): void {
    let item: FeatureFlagStoreItem | undefined;
    try {
      item = decodeDocument(featureName, text);
    } catch {
      item = undefined;
    }
    // The memory store's operations take effect (and report) synchronously: the raw write is
    // reported once, below, as one SET is.
    this.writingRaw = true;
    try {
      void this.memory.delete(featureName);
      this.corrupt.delete(featureName);
      if (item === undefined) {
        this.corrupt.set(featureName, text);
      } else {
        void this.memory.put(item);
      }
    } finally {
      this.writingRaw = false;
    }
    this.notify(featureName);
  }
}
