import { InvalidArgumentError, type FeatureFlagStore } from '@flipper-client/core/store';
import { Server, type Socket } from 'node:net';
import { FeatureFlagStoreService } from '../generated-code.js';
import { ServerConnection, type ConnectionLimits, type Framing, type ThriftProcessor } from './server-connection.js';
import { createServiceHandler } from './service-handler.js';

export interface FeatureFlagStoreServerOptions {
  /** `buffered` (the default, as the Python library's example server) or `framed`. Binary protocol either way. */
  transport?: Framing;
  /** Largest frame (framed) or single message (buffered) accepted; default 1 MiB. */
  maxFrameBytes?: number;
  /** Longest string field accepted (a flag name, a JSON member); default `maxFrameBytes`. */
  maxStringBytes?: number;
  /** Most elements in one list or map (conditions, checks); default 10,000. */
  maxContainerItems?: number;
  /** Calls one connection may have in progress before reading pauses; default 32. */
  maxPendingCallsPerConnection?: number;
  /** A message begun but not finished within this time drops its connection; default 30,000 ms, 0 never. */
  incompleteMessageTimeoutMs?: number;
  /**
   * Hears what the server absorbed: a connection dropped for a malformed, oversized or stalled
   * message (`ConnectionDroppedError`), a socket error, a store failure while serving
   * `operation` (answered to the client as a FlipperException). Bad arguments and missing flags
   * are the client's business and are not reported.
   */
  onError?: (error: Error, context: FeatureFlagStoreServerErrorContext) => void;
}

export interface FeatureFlagStoreServerErrorContext {
  /** The Thrift method being served, for failures of a call. */
  operation?: string;
  remoteAddress?: string;
}

const MIB = 1024 * 1024;

function positiveInteger(value: number | undefined, fallback: number, name: string, allowZero = false): number {
  const chosen = value ?? fallback;
  if (!Number.isSafeInteger(chosen) || chosen < (allowZero ? 0 : 1)) {
    throw new InvalidArgumentError(`${name} must be a ${allowZero ? 'non-negative' : 'positive'} integer, got ${chosen}`);
  }
  return chosen;
}

function resolveLimits(options: FeatureFlagStoreServerOptions): ConnectionLimits {
  const maxFrameBytes = positiveInteger(options.maxFrameBytes, MIB, 'maxFrameBytes');
  return {
    maxFrameBytes,
    maxStringBytes: positiveInteger(options.maxStringBytes, maxFrameBytes, 'maxStringBytes'),
    maxContainerItems: positiveInteger(options.maxContainerItems, 10_000, 'maxContainerItems'),
    maxPendingCalls: positiveInteger(options.maxPendingCallsPerConnection, 32, 'maxPendingCallsPerConnection'),
    incompleteMessageTimeoutMs: positiveInteger(options.incompleteMessageTimeoutMs, 30_000, 'incompleteMessageTimeoutMs', true),
  };
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * A Node `net.Server` serving the FeatureFlagStore Thrift service over a store. `listen`,
 * `close` and the events are those of `net.Server`; `closeAllConnections()` also ends the
 * connections that are open (as `http.Server` has it), since `close()` waits for them.
 */
export class FeatureFlagStoreServer extends Server {
  private readonly openConnections = new Set<ServerConnection>();

  constructor(store: FeatureFlagStore, options: FeatureFlagStoreServerOptions = {}) {
    super();
    const framing = options.transport ?? 'buffered';
    if (framing !== 'buffered' && framing !== 'framed') {
      throw new InvalidArgumentError(`transport must be 'buffered' or 'framed', got ${String(framing)}`);
    }
    const limits = resolveLimits(options);
    const onError = options.onError;
    const handler = createServiceHandler(store, (error, operation) => onError?.(asError(error), { operation }));
    // The generated declarations type process() with thrift's full TProtocol (reads and
    // writes); the connection hands it the reading protocol it needs, so the type is narrowed.
    const processor = new FeatureFlagStoreService.Processor(handler) as unknown as ThriftProcessor;
    this.on('connection', (socket: Socket) => {
      const remoteAddress = socket.remoteAddress;
      const connection = new ServerConnection(socket, processor, framing, limits, (error) =>
        onError?.(error, { remoteAddress }),
      );
      this.openConnections.add(connection);
      socket.on('close', () => this.openConnections.delete(connection));
    });
  }

  /** Destroys every open connection; calls in progress finish against the store, unanswered. */
  closeAllConnections(): void {
    for (const connection of this.openConnections) connection.destroy();
    this.openConnections.clear();
  }
}

/**
 * Serves `store` (any store: memory, Redis, Consul, S3, cached, replicated...) over the
 * FeatureFlagStore Thrift service, for Python and TypeScript clients alike:
 *
 *     createFeatureFlagStoreServer(store).listen(9090, '127.0.0.1');
 */
export function createFeatureFlagStoreServer(
  store: FeatureFlagStore,
  options: FeatureFlagStoreServerOptions = {},
): FeatureFlagStoreServer {
  return new FeatureFlagStoreServer(store, options);
}
