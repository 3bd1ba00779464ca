import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

type Reply = { id?: number; type: 'ready' | 'done' | 'seen' | 'timeout' | 'failed'; afterMs?: number; message?: string; pid?: number };

/** A second Node process on the same Redis (see peer-process.mjs). */
export class RedisPeer {
  private nextId = 0;
  private readonly waiting = new Map<number, (reply: Reply) => void>();

  private constructor(
    private readonly child: ChildProcess,
    readonly pid: number,
  ) {
    child.on('message', (reply: Reply) => {
      if (reply.id === undefined) return;
      this.waiting.get(reply.id)?.(reply);
      this.waiting.delete(reply.id);
    });
  }

  static async start(host: string, port: number, baseKey: string): Promise<RedisPeer> {
    const script = fileURLToPath(new URL('./peer-process.mjs', import.meta.url));
    const child = fork(script, [host, String(port), baseKey], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const [ready] = (await once(child, 'message')) as [Reply];
    if (ready.type !== 'ready') throw new Error(`redis peer did not start: ${JSON.stringify(ready)}`);
    return new RedisPeer(child, ready.pid!);
  }

  private send(message: Record<string, unknown>): Promise<Reply> {
    const id = ++this.nextId;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.child.send({ ...message, id });
    });
  }

  async write(op: 'enable' | 'disable', name: string): Promise<void> {
    const reply = await this.send({ op, name });
    if (reply.type !== 'done') throw new Error(`peer ${op} ${name} failed: ${reply.message}`);
  }

  /** How long after the call the peer's cached reader showed `enabled`, or undefined on timeout. */
  async awaitValue(name: string, enabled: boolean, timeoutMs: number): Promise<number | undefined> {
    const reply = await this.send({ op: 'await', name, enabled, timeoutMs });
    if (reply.type === 'failed') throw new Error(reply.message);
    return reply.type === 'seen' ? reply.afterMs : undefined;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.disconnect();
    await exited;
  }
}
