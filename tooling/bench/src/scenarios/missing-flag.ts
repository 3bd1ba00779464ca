import { expectNone } from '../answers.js';
import { onForEveryoneRows } from '../on-for-everyone-rows.js';
import { defineScenario } from '../scenario.js';

export const FLAG = 'MISSING';
// Every library holds one other flag, so the lookup runs against a populated store.
const OTHER = 'PRESENT';

export default defineScenario({
  kind: 'throughput',
  id: 'missing',
  title: 'missing flag',
  description: 'A flag that does not exist: every library answers its default (false) without failing.',
  order: 20,
  baseline: 'unleash',
  checkAnswers: expectNone,
  subjects: onForEveryoneRows(OTHER, FLAG),
});
