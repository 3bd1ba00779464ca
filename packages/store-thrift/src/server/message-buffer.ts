import type { ThriftTransport } from '../thrift-runtime.js';

/** The bytes received so far end inside a message; `needed` is how many it takes at least. */
export class IncompleteMessageError extends Error {
  constructor(readonly needed: number) {
    super(`the message needs at least ${needed} bytes`);
    this.name = 'IncompleteMessageError';
  }
}

/**
 * The read side of a Thrift transport over bytes already received. Reading past the end throws
 * IncompleteMessageError, so the connection can wait for more bytes and parse again from the
 * start of the message; `position` tells how far a complete message reached.
 */
export class MessageBuffer implements ThriftTransport {
  position = 0;

  constructor(private readonly bytes: Buffer) {}

  private take(length: number): number {
    const start = this.position;
    if (start + length > this.bytes.length) throw new IncompleteMessageError(start + length);
    this.position = start + length;
    return start;
  }

  readByte(): number {
    return this.bytes.readInt8(this.take(1));
  }

  readI16(): number {
    return this.bytes.readInt16BE(this.take(2));
  }

  readI32(): number {
    return this.bytes.readInt32BE(this.take(4));
  }

  readDouble(): number {
    return this.bytes.readDoubleBE(this.take(8));
  }

  read(length: number): Buffer {
    const start = this.take(length);
    return this.bytes.subarray(start, start + length);
  }

  readString(length: number): string {
    const start = this.take(length);
    return this.bytes.toString('utf8', start, start + length);
  }

  write(): void {
    throw new Error('MessageBuffer is read-only');
  }

  flush(): void {
    throw new Error('MessageBuffer is read-only');
  }

  setCurrSeqId(): void {
    // Only output transports track the sequence id of the reply they carry.
  }
}
