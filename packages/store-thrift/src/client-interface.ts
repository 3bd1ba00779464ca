import type { Int64Like, ThriftFeatureFlagStoreItemLike, ThriftFeatureFlagStoreMetaLike } from './thrift-shapes.js';

/**
 * A client of the FeatureFlagStore Thrift service: what
 * `thrift.createClient(FeatureFlagStoreService, connection)` returns. Structural, so a client
 * generated elsewhere from the same IDL (with `js:node,es6`) fits as well.
 */
export interface FeatureFlagStoreThriftClient {
  Create(feature_name: string, is_enabled: boolean, client_data: string): Promise<ThriftFeatureFlagStoreItemLike>;
  Get(feature_name: string): Promise<ThriftFeatureFlagStoreItemLike>;
  Set(feature_name: string, is_enabled: boolean): Promise<void>;
  Delete(feature_name: string): Promise<void>;
  /** `null` leaves an argument unset: an unset limit means no limit. */
  List(limit: Int64Like | null, offset: Int64Like | null): Promise<ThriftFeatureFlagStoreItemLike[]>;
  SetMeta(feature_name: string, meta: ThriftFeatureFlagStoreMetaLike): Promise<void>;
}

/**
 * The connection the client writes to (`thrift.createConnection(...)`), when the store should
 * watch it: calls in flight fail at once when it closes or starts reconnecting (their answers
 * can no longer come), calls are never written while it is down, and `close()` ends it.
 */
export interface ThriftConnectionLike {
  /**
   * Whether the socket is connected now (thrift's `Connection` has it). Without it the store
   * learns of losses from the events alone.
   */
  readonly connected?: boolean;
  on(event: 'connect' | 'close' | 'reconnecting', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  end(): void;
}
