import type { ThriftConnectionLike } from './client-interface.js';

/**
 * - `open`: a call may be written now.
 * - `opening`: the first connect has not happened yet; a call waits for it.
 * - `down`: the connection was lost (reconnecting, or closed for good); a call is refused.
 */
export type GateState = 'open' | 'opening' | 'down';

/**
 * Decides when the store may hand a call to the thrift connection.
 *
 * The thrift package queues whatever is written while its connection is down and sends it once
 * it reconnects, so a call the store already failed would reach the server later. The store
 * therefore never writes while the connection is down: before the first connect it holds calls
 * itself (and drops them if they time out), after a loss it refuses them at once.
 */
export class ConnectionGate {
  private everConnected: boolean;
  private lost = false;
  private readonly waiting = new Set<() => void>();
  private readonly onConnect = (): void => {
    this.everConnected = true;
    this.lost = false;
    for (const send of [...this.waiting]) {
      this.waiting.delete(send);
      send();
    }
  };
  private readonly onLost = (): void => {
    this.lost = true;
  };

  constructor(private readonly connection: ThriftConnectionLike) {
    this.everConnected = connection.connected === true;
    connection.on('connect', this.onConnect);
    connection.on('close', this.onLost);
    connection.on('reconnecting', this.onLost);
  }

  get state(): GateState {
    const { connected } = this.connection;
    if (connected === true) return 'open';
    if (this.lost) return 'down';
    // A connection that does not say whether it is connected is trusted until it reports a loss.
    if (connected === undefined) return 'open';
    return this.everConnected ? 'down' : 'opening';
  }

  /** Runs `send` on the first connect; the returned function cancels it. */
  whenOpen(send: () => void): () => void {
    this.waiting.add(send);
    return () => this.waiting.delete(send);
  }
}
