import { NetworkGuard } from './network-guard.js';
import type { MemoryScenario } from './scenario.js';

/**
 * Child process of the memory scenarios: a fresh heap per library, so that neither another
 * library's objects nor the throughput runs' garbage count against it.
 * Arguments: <scenario module URL> <subject id> <flag count>. Prints one JSON line.
 */

export interface MemoryChildResult {
  readonly flagCount: number;
  readonly heapBefore: number;
  readonly heapAfter: number;
  readonly socketsOpened: number;
}

const collect = (globalThis as { gc?: () => void }).gc;

/** Module scope keeps the measured flags reachable through the second heap reading. */
let retained: unknown;

async function settledHeap(): Promise<number> {
  if (collect === undefined) throw new Error('the memory child needs node --expose-gc');
  // Let pending promises and timers of the library run, then collect twice (weak references
  // and finalizers can free more on the second pass).
  await new Promise((resolve) => setTimeout(resolve, 20));
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}

async function main(): Promise<void> {
  const [moduleUrl, subjectId, countText] = process.argv.slice(2);
  const flagCount = Number(countText);
  if (moduleUrl === undefined || subjectId === undefined || !Number.isInteger(flagCount) || flagCount <= 0) {
    throw new Error('usage: memory-child <scenario module URL> <subject id> <flag count>');
  }
  const scenario = ((await import(moduleUrl)) as { default: MemoryScenario }).default;
  const subject = scenario.subjects.find((candidate) => candidate.id === subjectId);
  if (subject === undefined) throw new Error(`no subject ${subjectId} in scenario ${scenario.id}`);

  const guard = new NetworkGuard();
  // One small population first loads and runs every lazily initialized part of the library,
  // so the measured delta is the flags, not module state created on first use.
  await subject.populate(Array.from({ length: 100 }, (_, i) => `warm_up_${i}`));
  // The names exist before the first reading: every library is charged for what it keeps
  // per flag, not for the caller's strings.
  const names = Array.from({ length: flagCount }, (_, i) => `flag_${String(i).padStart(6, '0')}`);
  const heapBefore = await settledHeap();
  retained = await subject.populate(names);
  const heapAfter = await settledHeap();
  const result: MemoryChildResult = { flagCount, heapBefore, heapAfter, socketsOpened: guard.count };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  if (retained === undefined) throw new Error(`${subject.id}: populate returned nothing to keep`);
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
