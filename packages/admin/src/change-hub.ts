import { hasChangeFeed, type FeatureFlagStore, type StoreChange, type Unsubscribe } from '@flipper-client/core/store';
import { securityHeaders } from './http/responses.js';

const encoder = new TextEncoder();

function frame(event: string, data: unknown): Uint8Array {
  return encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/**
 * Server-sent events for open pages. Subscribes to the store's change feed while at least one
 * page listens, so an idle app holds no subscription. A store without a feed still reports the
 * changes made through this app.
 */
export class ChangeHub {
  readonly live: boolean;
  private readonly clients = new Set<ReadableStreamDefaultController<Uint8Array>>();
  private unsubscribe: Unsubscribe | undefined;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: FeatureFlagStore,
    private readonly heartbeatMs: number,
  ) {
    this.live = hasChangeFeed(store);
  }

  get listeners(): number {
    return this.clients.size;
  }

  /** A `text/event-stream` response that stays open until the page goes away. */
  stream(): Response {
    let own: ReadableStreamDefaultController<Uint8Array> | undefined;
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        own = controller;
        controller.enqueue(encoder.encode('retry: 2000\n\n'));
        controller.enqueue(frame('hello', { live: this.live }));
        this.add(controller);
      },
      cancel: () => {
        if (own !== undefined) this.remove(own);
      },
    });
    const headers = securityHeaders();
    headers.set('content-type', 'text/event-stream; charset=utf-8');
    headers.set('cache-control', 'no-store');
    headers.set('x-accel-buffering', 'no');
    return new Response(body, { status: 200, headers });
  }

  /** A change made through this app; only needed when the store has no feed of its own. */
  announce(change: StoreChange): void {
    if (!this.live) this.broadcast(change);
  }

  close(): void {
    for (const controller of [...this.clients]) {
      try {
        controller.close();
      } catch {
        // Already closed by the other side.
      }
      this.remove(controller);
    }
  }

  private broadcast(change: StoreChange): void {
    const message = frame('change', change);
    for (const controller of [...this.clients]) this.send(controller, message);
  }

  private send(controller: ReadableStreamDefaultController<Uint8Array>, chunk: Uint8Array): void {
    try {
      controller.enqueue(chunk);
    } catch {
      this.remove(controller);
    }
  }

  private add(controller: ReadableStreamDefaultController<Uint8Array>): void {
    this.clients.add(controller);
    if (this.clients.size !== 1) return;
    if (hasChangeFeed(this.store)) this.unsubscribe = this.store.watch((change) => this.broadcast(change));
    const ping = encoder.encode(': ping\n\n');
    this.heartbeat = setInterval(() => {
      for (const client of [...this.clients]) this.send(client, ping);
    }, this.heartbeatMs);
    this.heartbeat.unref();
  }

  private remove(controller: ReadableStreamDefaultController<Uint8Array>): void {
    if (!this.clients.delete(controller) || this.clients.size > 0) return;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }
}
