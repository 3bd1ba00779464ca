import { encodeDocument, hasWholeDocumentWrites, type FeatureFlagStore, type FeatureFlagStoreItem } from '@flipper-client/core/store';
import { FlagError } from '../errors.js';
import type { Progress } from '../progress-bar.js';
import { actionName, type SyncAction, type SyncPlan } from './plan.js';
import { encodedOnce } from './encoded-once.js';
import { flagSelection, selectContents, type FlagSelection } from './flag-selection.js';
import { readStore } from './read-items.js';

/** Writes in flight at once: enough to hide network round trips, few enough for any backend. */
export const SYNC_CONCURRENCY = 64;

async function writeItem(store: FeatureFlagStore, action: SyncAction): Promise<void> {
  if (action.kind === 'unchanged') return;
  if (action.kind === 'delete') return store.delete(action.featureName);
  // The source's whole item in one write, whatever the target held: no read, never half there.
  if (hasWholeDocumentWrites(store)) return store.put(action.item);
  if (action.kind === 'update' && !action.corrupt) {
    // One compare-and-set that puts the source's item in place, whatever the target held.
    await store.update(action.item.featureName, () => action.item);
    return;
  }
  await createWhole(store, action.item);
}

/**
 * For a store without `put` (the Thrift service), a new flag takes two writes: `create` (which
 * replaces whatever is there) switched off, then one compare-and-set that puts the whole item —
 * state, conditions, bucketer, creation date — in place at once. Should that second write fail,
 * the flag is removed again (best effort); if even that fails it is left switched off, never on
 * without the conditions and bucketer that were meant to limit it.
 */
async function createWhole(store: FeatureFlagStore, item: FeatureFlagStoreItem): Promise<void> {
  await store.create(item.featureName, { isEnabled: false, clientData: item.clientData() });
  try {
    await store.update(item.featureName, () => item);
  } catch (error) {
    await store.delete(item.featureName).catch(() => undefined);
    throw error;
  }
}

/** A write failed: `written` of `total` flags had been written by then. */
export class PartialWriteError extends Error {
  constructor(
    readonly written: number,
    readonly total: number,
    readonly failure: unknown,
  ) {
    super(`${written} of ${total} flag writes were done before this failure; run the command again to finish`, { cause: failure });
    this.name = 'PartialWriteError';
  }
}

/**
 * Applies the plan, `SYNC_CONCURRENCY` flags at a time. The first failure stops new writes and
 * is thrown as a `PartialWriteError`; a flag is never half-written, but the target may hold part
 * of the plan.
 */
export async function applyPlan(store: FeatureFlagStore, plan: SyncPlan, progress: Progress): Promise<void> {
  const pending = plan.actions.filter((action) => action.kind !== 'unchanged');
  progress.advance(plan.actions.length - pending.length);
  let next = 0;
  let written = 0;
  let failure: unknown;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < pending.length) {
      const action = pending[next++]!;
      try {
        await writeItem(store, action);
        written++;
        progress.advance();
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(SYNC_CONCURRENCY, pending.length) }, worker));
  if (failure !== undefined) throw new PartialWriteError(written, pending.length, failure);
}

/**
 * Reads the target back (through a fresh connection where the store has one) and compares each
 * document byte for byte with the source's; with `prune`, the target must hold nothing else (of
 * the selected flags, when a copy was limited to some).
 * Throws a `FlagError` naming the flags that differ.
 */
export async function verifyTarget(
  target: FeatureFlagStore,
  source: readonly FeatureFlagStoreItem[],
  prune: boolean,
  timeoutMs: number,
  selection: FlagSelection = flagSelection({}),
): Promise<number> {
  const contents = selectContents(await readStore(target, timeoutMs), selection);
  const stored = new Map(contents.items.map((item) => [item.featureName, encodeDocument(item)]));
  const names = new Set(source.map((item) => item.featureName));
  const wrong: string[] = contents.invalid
    .filter((error) => prune || (error.featureName !== undefined && names.has(error.featureName)))
    .map((error) => `${error.featureName ?? '?'} (does not decode)`);
  for (const item of source) {
    const text = stored.get(item.featureName);
    if (text === undefined) wrong.push(`${item.featureName} (missing)`);
    else if (text !== encodedOnce(item)) wrong.push(`${item.featureName} (differs)`);
    stored.delete(item.featureName);
  }
  if (prune) for (const name of stored.keys()) wrong.push(`${name} (should have been deleted)`);
  if (wrong.length > 0) {
    const shown = wrong.slice(0, 10).map((entry) => `flag ${entry}`).join(', ');
    throw new FlagError(`verification failed: ${wrong.length} flag(s) in the target are not the source's: ${shown}${wrong.length > 10 ? ', …' : ''}`);
  }
  return source.length;
}

export { actionName };
