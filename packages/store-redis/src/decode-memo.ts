import { decodeDocumentWithin, type FeatureFlagStoreItem } from '@flipper-client/core/store';

const DEFAULT_CAPACITY = 10_000;

/**
 * Remembers the last document text decoded for each flag and the item it gave. Every read still
 * goes to Redis; only when the text that comes back is the same as last time is the parsing and
 * compiling skipped (items are immutable, so sharing one is safe). Not a cache of flags: it
 * never answers without a read. Bounded; the oldest entries go first.
 *
 * A document over `maxDocumentBytes` is refused (`DocumentTooLargeError`) before it is parsed.
 */
export class DecodeMemo {
  private readonly entries = new Map<string, { text: string; item: FeatureFlagStoreItem }>();

  constructor(
    private readonly maxDocumentBytes: number,
    private readonly capacity = DEFAULT_CAPACITY,
  ) {}

  decode(featureName: string, text: string): FeatureFlagStoreItem {
    const known = this.entries.get(featureName);
    if (known !== undefined && known.text === text) return known.item;
    const item = decodeDocumentWithin(featureName, text, this.maxDocumentBytes);
    if (known === undefined && this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    this.entries.set(featureName, { text, item });
    return item;
  }

  /** The flag is gone: its entry would only hold memory until pushed out. */
  forget(featureName: string): void {
    this.entries.delete(featureName);
  }

  get size(): number {
    return this.entries.size;
  }
}
