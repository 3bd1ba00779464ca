import type { FeatureFlagStoreItem } from '@flipper-client/core/store';
import type { FlagMetadata } from '@openfeature/server-sdk';

/**
 * The flag's client data as OpenFeature flag metadata. Flag metadata holds only strings, numbers
 * and booleans, so top-level entries of another kind (null, lists, objects) are left out rather
 * than flattened or stringified: a hook reading `owner` gets the stored string, never a copy
 * reshaped by this provider.
 */
export function flagMetadataOf(item: FeatureFlagStoreItem): FlagMetadata {
  const metadata: FlagMetadata = {};
  const clientData = item.meta.clientData;
  for (const key of Object.keys(clientData)) {
    const value = clientData[key];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      metadata[key] = value;
    }
  }
  return metadata;
}
