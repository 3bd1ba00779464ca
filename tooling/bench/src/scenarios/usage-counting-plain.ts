import { expectAll } from '../answers.js';
import { enabledFlag } from '../peers/flipper.js';
import { defineScenario } from '../scenario.js';
import { COUNTING_TARGETS, rowId, usageCountingRows } from '../usage-counting-rows.js';

const FLAG = 'PLAIN';

export default defineScenario({
  kind: 'throughput',
  id: 'usage-counting-plain',
  title: 'usage counting: plain enabled flag, counting off and on',
  description:
    'The plain scenario with usage counting switched off and on (the default): the cost of one Map lookup and one increment per call.',
  order: 12,
  baseline: rowId('async', false),
  checkAnswers: expectAll,
  targets: COUNTING_TARGETS,
  subjects: usageCountingRows({ flag: FLAG, define: enabledFlag(FLAG), note: 'on for everyone', newUserEachCall: false }),
});
