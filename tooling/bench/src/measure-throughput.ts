import { performance } from 'node:perf_hooks';
import type { NetworkGuard } from './network-guard.js';
import type { RunContext } from './run-context.js';
import { NotApplicableError, type ThroughputBench, type ThroughputScenario, type ThroughputSubject } from './scenario.js';
import type { ThroughputSettings } from './settings.js';
import { median } from './statistics.js';

export type ThroughputResult =
  | { readonly status: 'ok'; readonly best: number; readonly median: number; readonly iterations: number }
  | { readonly status: 'error'; readonly message: string }
  | { readonly status: 'n/a'; readonly message: string };

interface Running {
  readonly subject: ThroughputSubject;
  readonly bench: ThroughputBench;
  iterations: number;
  readonly samples: number[];
  error?: string;
}

const collectGarbage: () => void = (globalThis as { gc?: () => void }).gc ?? (() => {});

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function timed(bench: ThroughputBench, iterations: number): Promise<{ ms: number; trueCount: number }> {
  const start = performance.now();
  const trueCount = await bench.run(iterations);
  return { ms: performance.now() - start, trueCount };
}

/**
 * Runs the subject until `warmupMs` have passed, doubling its batch while a batch is short, and
 * returns the batch that fills one round. Growing while warming means the size is computed from
 * optimized code, not from the interpreter's first calls.
 */
type AnswerCheck = ThroughputScenario['checkAnswers'];

async function warmUp(checkAnswers: AnswerCheck, bench: ThroughputBench, settings: ThroughputSettings): Promise<number> {
  let iterations = 64;
  let spent = 0;
  for (;;) {
    const { ms, trueCount } = await timed(bench, iterations);
    const problem = checkAnswers(trueCount, iterations);
    if (problem !== undefined && iterations >= settings.checkIterations) throw new Error(problem);
    spent += ms;
    if (spent >= settings.warmupMs && ms >= 5) return Math.max(1, Math.round((iterations * settings.roundMs) / ms));
    if (ms < settings.roundMs / 2) iterations *= 2;
  }
}

/**
 * Measures every subject of a scenario. Rounds are interleaved (round 1 of every subject, then
 * round 2...), so a slow moment of the machine is shared out instead of landing on one library,
 * and the heap is collected before each round so that one subject's garbage is not another's
 * pause. A subject that fails, answers wrongly or opens a socket gets an error, not a number.
 */
export async function measureThroughput(
  scenario: ThroughputScenario,
  subjects: readonly ThroughputSubject[],
  context: RunContext,
  settings: ThroughputSettings,
  guard: NetworkGuard | undefined,
  progress: (line: string) => void,
): Promise<Map<string, ThroughputResult>> {
  const results = new Map<string, ThroughputResult>();
  const running: Running[] = [];
  for (const subject of subjects) {
    progress(`${scenario.id}: ${subject.id} setup and warm-up`);
    const socketsBefore = guard?.count ?? 0;
    try {
      const bench = await subject.setup(context);
      const entry: Running = { subject, bench, iterations: 0, samples: [] };
      running.push(entry);
      const checkAnswers = subject.checkAnswers ?? scenario.checkAnswers;
      const check = await timed(bench, settings.checkIterations);
      const problem = checkAnswers(check.trueCount, settings.checkIterations);
      if (problem !== undefined) throw new Error(`wrong answers: ${problem}`);
      entry.iterations = await warmUp(checkAnswers, bench, settings);
      const opened = (guard?.count ?? 0) - socketsBefore;
      if (opened > 0) throw new Error(`opened ${opened} network connection(s) during setup or warm-up`);
    } catch (error) {
      const entry = running.find((candidate) => candidate.subject === subject);
      if (error instanceof NotApplicableError) {
        results.set(subject.id, { status: 'n/a', message: error.message });
        if (entry !== undefined) {
          running.splice(running.indexOf(entry), 1);
          try {
            await entry.bench.close?.();
          } catch {
            // The row already says why it did not run; a failed close adds nothing.
          }
        }
      } else if (entry === undefined) results.set(subject.id, { status: 'error', message: message(error) });
      else entry.error = message(error);
    }
  }

  for (let round = 0; round < settings.rounds; round++) {
    progress(`${scenario.id}: round ${round + 1}/${settings.rounds}`);
    for (const entry of running) {
      if (entry.error !== undefined) continue;
      collectGarbage();
      const socketsAtStart = guard?.count ?? 0;
      try {
        const { ms, trueCount } = await timed(entry.bench, entry.iterations);
        const problem = (entry.subject.checkAnswers ?? scenario.checkAnswers)(trueCount, entry.iterations);
        if (problem !== undefined) throw new Error(`wrong answers in round ${round + 1}: ${problem}`);
        if ((guard?.count ?? 0) > socketsAtStart) throw new Error('opened a network connection while measured');
        entry.samples.push((entry.iterations * 1000) / ms);
      } catch (error) {
        entry.error = message(error);
      }
    }
  }

  for (const entry of running) {
    try {
      await entry.bench.close?.();
    } catch (error) {
      entry.error ??= `close failed: ${message(error)}`;
    }
    results.set(
      entry.subject.id,
      entry.error !== undefined
        ? { status: 'error', message: entry.error }
        : { status: 'ok', best: Math.max(...entry.samples), median: median(entry.samples), iterations: entry.iterations },
    );
  }
  return results;
}
