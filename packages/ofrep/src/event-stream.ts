import type { StoreChange, Unsubscribe } from '@flipper-client/core/store';
import { mayRead, type Grant } from './access.js';
import type { FlagCatalog } from './flag-catalog.js';

const encoder = new TextEncoder();

interface Listener {
  readonly controller: ReadableStreamDefaultController<Uint8Array>;
  readonly grant: Grant;
}

/**
 * The change-event stream of OFREP's ADR-0008: server-sent events, each `{"type":
 * "refetchEvaluation"}` telling a static-context provider to fetch its bulk evaluation again.
 * Driven by the store's change feed (through the catalog), and filtered: a listener hears only
 * of flags its grant may read and bulk evaluation returns. A change that may hide others (a
 * reconnect of the feed) goes to everyone. Subscribed to the feed while a stream is open.
 */
export class EventStreams {
  private readonly listeners = new Set<Listener>();
  private unsubscribe: Unsubscribe | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private nextId = 1;

  constructor(
    private readonly catalog: FlagCatalog,
    private readonly serverOnly: (featureName: string) => boolean,
    private readonly heartbeatMs: number,
  ) {}

  get open(): number {
    return this.listeners.size;
  }

  /** A `text/event-stream` body that stays open until the client goes away or `close()`. */
  stream(grant: Grant): ReadableStream<Uint8Array> {
    let listener: Listener | undefined;
    return new ReadableStream<Uint8Array>({
      start: (controller) => {
        listener = { controller, grant };
        controller.enqueue(encoder.encode('retry: 2000\n\n'));
        this.add(listener);
      },
      cancel: () => {
        if (listener !== undefined) this.remove(listener);
      },
    });
  }

  /** Ends every open stream (a provider reconnects, or falls back to polling). */
  close(): void {
    for (const listener of [...this.listeners]) {
      try {
        listener.controller.close();
      } catch {
        // Already closed by the other side.
      }
      this.remove(listener);
    }
  }

  private changed(change: StoreChange): void {
    const id = this.nextId++;
    const data = JSON.stringify({ type: 'refetchEvaluation', lastModified: Math.floor(Date.now() / 1000) });
    const frame = encoder.encode(`id: ${id}\nevent: message\ndata: ${data}\n\n`);
    for (const listener of [...this.listeners]) {
      const concerned = change.kind === 'all' || (mayRead(listener.grant, change.featureName) && !this.serverOnly(change.featureName));
      if (concerned) this.send(listener, frame);
    }
  }

  private send(listener: Listener, chunk: Uint8Array): void {
    try {
      listener.controller.enqueue(chunk);
    } catch {
      this.remove(listener);
    }
  }

  private add(listener: Listener): void {
    this.listeners.add(listener);
    if (this.listeners.size !== 1) return;
    this.unsubscribe = this.catalog.watch((change) => this.changed(change));
    const ping = encoder.encode(': ping\n\n');
    this.heartbeat = setInterval(() => {
      for (const each of [...this.listeners]) this.send(each, ping);
    }, this.heartbeatMs);
    this.heartbeat.unref();
  }

  private remove(listener: Listener): void {
    if (!this.listeners.delete(listener) || this.listeners.size > 0) return;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }
}
