import { hashShapeScenario } from '../hash-shapes.js';
import { uuidPool } from '../users.js';

const USER_UUIDS = uuidPool();

export default hashShapeScenario({
  id: 'hash-uuid',
  title: '50% consistent hash by a UUID user id',
  description:
    'The consistent hash keyed by a 36-character UUID string (a pool of 131,072, a new one each call), beside Unleash on the same ids; the floor row is one SHA-1 block per call.',
  order: 41,
  keyWhitelist: ['user_id'],
  checksText: '{ user_id: uuid }',
  checksAt: (i) => ({ user_id: USER_UUIDS[i] }),
  unleash: { stickiness: 'userId', contextText: '{ userId: uuid }', contextAt: (i) => ({ userId: USER_UUIDS[i]! }) },
});
