import { open, readFile, stat, unlink } from 'node:fs/promises';

/** A lock whose holder is gone (no such process) or that is older than this is taken over. */
const STALE_AFTER_MS = 10_000;

function holderIsAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function isStale(lockPath: string): Promise<boolean> {
  try {
    const [text, info] = await Promise.all([readFile(lockPath, 'utf8'), stat(lockPath)]);
    if (Date.now() - info.mtimeMs > STALE_AFTER_MS) return true;
    // An empty lock file is one whose holder has created it and not yet written its id: taking
    // it over then would let two writers in at once.
    const holder = text.trim();
    return holder !== '' && !holderIsAlive(Number(holder));
  } catch {
    return false; // gone already, or being written: try again
  }
}

/**
 * Holds `<file>.lock` (created exclusively, holding this process's id) while `run` reads, changes
 * and replaces the file, so writers in other processes take turns. A lock left by a process that
 * died is taken over.
 */
export async function withFileLock<T>(lockPath: string, timeoutMs: number, run: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(lockPath, 'wx');
      try {
        await handle.writeFile(String(process.pid));
      } finally {
        await handle.close();
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (await isStale(lockPath)) {
        await unlink(lockPath).catch(() => undefined);
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for the lock ${lockPath}`);
      await new Promise((resolve) => setTimeout(resolve, Math.min(2 + attempt, 20) * Math.random() + 1));
    }
  }
  try {
    return await run();
  } finally {
    await unlink(lockPath).catch(() => undefined);
  }
}
