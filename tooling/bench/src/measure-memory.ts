import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { MemoryChildResult } from './memory-child.js';
import type { MemoryScenario, MemorySubject } from './scenario.js';

export type MemoryResult =
  | { readonly status: 'ok'; readonly bytesPerFlag: number; readonly flagCount: number }
  | { readonly status: 'error'; readonly message: string };

const CHILD = fileURLToPath(new URL('./memory-child.js', import.meta.url));

function runChild(moduleUrl: string, subjectId: string, flagCount: number): Promise<MemoryChildResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--expose-gc', CHILD, moduleUrl, subjectId, String(flagCount)],
      { timeout: 120_000, maxBuffer: 1 << 20 },
      (error, stdout, stderr) => {
        if (error !== null) {
          reject(new Error(stderr.trim().split('\n')[0] || error.message));
          return;
        }
        const line = stdout.trim().split('\n')[0] ?? '';
        try {
          resolve(JSON.parse(line) as MemoryChildResult);
        } catch {
          reject(new Error(`unreadable child output: ${line.slice(0, 200)}`));
        }
      },
    );
  });
}

/** Heap bytes per flag for each subject, each measured in its own child process. */
export async function measureMemory(
  scenario: MemoryScenario,
  subjects: readonly MemorySubject[],
  moduleUrl: string,
  quick: boolean,
  progress: (line: string) => void,
): Promise<Map<string, MemoryResult>> {
  const flagCount = quick ? scenario.quickFlagCount : scenario.flagCount;
  const results = new Map<string, MemoryResult>();
  for (const subject of subjects) {
    progress(`${scenario.id}: ${subject.id} with ${flagCount} flags`);
    try {
      const child = await runChild(moduleUrl, subject.id, flagCount);
      if (child.socketsOpened > 0) throw new Error(`opened ${child.socketsOpened} network connection(s)`);
      results.set(subject.id, {
        status: 'ok',
        bytesPerFlag: (child.heapAfter - child.heapBefore) / child.flagCount,
        flagCount: child.flagCount,
      });
    } catch (error) {
      results.set(subject.id, { status: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }
  return results;
}
