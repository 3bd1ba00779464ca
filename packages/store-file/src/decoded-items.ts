import { decodeDocument, type FeatureFlagStoreItem } from '@flipper-client/core/store';
import { documentTextOf } from './file-format.js';

/**
 * Each flag's item, decoded once per text of its member: a read of a flag the file has not
 * changed costs a map lookup, not a JSON parse and a compile of its conditions. Items are
 * immutable, so one serves every caller. A member that does not decode is not kept: each read
 * of it throws `InvalidDocumentError` again, as on any store.
 */
export class DecodedItems {
  private readonly items = new Map<string, { readonly text: string; readonly item: FeatureFlagStoreItem }>();

  get(featureName: string, memberText: string | undefined): FeatureFlagStoreItem | undefined {
    if (memberText === undefined) {
      this.items.delete(featureName);
      return undefined;
    }
    const known = this.items.get(featureName);
    if (known !== undefined && known.text === memberText) return known.item;
    const item = decodeDocument(featureName, documentTextOf(memberText));
    this.items.set(featureName, { text: memberText, item });
    return item;
  }
}
