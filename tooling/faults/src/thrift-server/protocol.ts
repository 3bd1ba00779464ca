import type { StoreSpec } from '../store-spec.js';

export const THRIFT_SERVER_CONFIG = 'FAULTS_THRIFT_SERVER_CONFIG';

/** How the server process is set up (JSON in its environment). */
export interface ThriftServerConfig {
  /** 0 for a free port. */
  readonly port: number;
  readonly transport: 'buffered' | 'framed';
  /** The store the server exposes, built in the server process. */
  readonly backing: StoreSpec;
  /** Every `get` of the backing store waits this long first, so a test can kill the server mid-call. */
  readonly getDelayMs: number;
}

export type ThriftServerMessage =
  | { readonly type: 'listening'; readonly port: number }
  | { readonly type: 'failed'; readonly message: string }
  /** What the server's `onError` heard (dropped connections, store failures). */
  | { readonly type: 'server-error'; readonly name: string; readonly message: string };
