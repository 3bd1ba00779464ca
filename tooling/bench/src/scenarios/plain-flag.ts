import { expectAll } from '../answers.js';
import { onForEveryoneRows } from '../on-for-everyone-rows.js';
import { PYTHON_PLAIN } from '../references.js';
import { defineScenario } from '../scenario.js';

export const FLAG = 'PLAIN';

export default defineScenario({
  kind: 'throughput',
  id: 'plain',
  title: 'plain enabled flag',
  description: 'A flag that is on for everyone, asked without checks: the cost of a lookup and the call itself.',
  order: 10,
  baseline: 'unleash',
  checkAnswers: expectAll,
  targets: [{ subject: 'flipper-async', atLeastTimesBaseline: 1 }],
  references: [PYTHON_PLAIN],
  subjects: onForEveryoneRows(FLAG, FLAG, {
    unleash: 'default strategy',
    growthbook: 'defaultValue: true',
    launchdarkly: 'variationForAll(true)',
    openfeature: 'InMemoryProvider',
  }),
});
