import type { Socket } from 'node:net';
import { thrift, type ThriftBinaryProtocol } from '../thrift-runtime.js';
import { LimitedBinaryProtocol, type ProtocolLimits } from './limited-protocol.js';
import { IncompleteMessageError, MessageBuffer } from './message-buffer.js';

export type Framing = 'buffered' | 'framed';

export interface ConnectionLimits extends ProtocolLimits {
  /** Largest frame (framed) or message (buffered) accepted, in bytes. */
  maxFrameBytes: number;
  /** Calls of one connection served at once; reading pauses beyond. */
  maxPendingCalls: number;
  /** A message begun but not completed within this time drops the connection; 0 never. */
  incompleteMessageTimeoutMs: number;
}

/** The generated processor: reads one call and answers it on `output`, synchronously or later. */
export interface ThriftProcessor {
  process(input: ThriftBinaryProtocol, output: ThriftBinaryProtocol): void;
}

/** Why a connection was dropped: a malformed, oversized or stalled message. */
export class ConnectionDroppedError extends Error {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(`flipper: store-thrift server: connection dropped: ${message}`, options);
    this.name = 'ConnectionDroppedError';
  }
}

const EMPTY = Buffer.alloc(0);
/** How a peer going away shows on the socket; nothing worth reporting. */
const HANG_UP_CODES = new Set(['ECONNRESET', 'EPIPE']);

/**
 * One client connection: splits the byte stream into messages, hands each to the processor and
 * writes the answers. Anything malformed (garbage, a declared size beyond the limits, a frame
 * that ends inside its message) destroys this connection only; answers for a client that has
 * gone are dropped. Reading pauses while the client has `maxPendingCalls` calls in progress or
 * does not read its answers.
 */
export class ServerConnection {
  private pending: Buffer = EMPTY;
  /** Buffered framing: bytes the incomplete message needs before it is worth parsing again. */
  private needed = 0;
  private inFlight = 0;
  private pumping = false;
  private closed = false;
  private stallTimer: NodeJS.Timeout | undefined;
  private readonly output: ThriftBinaryProtocol;

  constructor(
    private readonly socket: Socket,
    private readonly processor: ThriftProcessor,
    private readonly framing: Framing,
    private readonly limits: ConnectionLimits,
    private readonly report: (error: Error) => void,
  ) {
    const OutputTransport = framing === 'framed' ? thrift.TFramedTransport : thrift.TBufferedTransport;
    this.output = new thrift.TBinaryProtocol(new OutputTransport(undefined, (message) => this.answer(message)));
    // Answers to pipelined calls are separate writes; Nagle's algorithm would hold one back
    // until the client acknowledged the previous one. (thrift's client sets the same.)
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('drain', () => this.pump());
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (!HANG_UP_CODES.has(error.code ?? '')) this.report(error);
    });
    socket.on('close', () => this.shutDown());
  }

  /** Destroys the connection; calls in progress finish against the store, their answers are dropped. */
  destroy(): void {
    this.socket.destroy();
    this.shutDown();
  }

  private receive(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    this.pump();
  }

  private answer(message: Buffer): void {
    this.inFlight--;
    if (!this.closed && this.socket.writable) this.socket.write(message);
    this.pump();
  }

  private pump(): void {
    if (this.pumping || this.closed) return;
    this.pumping = true;
    let blocked = false;
    try {
      for (;;) {
        blocked = this.inFlight >= this.limits.maxPendingCalls || this.socket.writableNeedDrain;
        if (blocked || this.closed) break;
        const consumed = this.framing === 'framed' ? this.processFrame() : this.processBuffered();
        if (consumed === 0) break;
        this.clearStallTimer();
      }
    } catch (error) {
      this.drop(error);
      return;
    } finally {
      this.pumping = false;
    }
    if (blocked) this.socket.pause();
    else if (this.socket.isPaused()) this.socket.resume();
    if (this.pending.length > 0 && !blocked) this.startStallTimer();
    else this.clearStallTimer();
  }

  /** Serves one message from the front of `pending`; returns the bytes it took, 0 when incomplete. */
  private processBuffered(): number {
    if (this.pending.length === 0 || this.pending.length < this.needed) return 0;
    // Parsing sees at most maxFrameBytes: a longer message ends "incomplete" beyond the cap.
    const input = new MessageBuffer(this.pending.subarray(0, this.limits.maxFrameBytes));
    if (!this.serve(input)) {
      if (this.needed > this.limits.maxFrameBytes) {
        throw new ConnectionDroppedError(`a message would exceed ${this.limits.maxFrameBytes} bytes`);
      }
      return 0;
    }
    this.needed = 0;
    this.pending = this.pending.subarray(input.position);
    return input.position;
  }

  private processFrame(): number {
    if (this.pending.length < 4) return 0;
    const size = this.pending.readInt32BE(0);
    if (size < 0 || size > this.limits.maxFrameBytes) {
      throw new ConnectionDroppedError(`frame size ${size} is outside 0..${this.limits.maxFrameBytes} bytes`);
    }
    if (this.pending.length < 4 + size) return 0;
    const frame = this.pending.subarray(4, 4 + size);
    this.pending = this.pending.subarray(4 + size);
    if (!this.serve(new MessageBuffer(frame))) throw new ConnectionDroppedError('a frame ends inside its message');
    return 4 + size;
  }

  /** Parses and dispatches one call; false when the bytes end inside it (nothing was dispatched). */
  private serve(input: MessageBuffer): boolean {
    // Counted before dispatch: an unknown method is answered synchronously, inside process().
    this.inFlight++;
    try {
      this.processor.process(new LimitedBinaryProtocol(input, this.limits), this.output);
      return true;
    } catch (error) {
      this.inFlight--;
      if (error instanceof IncompleteMessageError) {
        this.needed = error.needed;
        return false;
      }
      throw new ConnectionDroppedError(`malformed message: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
  }

  private startStallTimer(): void {
    if (this.stallTimer !== undefined || this.limits.incompleteMessageTimeoutMs <= 0) return;
    this.stallTimer = setTimeout(() => {
      this.drop(new ConnectionDroppedError(`a message stayed incomplete for ${this.limits.incompleteMessageTimeoutMs} ms`));
    }, this.limits.incompleteMessageTimeoutMs);
  }

  private clearStallTimer(): void {
    clearTimeout(this.stallTimer);
    this.stallTimer = undefined;
  }

  private drop(error: unknown): void {
    if (this.closed) return;
    this.report(error instanceof Error ? error : new ConnectionDroppedError(String(error)));
    this.destroy();
  }

  private shutDown(): void {
    this.closed = true;
    this.pending = EMPTY;
    this.clearStallTimer();
  }
}
