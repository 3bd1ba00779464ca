import { compareCodePoints } from '@flipper-client/core';
import type { FeatureFlagStore, FeatureFlagStoreItem, FlipperError } from '@flipper-client/core/store';
import type { Progress } from '../progress-bar.js';

export interface StoreContents {
  /** Every flag that decoded, in name order (code points), whatever order the store lists in. */
  readonly items: FeatureFlagStoreItem[];
  /** Stored documents that did not decode, each naming its flag. */
  readonly invalid: FlipperError[];
}

/** Lists the whole store once. */
export async function readStore(store: FeatureFlagStore, progress?: Progress): Promise<StoreContents> {
  const items: FeatureFlagStoreItem[] = [];
  const invalid: FlipperError[] = [];
  for await (const item of store.list({ onInvalid: (error) => invalid.push(error) })) {
    items.push(item);
    progress?.advance();
  }
  items.sort((a, b) => compareCodePoints(a.featureName, b.featureName));
  return { items, invalid };
}
