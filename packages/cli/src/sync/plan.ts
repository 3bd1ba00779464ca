import { encodeDocument, type FeatureFlagStoreItem, type StoredDocument } from '@flipper-client/core/store';
import { encodedOnce } from './encoded-once.js';
import type { StoreContents } from './read-items.js';

export type SyncAction =
  /** Not in the target. */
  | { readonly kind: 'create'; readonly item: FeatureFlagStoreItem }
  /** In the target with another document (`changed` names the parts), or with one that does not decode. */
  | { readonly kind: 'update'; readonly item: FeatureFlagStoreItem; readonly changed: readonly string[]; readonly corrupt: boolean }
  | { readonly kind: 'unchanged'; readonly item: FeatureFlagStoreItem }
  /** In the target only (with `--prune`). */
  | { readonly kind: 'delete'; readonly featureName: string };

export interface SyncPlan {
  readonly actions: readonly SyncAction[];
  readonly counts: Readonly<Record<SyncAction['kind'], number>>;
}

const PARTS: ReadonlyArray<[string, (document: StoredDocument) => unknown]> = [
  ['is_enabled', (document) => document.is_enabled],
  ['client_data', (document) => document.meta.client_data],
  ['created_date', (document) => document.meta.created_date],
  ['conditions', (document) => document.meta.conditions],
  ['bucketer', (document) => document.meta.bucketer],
];

/** The parts of the document that differ between two items of one flag. */
export function changedParts(from: FeatureFlagStoreItem, to: FeatureFlagStoreItem): string[] {
  const before = from.toJSON();
  const after = to.toJSON();
  const changed = PARTS.filter(([, part]) => JSON.stringify(part(before)) !== JSON.stringify(part(after))).map(([name]) => name);
  return changed.length === 0 ? ['document text'] : changed;
}

/** What makes the target hold exactly the source's documents (and, with `prune`, nothing else). */
export function planSync(source: readonly FeatureFlagStoreItem[], target: StoreContents, prune: boolean): SyncPlan {
  const existing = new Map(target.items.map((item) => [item.featureName, item]));
  const corrupt = new Set(target.invalid.map((error) => error.featureName).filter((name): name is string => name !== undefined));
  const wanted = new Set<string>();
  const actions: SyncAction[] = [];
  for (const item of source) {
    wanted.add(item.featureName);
    const current = existing.get(item.featureName);
    if (corrupt.has(item.featureName)) actions.push({ kind: 'update', item, changed: ['the whole document (it does not decode)'], corrupt: true });
    else if (current === undefined) actions.push({ kind: 'create', item });
    else if (encodeDocument(current) === encodedOnce(item)) actions.push({ kind: 'unchanged', item });
    else actions.push({ kind: 'update', item, changed: changedParts(current, item), corrupt: false });
  }
  if (prune) {
    for (const name of [...existing.keys(), ...corrupt]) if (!wanted.has(name)) actions.push({ kind: 'delete', featureName: name });
  }
  const counts = { create: 0, update: 0, unchanged: 0, delete: 0 };
  for (const action of actions) counts[action.kind]++;
  return { actions, counts };
}

export function actionName(action: SyncAction): string {
  return action.kind === 'delete' ? action.featureName : action.item.featureName;
}
