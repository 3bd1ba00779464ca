import type { Checks } from '@flipper-client/core';
import { isSyncReadable, type FeatureFlagStore } from '@flipper-client/core/store';
import type { Grant } from './access.js';
import type { FlagCatalog } from './flag-catalog.js';

/** How many (caller, context) pairs are remembered; past it the least recently used goes. */
const LIMIT = 10_000;

/** A remembered answer is valid only while the catalog's generation stays where it was when the answer was made. */
export interface MemoKey {
  readonly key: string;
  readonly generation: number;
}

/**
 * The ETags of recent bulk answers, by caller and context, so that a revalidation whose tag is
 * still current is answered 304 without evaluating a flag. Only over a store whose local copy
 * is followed by a change feed (memory, cached): then nothing the answer depends on can change
 * without the feed saying so, and every change forgets every tag. Such a store announces a
 * change once its copy shows it (the cached store's mirror announces after its re-read), so a
 * tag made after the announcement is made from the new state. Answers that drew at random or
 * read the clock (a ramp) are never remembered.
 */
export class RevalidationMemo {
  private readonly etags = new Map<string, string>();
  private generation: number | undefined;

  constructor(
    private readonly catalog: FlagCatalog,
    private readonly store: FeatureFlagStore,
  ) {}

  /** Where this caller's answer for these checks is remembered; undefined when answers cannot be. */
  keyOf(grant: Grant, checks: Checks): MemoKey | undefined {
    const generation = this.catalog.generation;
    if (generation === undefined || !isSyncReadable(this.store) || !this.store.syncReady) return undefined;
    if (generation !== this.generation) {
      this.etags.clear();
      this.generation = generation;
    }
    return { key: JSON.stringify([grant.id, grant.prefixes ?? null, checks]), generation };
  }

  /** The ETag of the current answer for this key, when it is known. */
  current(memo: MemoKey): string | undefined {
    if (memo.generation !== this.catalog.generation) return undefined;
    const etag = this.etags.get(memo.key);
    if (etag !== undefined) {
      // Most recently used last: the first key is the one to drop.
      this.etags.delete(memo.key);
      this.etags.set(memo.key, etag);
    }
    return etag;
  }

  /** Remembers the tag of an answer made at `memo.generation`, unless something changed since. */
  remember(memo: MemoKey, etag: string): void {
    if (memo.generation !== this.catalog.generation || memo.generation !== this.generation) return;
    this.etags.delete(memo.key);
    this.etags.set(memo.key, etag);
    if (this.etags.size > LIMIT) this.etags.delete(this.etags.keys().next().value!);
  }
}
