import { FeatureFlagClient, Percentage, PercentageBucketer } from '@flipper-client/core';
import type { FeatureFlagStore } from '@flipper-client/core/store';
import type { LedgerEntry } from '../ledger.js';
import { ledgerWrite } from './ledger-write.js';
import type { MemorySample, SoakResult, SoakTask } from './task-spec.js';

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The ledger flag a worker's `seq`-th write goes to. */
export function soakLedgerFlag(workerIndex: number, seq: number, writesPerLedgerFlag: number): string {
  return `SOAK_LEDGER_w${workerIndex}_${Math.floor(seq / writesPerLedgerFlag)}`;
}

/**
 * Four addCondition to one setClientData. Client data keys are new names each time, and V8 keeps
 * a hidden class per key set of a frozen object (quadratic in the keys of one flag while it is
 * held): a ledger made of client data keys alone measures V8's shapes, not the library.
 */
export function soakWriteKind(seq: number): LedgerEntry['kind'] {
  return seq % 5 === 4 ? 'clientData' : 'condition';
}

/** Churned flags cycle over this many names per worker, as an application's flags would. */
const CHURN_NAMES = 64;

function sampleMemory(startedAt: number): MemorySample {
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
  const usage = process.memoryUsage();
  return { atMs: Date.now() - startedAt, heapUsed: usage.heapUsed, rss: usage.rss };
}

/**
 * Mixed load for `durationMs`: three evaluation loops over the `SOAK_<n>` flags with varying
 * checks; one loop of ledger writes (four addCondition to one setClientData) moving to a new
 * ledger flag every `writesPerLedgerFlag` writes; one loop of flag churn (create, enable, set a
 * bucketer, evaluate, destroy, over a fixed set of names) with a listing every tenth turn;
 * memory sampled throughout.
 * Only acknowledged writes are kept during the run (as entries, once it is over), so the
 * worker's own bookkeeping does not show up as memory growth.
 */
export async function soak(store: FeatureFlagStore, task: SoakTask, workerIndex: number): Promise<SoakResult> {
  const client = new FeatureFlagClient(store);
  const startedAt = Date.now();
  const deadline = startedAt + task.durationMs;
  const operations = { evaluations: 0, writes: 0, creates: 0, deletes: 0, lists: 0, failures: 0 };
  const failedWrites: LedgerEntry[] = [];
  const ledgerFlags: string[] = [];
  const memory: MemorySample[] = [sampleMemory(startedAt)];
  const sampler = setInterval(() => memory.push(sampleMemory(startedAt)), task.sampleEveryMs);

  const evaluate = async (loop: number): Promise<void> => {
    for (let i = loop; Date.now() < deadline; i++) {
      await client.isEnabled(`SOAK_${i % task.flagCount}`, { user_id: i, is_admin: i % 7 === 0 });
      operations.evaluations++;
      if (i % 32 === 0) await yieldToLoop();
    }
  };

  let attempted = 0;
  const write = async (): Promise<void> => {
    for (let seq = 0; Date.now() < deadline; seq++) {
      const flag = soakLedgerFlag(workerIndex, seq, task.writesPerLedgerFlag);
      if (seq % task.writesPerLedgerFlag === 0) {
        await client.create(flag);
        ledgerFlags.push(flag);
        operations.creates++;
      }
      const entry = await ledgerWrite(client, flag, `w${workerIndex}_${seq}`, soakWriteKind(seq));
      attempted = seq + 1;
      operations.writes++;
      if (entry.outcome === 'failed') {
        operations.failures++;
        failedWrites.push(entry);
      }
      await yieldToLoop();
    }
  };

  const churn = async (): Promise<void> => {
    for (let turn = 0; Date.now() < deadline; turn++) {
      const name = `SOAK_TMP_w${workerIndex}_${turn % CHURN_NAMES}`;
      try {
        const flag = await client.create(name);
        operations.creates++;
        await flag.enable();
        await flag.setBucketer(new PercentageBucketer({ percentage: new Percentage(0.5) }));
        await flag.isEnabled({ user_id: turn });
        await flag.destroy();
        operations.deletes++;
        if (turn % 10 === 0) {
          for await (const listed of client.list({ limit: 50 })) void listed;
          operations.lists++;
        }
      } catch {
        operations.failures++;
      }
    }
  };

  try {
    await Promise.all([write(), churn(), evaluate(0), evaluate(1), evaluate(2)]);
  } finally {
    clearInterval(sampler);
  }
  memory.push(sampleMemory(startedAt));

  const failedIds = new Set(failedWrites.map((entry) => entry.id));
  const writes: LedgerEntry[] = [...failedWrites];
  for (let seq = 0; seq < attempted; seq++) {
    const id = `w${workerIndex}_${seq}`;
    if (failedIds.has(id)) continue;
    const flag = soakLedgerFlag(workerIndex, seq, task.writesPerLedgerFlag);
    writes.push({ flag, id, kind: soakWriteKind(seq), outcome: 'acked', startedAt: 0, settledAt: 0 });
  }
  return { operations, writes, ledgerFlags, memory, gcAvailable: typeof (globalThis as { gc?: unknown }).gc === 'function' };
}
