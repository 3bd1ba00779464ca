import { hashShapeScenario } from '../hash-shapes.js';
import { USER_IDS } from '../users.js';

/** Every fifth call is an anonymous visitor: no user id. */
const ANONYMOUS = (i: number): boolean => i % 5 === 4;

export default hashShapeScenario({
  id: 'hash-some-missing',
  title: '50% consistent hash, a fifth of the calls without the key',
  description:
    "keyWhitelist ['user_id']; one call in five is asked with {} (an anonymous visitor). Python hashes '[]' for those, whose bucket (0.32) is in the 50%, so flipper answers ~60% true; Unleash answers false without a stickiness value, ~40%. The floor row is one SHA-1 block per call.",
  order: 45,
  keyWhitelist: ['user_id'],
  checksText: 'anonymous ? {} : { user_id }',
  checksAt: (i) => (ANONYMOUS(i) ? {} : { user_id: USER_IDS[i] }),
  flipperShare: [0.55, 0.65],
  unleash: {
    stickiness: 'userId',
    contextText: 'anonymous ? {} : { userId }',
    contextAt: (i) => (ANONYMOUS(i) ? {} : { userId: USER_IDS[i]! }),
    share: [0.35, 0.45],
  },
});
