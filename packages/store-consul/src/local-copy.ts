import { decodeDocumentWithin, InvalidDocumentError, type FeatureFlagStoreItem } from '@flipper-client/core/store';

/** One flag as the copy holds it: the stored text and what it decodes to. */
export interface CopyEntry {
  readonly text: string;
  /** Exactly one of `item` and `error` is set. */
  readonly item: FeatureFlagStoreItem | undefined;
  readonly error: InvalidDocumentError | undefined;
  /** Write sequence of this process's own write not yet seen in a snapshot; 0 once confirmed. */
  readonly pinnedAt: number;
}

/** A flag as a snapshot of the prefix shows it. */
export interface SnapshotEntry {
  readonly name: string;
  readonly text: string;
}

export interface SnapshotOutcome {
  /** Flags whose visible state changed. */
  changed: string[];
  /** Documents first seen now that do not decode. */
  invalid: InvalidDocumentError[];
  /** Some flag was left as this process wrote it because the snapshot may predate that write: read again. */
  recheck: boolean;
}

/**
 * The complete local copy of the flags under the prefix.
 *
 * Snapshots (whole-prefix reads) and this process's own writes both land here, and may arrive
 * out of order: a snapshot requested before a write completed can answer with the state from
 * before it. So each own write (or delete) is stamped with a sequence number, each snapshot with
 * the sequence current when its request started, and a snapshot never overrides a newer own
 * write. Where it disagrees with one, the caller reads again, which then starts after the write.
 */
export class LocalCopy {
  private readonly entries = new Map<string, CopyEntry>();
  /** Own deletes not yet seen in a snapshot, with their sequence number. */
  private readonly deletes = new Map<string, number>();
  private sequence = 0;

  /** `maxBytes`: documents larger than this are held as their `DocumentTooLargeError`, not decoded. */
  constructor(private readonly maxBytes: number) {}

  /** Marks the start of a snapshot request; pass the answer to `applySnapshot`. */
  snapshotStart(): number {
    return this.sequence;
  }

  lookup(featureName: string): CopyEntry | undefined {
    return this.entries.get(featureName);
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  /** Records an own write; answers whether the visible flag changed. */
  applyOwnWrite(item: FeatureFlagStoreItem, text: string): boolean {
    const before = this.entries.get(item.featureName);
    this.deletes.delete(item.featureName);
    this.entries.set(item.featureName, { text, item, error: undefined, pinnedAt: ++this.sequence });
    return before?.text !== text;
  }

  /** Records an own delete; answers whether a flag was there. */
  applyOwnDelete(featureName: string): boolean {
    this.deletes.set(featureName, ++this.sequence);
    return this.entries.delete(featureName);
  }

  applySnapshot(snapshot: readonly SnapshotEntry[], startedAt: number): SnapshotOutcome {
    const outcome: SnapshotOutcome = { changed: [], invalid: [], recheck: false };
    const seen = new Set<string>();
    for (const { name, text } of snapshot) {
      seen.add(name);
      const deletedAt = this.deletes.get(name);
      if (deletedAt !== undefined && deletedAt > startedAt) {
        outcome.recheck = true;
        continue;
      }
      this.deletes.delete(name);
      const current = this.entries.get(name);
      if (current !== undefined && current.text === text) {
        if (current.pinnedAt !== 0) this.entries.set(name, { ...current, pinnedAt: 0 });
        continue;
      }
      if (current !== undefined && current.pinnedAt > startedAt) {
        outcome.recheck = true;
        continue;
      }
      const entry = decodeEntry(name, text, this.maxBytes);
      this.entries.set(name, entry);
      outcome.changed.push(name);
      if (entry.error !== undefined) outcome.invalid.push(entry.error);
    }
    for (const [name, entry] of this.entries) {
      if (seen.has(name)) continue;
      if (entry.pinnedAt > startedAt) {
        outcome.recheck = true;
        continue;
      }
      this.entries.delete(name);
      outcome.changed.push(name);
    }
    for (const [name, deletedAt] of this.deletes) {
      if (!seen.has(name) && deletedAt <= startedAt) this.deletes.delete(name);
    }
    return outcome;
  }
}

function decodeEntry(name: string, text: string, maxBytes: number): CopyEntry {
  try {
    return { text, item: decodeDocumentWithin(name, text, maxBytes), error: undefined, pinnedAt: 0 };
  } catch (error) {
    const invalid =
      error instanceof InvalidDocumentError ? error : new InvalidDocumentError(name, 'document', String(error), { cause: error });
    return { text, item: undefined, error: invalid, pinnedAt: 0 };
  }
}
