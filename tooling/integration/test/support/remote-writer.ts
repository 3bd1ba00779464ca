import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { toArgv, type RemoteCommand, type RemoteReply, type RemoteWriterArguments } from '../../src/remote-writer-protocol.js';

const ENTRY = fileURLToPath(new URL('../../dist/remote-writer.js', import.meta.url));
const ANSWER_TIMEOUT_MS = 10_000;

/** A command without its id (the handle numbers them). */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Command = WithoutId<RemoteCommand>;

/** The remote writer, a separate Node process on its own Redis connection (see `src/remote-writer.ts`). */
export class RemoteWriter {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  private exitError: Error | undefined;

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (message: RemoteReply) => {
      if (message.type === 'ready') return;
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.type === 'done') waiting?.resolve();
      else waiting?.reject(new Error(`remote writer: ${message.message}`));
    });
    child.once('exit', (code, signal) => {
      this.exitError = new Error(`remote writer exited (code ${code}, signal ${signal})`);
      for (const waiting of this.pending.values()) waiting.reject(this.exitError);
      this.pending.clear();
    });
  }

  /** Forks the writer and resolves once it has reached Redis. */
  static async start(args: RemoteWriterArguments): Promise<RemoteWriter> {
    if (!existsSync(ENTRY)) {
      throw new Error(`${ENTRY} is missing: run pnpm turbo run build --filter=@flipper-client/integration...`);
    }
    const child = fork(ENTRY, toArgv(args), { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`remote writer not ready within ${ANSWER_TIMEOUT_MS} ms`)), ANSWER_TIMEOUT_MS);
      child.once('message', () => {
        clearTimeout(timer);
        resolve();
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`remote writer exited at start (code ${code}): ${stderr.trim()}`));
      });
    });
    return new RemoteWriter(child);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Sends a command; resolves once the write has resolved in the other process. */
  run(command: Command): Promise<void> {
    if (this.exitError !== undefined) return Promise.reject(this.exitError);
    const id = ++this.nextId;
    return new Promise<void>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ ...command, id } as RemoteCommand);
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.disconnect();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(timer);
  }
}
