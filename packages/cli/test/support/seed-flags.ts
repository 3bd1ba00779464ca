import {
  Condition,
  ConsistentHashPercentageBucketer,
  LinearRampPercentage,
  NoOpBucketer,
  Percentage,
  PercentageBucketer,
  type Bucketer,
} from '@flipper-client/core';
import { encodeDocument, FeatureFlagMeta, FeatureFlagStoreItem } from '@flipper-client/core/store';

function bucketerFor(index: number): Bucketer {
  switch (index % 5) {
    case 0:
      return new NoOpBucketer();
    case 1:
      return new PercentageBucketer({ percentage: new Percentage((index % 100) / 100) });
    case 2:
      return new ConsistentHashPercentageBucketer({ keyWhitelist: ['user_id'], percentage: new Percentage(0.5) });
    case 3:
      return new PercentageBucketer({
        percentage: new LinearRampPercentage({ initialValue: 0.1, finalValue: 0.9, rampDuration: 3600, initialTime: 1_700_000_000 + index }),
      });
    default:
      return new ConsistentHashPercentageBucketer({ keyWhitelist: [], percentage: new Percentage(1) });
  }
}

/** `count` flags of every shape (conditions with each operator, each bucketer, client data), as items. */
export function seedItems(count: number, prefix = 'FLAG'): FeatureFlagStoreItem[] {
  return Array.from({ length: count }, (_, index) => {
    const name = `${prefix}_${String(index).padStart(5, '0')}`;
    const conditions =
      index % 3 === 0
        ? []
        : [
            new Condition({ is_admin: true }),
            ...(index % 3 === 2 ? [new Condition({ age__gte: 18, country__in: ['NL', 'BE'], plan__ne: 'free', score__lt: 2.5 })] : []),
          ];
    const meta = new FeatureFlagMeta({
      createdDate: 1_700_000_000 + index,
      clientData: index % 4 === 0 ? {} : { owner: `team-${index % 7}`, ticket: index, tags: ['web', 'ünïcode'] },
      conditions,
      bucketer: bucketerFor(index),
    });
    return new FeatureFlagStoreItem(name, index % 2 === 0, meta);
  });
}

/** The items as `flipper export` writes them: one document per line, in name order. */
export function asJsonLines(items: readonly FeatureFlagStoreItem[]): string {
  return [...items]
    .sort((a, b) => (a.featureName < b.featureName ? -1 : 1))
    .map((item) => `${encodeDocument(item)}\n`)
    .join('');
}
