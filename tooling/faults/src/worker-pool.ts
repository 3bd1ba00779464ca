import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CollectedRejection } from './rejection-collector.js';
import type { StoreSpec } from './store-spec.js';
import type { ResultOf, TaskSpec } from './tasks/task-spec.js';
import type { FromWorker, ToWorker } from './worker-protocol.js';

// From src/ (under ts-jest) and from dist/ alike, the compiled worker is in dist/.
const WORKER_SCRIPT = fileURLToPath(new URL('../dist/worker/main.js', import.meta.url));

export interface WorkerPoolOptions {
  /** Node flags of the workers, e.g. `['--expose-gc']`. */
  execArgv?: readonly string[];
  /** How long a worker may take to start; default 20 s. */
  startTimeoutMs?: number;
}

export interface WorkerOutcome<R> {
  readonly index: number;
  readonly pid: number;
  readonly result: R;
  /** How many errors the store's hooks absorbed in that worker. */
  readonly absorbed: number;
}

/** A task running on every worker: `started` once all of them got `go`, `results` once all are done. */
export interface WorkerRun<R> {
  readonly started: Promise<void>;
  readonly results: Promise<WorkerOutcome<R>[]>;
}

type PerWorker<T> = T | ((index: number) => T);

const resolvePer = <T>(value: PerWorker<T>, index: number): T =>
  typeof value === 'function' ? (value as (index: number) => T)(index) : value;

interface Worker {
  readonly index: number;
  readonly child: ChildProcess;
  readonly pid: number;
}

/**
 * N Node worker processes (`dist/worker/main.js`), each building its own store from a spec sent
 * over IPC: separate processes with separate connections, as separate application instances.
 * `run` starts a task on all of them behind a barrier (every worker opens its store, then all get
 * `go` together), so concurrent writers really collide.
 */
export class WorkerPool {
  /** Unhandled rejections and uncaught exceptions the workers reported, with the worker's index. */
  readonly rejections: (CollectedRejection & { readonly worker: number })[] = [];
  private nextRunId = 1;
  private closing = false;

  private constructor(private readonly workers: readonly Worker[]) {
    for (const worker of workers) {
      worker.child.on('message', (message: FromWorker) => {
        if (message.type === 'rejection') this.rejections.push({ kind: message.kind, error: message.error, worker: worker.index });
      });
    }
  }

  static async start(size: number, options: WorkerPoolOptions = {}): Promise<WorkerPool> {
    const workers = await Promise.all(
      Array.from({ length: size }, (_, index) => startWorker(index, options.execArgv ?? [], options.startTimeoutMs ?? 20_000)),
    );
    return new WorkerPool(workers);
  }

  get size(): number {
    return this.workers.length;
  }

  get pids(): number[] {
    return this.workers.map((worker) => worker.pid);
  }

  run<T extends TaskSpec>(spec: PerWorker<StoreSpec>, task: PerWorker<T>): WorkerRun<ResultOf<T>> {
    const runId = this.nextRunId++;
    const ready: Promise<void>[] = [];
    const done: Promise<WorkerOutcome<ResultOf<T>>>[] = [];
    for (const worker of this.workers) {
      const { ready: isReady, done: isDone } = this.follow<ResultOf<T>>(worker, runId);
      ready.push(isReady);
      done.push(isDone);
      send(worker, { type: 'run', runId, spec: resolvePer(spec, worker.index), task: resolvePer(task, worker.index) });
    }
    const started = Promise.all(ready).then(() => {
      for (const worker of this.workers) send(worker, { type: 'go', runId });
    });
    // Observe both, so that a failure surfaces once, through `results`.
    started.catch(() => undefined);
    return { started, results: started.then(() => Promise.all(done)) };
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(
      this.workers.map(async ({ child }) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        if (child.connected) send({ child } as Worker, { type: 'exit' });
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }),
    );
  }

  private follow<R>(worker: Worker, runId: number): { ready: Promise<void>; done: Promise<WorkerOutcome<R>> } {
    let markReady!: () => void;
    let fail!: (error: Error) => void;
    const ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      fail = reject;
    });
    const done = new Promise<WorkerOutcome<R>>((resolve, reject) => {
      const onMessage = (message: FromWorker): void => {
        if (!('runId' in message) || message.runId !== runId) return;
        if (message.type === 'ready') return markReady();
        cleanup();
        if (message.type === 'result') resolve({ index: worker.index, pid: worker.pid, result: message.result as R, absorbed: message.absorbed });
        else {
          const error = new Error(`worker ${worker.index}: ${message.error.name}: ${message.error.message}`);
          fail(error);
          reject(error);
        }
      };
      const onExit = (code: number | null, signal: string | null): void => {
        cleanup();
        const error = new Error(`worker ${worker.index} exited (${signal ?? code}) during run ${runId}${this.closing ? ' (pool closing)' : ''}`);
        fail(error);
        reject(error);
      };
      const cleanup = (): void => {
        worker.child.off('message', onMessage);
        worker.child.off('exit', onExit);
      };
      worker.child.on('message', onMessage);
      worker.child.once('exit', onExit);
    });
    done.catch(() => undefined);
    return { ready, done };
  }
}

function send(worker: Pick<Worker, 'child'>, message: ToWorker): void {
  worker.child.send(message);
}

function startWorker(index: number, execArgv: readonly string[], timeoutMs: number): Promise<Worker> {
  const child = fork(WORKER_SCRIPT, [], {
    execArgv: [...execArgv],
    // Not the test runner's NODE_OPTIONS (--experimental-vm-modules): workers are plain Node.
    env: { ...process.env, NODE_OPTIONS: '', FAULTS_WORKER_INDEX: String(index), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`worker ${index} did not start within ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`worker ${index} exited (${signal ?? code}) before it started`));
    });
    child.on('message', function onStarted(message: FromWorker) {
      if (message.type !== 'started') return;
      clearTimeout(timer);
      child.off('message', onStarted);
      child.removeAllListeners('exit');
      resolve({ index, child, pid: message.pid });
    });
  });
}
