import type { FeatureFlagStoreItem } from '@flipper-client/core/store';
import type { CommandRunner } from './command-runner.js';
import type { DecodeMemo } from './decode-memo.js';
import type { KeyLayout } from './keys.js';
import { fetchDocuments } from './list.js';
import type { RedisClient } from './redis-client.js';

type Read = FeatureFlagStoreItem | undefined;
type Resolve = (item: Read) => void;
type Reject = (error: unknown) => void;

const MAX_KEYS_PER_FLUSH = 500;

// The resolving functions of the promise made last: one executor for every read, so that a
// read allocates no closure of its own (`new Promise` runs its executor synchronously).
let madeResolve: Resolve = () => {};
let madeReject: Reject = () => {};
function keepSettlers(resolve: Resolve, reject: Reject): void {
  madeResolve = resolve;
  madeReject = reject;
}

/** What the batcher keeps per flag read: its key, built once, its read in progress, its last document. */
interface FlagSlot {
  readonly name: string;
  readonly key: string;
  /** The read later callers share: asked for or on the wire, and no write resolved since. */
  shared: Promise<Read> | undefined;
  /**
   * The text of the last document read and the item decoded from it (through the memo): the
   * same text again answers the same item without a lookup in the memo's map per read.
   */
  text: string | undefined;
  item: FeatureFlagStoreItem | undefined;
}

/** Flags whose slots are kept; past it they are dropped all at once (a slot is cheap to rebuild). */
const MAX_SLOTS = 10_000;

/**
 * The reads asked for in one turn, in parallel arrays (no object per read). A list, not a map:
 * a flag may be asked for twice in one turn (a write in between).
 */
class Batch {
  readonly keys: string[] = [];
  readonly slots: FlagSlot[] = [];
  readonly reads: Promise<Read>[] = [];
  readonly resolves: Resolve[] = [];
  readonly rejects: Reject[] = [];
}

/**
 * Reads flags, batched and shared:
 *
 * - Every read asked for in one turn of the event loop goes out in one MGET (per hash slot on a
 *   cluster) once the turn's microtasks have run. The flush is a `process.nextTick` queued by the
 *   turn's first read: Node runs it only when the microtask queue is empty, so every caller woken
 *   by the same reply (each `await`s a few promises before it asks again) is in the batch, and it
 *   still runs before any I/O or timer, so a lone read waits for nothing.
 * - A flag asked for while a read of it is asked or on the wire gets that read's answer, as with
 *   the core's `SharedReads`, and `forget` (after a write) makes later reads start anew. Kept here
 *   rather than in a `SharedReads` in front because the batch can drop its shares in one loop when
 *   its reply arrives; a `then` per read to do it cost a promise and a microtask per call.
 * - Replies are decoded through the memo and each caller's promise is settled from the reply
 *   itself, with no further promise between.
 */
export class ReadBatcher {
  private batch: Batch | undefined;
  /**
   * Per flag read. The read in progress sits on the flag's slot, not in a map of reads: a map
   * that gains and loses an entry per read kept rebuilding its table, and the reads it held were
   * promoted out of the young generation with it (--trace-gc: ~1.3 MB promoted per scavenge,
   * scavenges of 2-3 ms instead of under 1; about 10% more CPU per answer for 64 callers).
   */
  private readonly slots = new Map<string, FlagSlot>();
  private readonly flush = (): void => {
    const batch = this.batch!;
    this.batch = undefined;
    for (let start = 0; start < batch.keys.length; start += MAX_KEYS_PER_FLUSH) this.send(batch, start);
  };

  constructor(
    private readonly client: RedisClient,
    private readonly layout: KeyLayout,
    private readonly runner: CommandRunner,
    private readonly memo: DecodeMemo,
  ) {}

  /** The flag as stored, or undefined when absent; a read of it in progress is shared. */
  read(featureName: string): Promise<Read> {
    const slot = this.slotOf(featureName);
    if (slot.shared !== undefined) return slot.shared;
    let batch = this.batch;
    if (batch === undefined) {
      batch = this.batch = new Batch();
      process.nextTick(this.flush);
    }
    const read = new Promise<Read>(keepSettlers);
    batch.resolves.push(madeResolve);
    batch.rejects.push(madeReject);
    batch.keys.push(slot.key);
    batch.slots.push(slot);
    batch.reads.push(read);
    slot.shared = read;
    return read;
  }

  /** Reads of `featureName` asked for from now on start anew; those in progress still answer. */
  forget(featureName: string): void {
    const slot = this.slots.get(featureName);
    if (slot !== undefined) slot.shared = undefined;
  }

  private slotOf(featureName: string): FlagSlot {
    let slot = this.slots.get(featureName);
    if (slot === undefined) {
      // A dropped slot's read in progress still answers its callers; it is only no longer shared.
      if (this.slots.size >= MAX_SLOTS) this.slots.clear();
      slot = { name: featureName, key: this.layout.key(featureName), shared: undefined, text: undefined, item: undefined };
      this.slots.set(featureName, slot);
    }
    return slot;
  }

  /** Sends the batch's reads from `start` on (at most MAX_KEYS_PER_FLUSH) and settles them. */
  private send(batch: Batch, start: number): void {
    const whole = start === 0 && batch.keys.length <= MAX_KEYS_PER_FLUSH;
    const end = Math.min(batch.keys.length, start + MAX_KEYS_PER_FLUSH);
    const keys = whole ? batch.keys : batch.keys.slice(start, end);
    fetchDocuments(this.client, this.runner, keys).then(
      (texts) => {
        for (let i = start; i < end; i++) this.settle(batch, i, texts[i - start] ?? null);
      },
      (error: unknown) => {
        for (let i = start; i < end; i++) {
          this.unshare(batch, i);
          batch.rejects[i]!(this.runner.storeError('get', batch.slots[i]!.name, error));
        }
      },
    );
  }

  private settle(batch: Batch, index: number, text: string | null): void {
    const slot = this.unshare(batch, index);
    if (text === null) {
      slot.text = slot.item = undefined;
      this.memo.forget(slot.name);
      batch.resolves[index]!(undefined);
      return;
    }
    // Compared before the memo: one string comparison, where the memo costs a map lookup too.
    if (slot.text === text) {
      batch.resolves[index]!(slot.item);
      return;
    }
    let item: FeatureFlagStoreItem;
    try {
      item = this.memo.decode(slot.name, text);
    } catch (error) {
      slot.text = slot.item = undefined;
      batch.rejects[index]!(error);
      return;
    }
    slot.text = text;
    slot.item = item;
    batch.resolves[index]!(item);
  }

  /** Ends the sharing of the batch's `index`th read, unless a write ended it already. */
  private unshare(batch: Batch, index: number): FlagSlot {
    const slot = batch.slots[index]!;
    if (slot.shared === batch.reads[index]) slot.shared = undefined;
    return slot;
  }
}
