import { Condition, ConsistentHashPercentageBucketer, Percentage } from '@flipper-client/core';
import { FeatureFlagStoreItem } from '@flipper-client/core/store';
import { seedItems } from './seed-flags.js';
import type { Services } from './services.js';

/** The stores an environment can live in, as `diff` and `copy --only` are tested between them. */
export const STORE_KINDS = ['file', 'redis', 'consul', 's3'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

/** The URL of `kind`'s namespace `space` (a file in `directory`, a base key, a bucket). */
export function environmentUrl(services: Services, directory: string, kind: StoreKind, space: string): string {
  switch (kind) {
    case 'file':
      return `file:${directory}/${space}.json`;
    case 'redis':
      return `${services.redis.url}?base-key=${space}`;
    case 'consul':
      return `consul://${services.consul.address}/${space}`;
    case 's3':
      return `s3://${space}`;
  }
}

/** Staging's flags: six of every shape. */
export const STAGING = seedItems(6, 'ENV');

/**
 * Production's: staging's with one change of each kind a reviewer must see — a flag switched, a
 * condition changed and one added, another bucketer, other client data — one flag missing and
 * one of its own.
 */
export function productionItems(): FeatureFlagStoreItem[] {
  const [switched, conditioned, bucketed, labelled, , same] = STAGING as [FeatureFlagStoreItem, FeatureFlagStoreItem, FeatureFlagStoreItem, FeatureFlagStoreItem, FeatureFlagStoreItem, FeatureFlagStoreItem];
  return [
    switched.withEnabled(!switched.enabled),
    conditioned.withMeta(conditioned.meta.with({ conditions: [new Condition({ is_admin: false }), new Condition({ country__in: ['NL'] })] })),
    bucketed.withMeta(bucketed.meta.with({ bucketer: new ConsistentHashPercentageBucketer({ keyWhitelist: ['user_id'], percentage: new Percentage(0.1) }) })),
    labelled.withMeta(labelled.meta.with({ clientData: { owner: 'growth' } })),
    same,
    new FeatureFlagStoreItem('ENV_PROD_ONLY', true),
  ];
}

/** What `diff --from staging --to production` prints about them, line for line. */
export function expectedDiffLines(from: string, to: string): string[] {
  return [
    `only in ${from}: ENV_00004`,
    `only in ${to}: ENV_PROD_ONLY`,
    'ENV_00000 differs:',
    '  state: on → off',
    'ENV_00001 differs:',
    '  condition 1: is_admin = true → is_admin = false',
    '  condition 2: none → country in ["NL"]',
    'ENV_00002 differs:',
    '  bucketer: 50% consistent hash on user_id → 10% consistent hash on user_id',
    'ENV_00003 differs:',
    // As `flipper show` writes client data: Python's JSON, non-ASCII escaped.
    '  client data: {"owner": "team-3", "ticket": 3, "tags": ["web", "\\u00fcn\\u00efcode"]} → {"owner": "growth"}',
    `different: 1 only in ${from}, 1 only in ${to}, 4 changed; 1 the same`,
  ];
}
