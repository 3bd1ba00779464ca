import { FeatureFlagClient } from '@flipper-client/core';
import type { FeatureFlagStore } from '@flipper-client/core/store';
import type { LedgerEntry } from '../ledger.js';
import { ledgerWrite } from './ledger-write.js';
import type { RaceResult, RaceTask } from './task-spec.js';

/**
 * Read-modify-writes on one flag as fast as the store takes them: each round a setClientData
 * with a key of its own and an addCondition on a variable of its own. Started by the pool on
 * every worker at once, so the writers of all processes collide.
 */
export async function race(store: FeatureFlagStore, task: RaceTask, workerIndex: number): Promise<RaceResult> {
  const client = new FeatureFlagClient(store);
  const writes: LedgerEntry[] = [];
  for (let round = 0; round < task.rounds; round++) {
    writes.push(await ledgerWrite(client, task.flag, `w${workerIndex}_data${round}`, 'clientData'));
    writes.push(await ledgerWrite(client, task.flag, `w${workerIndex}_cond${round}`, 'condition'));
  }
  return { writes };
}
