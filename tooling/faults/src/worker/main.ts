/**
 * A worker process of the fault harness (forked by `WorkerPool`). It runs tasks the test process
 * sends over IPC, each against a store it builds itself from a `StoreSpec`, and answers in JSON:
 * `ready` once the store is open, the task's result once it is done. Unhandled rejections and
 * uncaught exceptions are reported to the test process as they happen.
 */
import { openStore, type OpenedStore } from '../open-store.js';
import { RejectionCollector } from '../rejection-collector.js';
import { evaluateAndWrite } from '../tasks/evaluate-and-write.js';
import { race } from '../tasks/race.js';
import { soak } from '../tasks/soak.js';
import type { ProbeTask, TaskSpec } from '../tasks/task-spec.js';
import { summarize, type FromWorker, type ToWorker } from '../worker-protocol.js';

const workerIndex = Number(process.env['FAULTS_WORKER_INDEX'] ?? '0');
const goSignals = new Map<number, () => void>();

function send(message: FromWorker): void {
  if (process.connected) process.send?.(message);
}

new RejectionCollector((rejection) => send({ type: 'rejection', ...rejection })).install();

function runTask(opened: OpenedStore, task: TaskSpec): Promise<unknown> {
  switch (task.name) {
    case 'evaluate-and-write':
      return evaluateAndWrite(opened.store, task, workerIndex);
    case 'race':
      return race(opened.store, task, workerIndex);
    case 'soak':
      return soak(opened.store, task, workerIndex);
    case 'probe':
      return probe(opened, task);
  }
}

async function probe(opened: OpenedStore, task: ProbeTask): Promise<unknown> {
  if (task.leaveRejectionUnhandled === true) {
    void Promise.reject(new Error('probe: a rejection left unhandled on purpose'));
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { pid: process.pid, storeName: opened.store.storeName };
}

async function run(message: Extract<ToWorker, { type: 'run' }>): Promise<void> {
  let opened: OpenedStore | undefined;
  try {
    const go = new Promise<void>((resolve) => goSignals.set(message.runId, resolve));
    opened = await openStore(message.spec);
    send({ type: 'ready', runId: message.runId });
    await go;
    const result = await runTask(opened, message.task);
    send({ type: 'result', runId: message.runId, result, absorbed: opened.absorbed.length });
  } catch (error) {
    send({ type: 'failed', runId: message.runId, error: summarize(error) });
  } finally {
    goSignals.delete(message.runId);
    await opened?.close().catch(() => undefined);
  }
}

process.on('message', (message: ToWorker) => {
  if (message.type === 'run') void run(message);
  else if (message.type === 'go') goSignals.get(message.runId)?.();
  else if (message.type === 'exit') process.exit(0);
});
// The test process went away: nothing is left to report to.
process.on('disconnect', () => process.exit(0));
send({ type: 'started', pid: process.pid });
