import diagnosticsChannel from 'node:diagnostics_channel';

/**
 * Counts TCP client sockets opened by anything in this process (`net.connect`, `http`, `fetch`
 * all announce themselves on `net.client.socket`). The in-process scenarios must open none: a
 * peer SDK that tried to reach its vendor's service would hang or fail on this machine, and
 * would not be measuring local evaluation anyway.
 */
export class NetworkGuard {
  private opened = 0;
  private readonly listener = (): void => {
    this.opened++;
  };

  constructor() {
    diagnosticsChannel.subscribe('net.client.socket', this.listener);
  }

  /** Sockets opened since the guard was created. */
  get count(): number {
    return this.opened;
  }

  dispose(): void {
    diagnosticsChannel.unsubscribe('net.client.socket', this.listener);
  }
}
