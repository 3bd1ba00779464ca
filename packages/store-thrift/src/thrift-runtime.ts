import * as thriftModule from 'thrift';

/**
 * The parts of the `thrift` npm package (a CommonJS peer dependency without bundled types) that
 * this package uses, typed here so that no public type of the package depends on thrift typings.
 */

/** What the binary protocol reads from and writes to. */
export interface ThriftTransport {
  readByte(): number;
  readI16(): number;
  readI32(): number;
  readDouble(): number;
  read(length: number): Buffer;
  readString(length: number): string;
  write(data: Buffer | string): void;
  flush(): void;
  setCurrSeqId(seqid: number): void;
}

export interface ThriftMessageBegin {
  fname: string;
  mtype: number;
  rseqid: number;
}

/** The reading half of `TBinaryProtocol` that the server overrides to cap sizes. */
export interface ThriftBinaryProtocol {
  readonly trans: ThriftTransport;
  readByte(): number;
  readI32(): number;
  readMessageBegin(): ThriftMessageBegin;
  readString(): string;
  readBinary(): Buffer;
  readListBegin(): { etype: number; size: number };
  readSetBegin(): { etype: number; size: number };
  readMapBegin(): { ktype: number; vtype: number; size: number };
}

export type ThriftBinaryProtocolClass = new (transport: ThriftTransport) => ThriftBinaryProtocol;
export type ThriftOutputTransportClass = new (
  buffer: Buffer | undefined,
  onFlush: (message: Buffer) => void,
) => ThriftTransport;

interface ThriftRuntime {
  TBinaryProtocol: ThriftBinaryProtocolClass & { VERSION_MASK: number; VERSION_1: number; TYPE_MASK: number };
  TBufferedTransport: ThriftOutputTransportClass;
  TFramedTransport: ThriftOutputTransportClass;
  Thrift: {
    TProtocolException: new (type: number, message: string) => Error;
    TProtocolExceptionType: { NEGATIVE_SIZE: number; SIZE_LIMIT: number; BAD_VERSION: number };
    TApplicationException: new (type: number, message: string) => Error;
    TApplicationExceptionType: Record<string, number>;
  };
}

/**
 * The application's own thrift (a peer dependency), the instance the generated code requires too.
 * A namespace import, because it works in both builds: Node hands an ES module thrift's CommonJS
 * exports by name, and the CommonJS build copies them from `require('thrift')`.
 */
export const thrift = thriftModule as unknown as ThriftRuntime;
