import { hashShapeScenario } from '../hash-shapes.js';
import { orgIdPool, userNumberPool } from '../users.js';

const USER_NUMBERS = userNumberPool();
const ORG_IDS = orgIdPool();

/**
 * Unleash's stickiness reads one context field, so hashing on two ids means a field that holds
 * both: a custom property `orgUser` = `${org_id}:${user_id}`, built ahead of the loop (Unleash does
 * not pay for the concatenation a user would write).
 */
const ORG_USERS: readonly string[] = USER_NUMBERS.map((user, i) => `${ORG_IDS[i]!}:${user}`);

export default hashShapeScenario({
  id: 'hash-two-keys',
  title: '50% consistent hash on two keys (integer user id, string org id)',
  description:
    "keyWhitelist ['user_id', 'org_id'], asked with both (a pool of 131,072 pairs); Unleash's equivalent is stickiness on a custom property holding both ids, precomputed. The floor row is one SHA-1 block per call.",
  order: 43,
  keyWhitelist: ['user_id', 'org_id'],
  checksText: '{ user_id, org_id }',
  checksAt: (i) => ({ user_id: USER_NUMBERS[i], org_id: ORG_IDS[i] }),
  unleash: {
    stickiness: 'orgUser',
    contextText: '{ properties: { orgUser } }',
    contextAt: (i) => ({ properties: { orgUser: ORG_USERS[i]! } }),
  },
});
