import { hashShapeScenario } from '../hash-shapes.js';
import { emailPool } from '../users.js';

const USER_EMAILS = emailPool();

export default hashShapeScenario({
  id: 'hash-email',
  title: '50% consistent hash by an e-mail address',
  description:
    'The consistent hash keyed by an e-mail address of 16-42 characters (a pool of 131,072, a new one each call), beside Unleash on the same addresses; the floor row is one SHA-1 block per call.',
  order: 42,
  keyWhitelist: ['user_id'],
  checksText: '{ user_id: email }',
  checksAt: (i) => ({ user_id: USER_EMAILS[i] }),
  unleash: { stickiness: 'userId', contextText: '{ userId: email }', contextAt: (i) => ({ userId: USER_EMAILS[i]! }) },
});
