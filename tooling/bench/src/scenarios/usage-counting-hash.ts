import { expectShare } from '../answers.js';
import { defineScenario } from '../scenario.js';
import { COUNTING_TARGETS, rowId, usageCountingRows } from '../usage-counting-rows.js';
import { FLAG, halfOfUsers } from './consistent-hash.js';

export default defineScenario({
  kind: 'throughput',
  id: 'usage-counting-hash',
  title: 'usage counting: 50% consistent hash, counting off and on',
  description: 'The consistent-hash scenario (a new user each call) with usage counting switched off and on (the default).',
  order: 42,
  baseline: rowId('async', false),
  checkAnswers: expectShare(0.45, 0.55),
  targets: COUNTING_TARGETS,
  subjects: usageCountingRows({ flag: FLAG, define: halfOfUsers.flipper, note: 'ConsistentHashPercentageBucketer 50%', newUserEachCall: true }),
});
