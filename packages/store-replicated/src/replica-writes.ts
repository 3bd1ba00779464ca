import {
  FlagDoesNotExistError,
  InvalidDocumentError,
  encodeDocument,
  hasWholeDocumentWrites,
  type FeatureFlagStore,
  type FeatureFlagStoreItem,
  type ItemChange,
  type WriteContext,
} from '@flipper-client/core/store';

/**
 * How a replica is brought to the primary's result. Each write carries the primary write's
 * context, so a replica that keeps history records the same actor and action. A replica with `put` gets the whole
 * document in one write. One without it is written as an update that replaces its item, or,
 * when it lacks the flag (or holds a document it cannot read), created switched off and then
 * completed by one update: it is never on without the conditions that limit it.
 */

/** A replica that lacks the flag, or holds a corrupt document for it, is written afresh. */
function needsCreate(error: unknown): boolean {
  return error instanceof FlagDoesNotExistError || error instanceof InvalidDocumentError;
}

/**
 * Creates the flag on the replica as `item`, byte for byte (its created date included). Without
 * `put` that takes two writes; should the second fail, the replica's flag stays switched off.
 */
export async function createItem(replica: FeatureFlagStore, item: FeatureFlagStoreItem, context?: WriteContext): Promise<void> {
  if (hasWholeDocumentWrites(replica)) return replica.put(item, context);
  const made = await replica.create(item.featureName, { isEnabled: false, clientData: item.clientData() }, context);
  if (encodeDocument(made) !== encodeDocument(item)) await replica.update(item.featureName, () => item, context);
}

/** Makes the replica hold exactly `item`. */
export async function putItem(replica: FeatureFlagStore, item: FeatureFlagStoreItem, context?: WriteContext): Promise<void> {
  if (hasWholeDocumentWrites(replica)) return replica.put(item, context);
  try {
    await replica.update(item.featureName, () => item, context);
  } catch (error) {
    if (!needsCreate(error)) throw error;
    await createItem(replica, item, context);
  }
}

/** Makes the replica hold what the primary holds now, or nothing when the primary has no such flag. */
export async function copyFromPrimary(
  primary: FeatureFlagStore,
  replica: FeatureFlagStore,
  featureName: string,
  context?: WriteContext,
): Promise<void> {
  const item = await primary.get(featureName);
  if (item === undefined) await replica.delete(featureName, context);
  else await putItem(replica, item, context);
}

/**
 * Applies to the replica's copy the change the primary applied (`set`, `setMeta`, which do not
 * return the item). A replica in step ends with the primary's document; one that lacks the flag
 * gets the primary's whole flag instead.
 */
export async function changeOrCopy(
  primary: FeatureFlagStore,
  replica: FeatureFlagStore,
  featureName: string,
  change: ItemChange,
  context?: WriteContext,
): Promise<void> {
  try {
    await replica.update(featureName, change, context);
  } catch (error) {
    if (!needsCreate(error)) throw error;
    await copyFromPrimary(primary, replica, featureName, context);
  }
}
