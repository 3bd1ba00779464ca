import type { FeatureFlagStoreItem, FlipperError } from '@flipper-client/core/store';

/**
 * What a mirror holds for one stored flag: the flag, or the error its document could not be
 * decoded with (an `InvalidDocumentError`, or what a store's `list` reported as invalid). A
 * corrupt document is an answer about that flag, as the inner store's `get` gives it: kept, it
 * is passed on to readers instead of answering "missing".
 */
export type MirrorEntry = FeatureFlagStoreItem | FlipperError;

/** The entry as `get` answers it: the flag, `undefined` when absent, or the kept error thrown. */
export function readEntry(entry: MirrorEntry | undefined): FeatureFlagStoreItem | undefined {
  if (entry instanceof Error) throw entry;
  return entry;
}
