import { encodeDocument, type FeatureFlagStoreItem } from '@flipper-client/core/store';

const encodings = new WeakMap<FeatureFlagStoreItem, string>();

/** The item's document, encoded once however often it is compared. */
export function encodedOnce(item: FeatureFlagStoreItem): string {
  let text = encodings.get(item);
  if (text === undefined) encodings.set(item, (text = encodeDocument(item)));
  return text;
}
