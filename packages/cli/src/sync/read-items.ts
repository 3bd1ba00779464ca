import { compareCodePoints } from '@flipper-client/core/store';
import { hasReadiness, type FeatureFlagStore, type FeatureFlagStoreItem, type FlipperError } from '@flipper-client/core/store';
import type { Progress } from '../progress-bar.js';

export interface StoreContents {
  /** Every flag that decoded, in name order (code points), whatever order the store lists in. */
  readonly items: FeatureFlagStoreItem[];
  /** Stored documents that did not decode, each naming its flag. */
  readonly invalid: FlipperError[];
}

/**
 * A store that loads a complete copy of its own (Consul) lists from that copy once it is there:
 * waiting for it, within `ms`, saves a second full read. A store that cannot get there in time
 * (unreachable, or very large) is listed directly, which fails or succeeds on its own.
 */
async function settled(store: FeatureFlagStore, ms: number): Promise<void> {
  if (!hasReadiness(store)) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([store.ready().catch(() => undefined), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/** Lists the whole store once. */
export async function readStore(store: FeatureFlagStore, readyWithinMs: number, progress?: Progress): Promise<StoreContents> {
  await settled(store, readyWithinMs);
  const items: FeatureFlagStoreItem[] = [];
  const invalid: FlipperError[] = [];
  for await (const item of store.list({ onInvalid: (error) => invalid.push(error) })) {
    items.push(item);
    progress?.advance();
  }
  items.sort((a, b) => compareCodePoints(a.featureName, b.featureName));
  return { items, invalid };
}
