import type { Checks } from '@flipper-client/core';
import type { Context as UnleashContext } from 'unleash-client';
import { hashShapeScenario } from '../hash-shapes.js';
import { orgIdPool, USER_IDS, USER_POOL_SIZE } from '../users.js';

const ORG_IDS = orgIdPool();

const PLANS = ['free', 'team', 'business', 'enterprise'];
const COUNTRIES = ['DE', 'FR', 'US', 'BR', 'JP', 'IN', 'NG'];

/**
 * A request's context, built once per user as an application keeps it (so the pools, not the
 * loop, allocate): eight keys of which the bucketer hashes one, and Unleash's context with the
 * same eight values.
 */
const CHECKS: readonly Checks[] = Array.from({ length: USER_POOL_SIZE }, (_, i) => ({
  user_id: USER_IDS[i],
  org_id: ORG_IDS[i],
  plan: PLANS[i % PLANS.length],
  country: COUNTRIES[i % COUNTRIES.length],
  is_admin: i % 17 === 0,
  age: 18 + (i % 60),
  app_version: '4.12.0',
  beta: i % 3 === 0,
}));
const CONTEXTS: readonly UnleashContext[] = CHECKS.map((checks) => ({
  userId: checks['user_id'] as string,
  properties: {
    orgId: checks['org_id'] as string,
    plan: checks['plan'] as string,
    country: checks['country'] as string,
    isAdmin: String(checks['is_admin']),
    age: String(checks['age']),
    appVersion: checks['app_version'] as string,
    beta: String(checks['beta']),
  },
}));

export default hashShapeScenario({
  id: 'hash-wide-checks',
  title: '50% consistent hash, checks with 8 keys of which one is hashed',
  description:
    "keyWhitelist ['user_id'], asked with a request context of 8 keys (user, org, plan, country, admin, age, version, beta; one prebuilt object per user, 131,072), Unleash with the same values. The floor row is one SHA-1 block per call.",
  order: 44,
  keyWhitelist: ['user_id'],
  checksText: 'context (8 keys)',
  checksAt: (i) => CHECKS[i],
  unleash: { stickiness: 'userId', contextText: 'context (userId + 7 properties)', contextAt: (i) => CONTEXTS[i]! },
});
