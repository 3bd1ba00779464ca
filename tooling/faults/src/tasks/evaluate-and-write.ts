import { FeatureFlagClient, FlipperError } from '@flipper-client/core';
import type { FeatureFlagStore } from '@flipper-client/core/store';
import type { LedgerEntry } from '../ledger.js';
import { ledgerWrite } from './ledger-write.js';
import type { EvaluateAndWriteResult, EvaluateAndWriteTask } from './task-spec.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * For `durationMs`: `evaluators` loops call `isEnabled` on the probes back to back (each answer
 * classified as the store's or the default, each call timed), while one loop appends unique
 * ledger writes to `ledgerFlag`, alternating addCondition and setClientData.
 */
export async function evaluateAndWrite(
  store: FeatureFlagStore,
  task: EvaluateAndWriteTask,
  workerIndex: number,
): Promise<EvaluateAndWriteResult> {
  const client = new FeatureFlagClient(store);
  let errorEvents = 0;
  let errorEventsTyped = true;
  client.events.on('error', (event) => {
    errorEvents++;
    if (!(event.error instanceof FlipperError) || event.error.featureName !== event.featureName) errorEventsTyped = false;
  });
  const deadline = Date.now() + task.durationMs;
  let total = 0;
  let storeAnswers = 0;
  let defaultAnswers = 0;
  let maxLatencyMs = 0;
  let firstDefaultAt: number | undefined;
  let lastDefaultAt: number | undefined;
  let lastStoreAnswerAt: number | undefined;

  const evaluate = async (loop: number): Promise<void> => {
    for (let i = loop; Date.now() < deadline; i++) {
      const probe = task.probes[i % task.probes.length]!;
      const started = performance.now();
      const answer = await client.isEnabled(probe.flag, { user_id: i }, { default: probe.default });
      maxLatencyMs = Math.max(maxLatencyMs, performance.now() - started);
      total++;
      const now = Date.now();
      if (answer === probe.expected) {
        storeAnswers++;
        lastStoreAnswerAt = now;
      } else {
        defaultAnswers++;
        firstDefaultAt ??= now;
        lastDefaultAt = now;
      }
      // Yield to timers and I/O so that the write loop and the IPC channel are never starved.
      if (i % 16 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  };

  const writes: LedgerEntry[] = [];
  const write = async (): Promise<void> => {
    for (let seq = 0; Date.now() < deadline; seq++) {
      const id = `w${workerIndex}_${seq}`;
      writes.push(await ledgerWrite(client, task.ledgerFlag, id, seq % 2 === 0 ? 'condition' : 'clientData'));
      await sleep(task.writeIntervalMs);
    }
  };

  await Promise.all([write(), ...Array.from({ length: task.evaluators }, (_, loop) => evaluate(loop))]);
  return {
    evaluations: {
      total,
      storeAnswers,
      defaultAnswers,
      errorEvents,
      errorEventsTyped,
      maxLatencyMs,
      firstDefaultAt,
      lastDefaultAt,
      lastStoreAnswerAt,
    },
    writes,
  };
}
