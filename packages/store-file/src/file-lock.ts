import { link, open, readFile, rename, stat, unlink } from 'node:fs/promises';

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

/**
 * Which lock file this is: inode, write and birth times (a rename changes neither; the change
 * time it does change), since a new lock file often gets the
 * inode number of the one just removed.
 */
async function identity(path: string): Promise<string> {
  const info = await stat(path, { bigint: true });
  return `${info.ino}:${info.mtimeNs}:${info.birthtimeNs}`;
}

/** The identity of the lock file when it is stale, else undefined. */
async function staleIdentity(lockPath: string): Promise<string | undefined> {
  try {
    const before = await identity(lockPath);
    const [text, info] = await Promise.all([readFile(lockPath, 'utf8'), stat(lockPath)]);
    // The text read must be the text of the file judged: a lock released and taken again
    // between the reads is another holder's.
    if ((await identity(lockPath)) !== before) return undefined;
    if (Date.now() - info.mtimeMs > STALE_AFTER_MS) return before;
    // An empty lock file is one whose holder has created it and not yet written its id: taking
    // it over then would let two writers in at once.
    const holder = text.trim();
    return holder !== '' && !holderIsAlive(Number(holder)) ? before : undefined;
  } catch {
    return undefined; // gone already, or being written: try again
  }
}

/**
 * Removes the lock file only if it is still the one judged stale. A plain unlink could remove
 * a lock another process took in the meantime (the holder judged dead had released it and
 * exited, and a third process locked again), letting two writers in at once. So the file is
 * renamed aside (atomic: whatever file has the name then is moved), and if that is not the
 * file judged stale, it is linked back (which fails rather than replace a newer lock).
 */
async function takeOver(lockPath: string, judged: string): Promise<void> {
  const aside = `${lockPath}.stale.${process.pid}.${Date.now()}`;
  try {
    await rename(lockPath, aside);
  } catch {
    return; // gone already: try again
  }
  try {
    if ((await identity(aside)) !== judged) await link(aside, lockPath).catch(() => undefined);
  } finally {
    await unlink(aside).catch(() => undefined);
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
      const stale = await staleIdentity(lockPath);
      if (stale !== undefined) {
        await takeOver(lockPath, stale);
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
