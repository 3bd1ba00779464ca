import type { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';

/** The parts of the thrift npm package the tests drive directly (it ships no types). */
export interface ThriftConnection extends EventEmitter {
  connected: boolean;
  end(): void;
  destroy(): void;
}

interface ThriftWriter {
  writeMessageBegin(name: string, type: number, seqid: number): void;
  writeMessageEnd(): void;
  writeStructBegin(name: string): void;
  writeStructEnd(): void;
  writeFieldBegin(name: string, type: number, id: number): void;
  writeFieldEnd(): void;
  writeFieldStop(): void;
  writeString(value: string): void;
  writeI32(value: number): void;
  writeBool(value: boolean): void;
  writeListBegin(type: number, size: number): void;
  flush(): void;
}

type TransportClass = new (buffer: Buffer | undefined, onFlush: (message: Buffer) => void) => unknown;

export interface ThriftLibrary {
  createConnection(
    host: string,
    port: number,
    options: { transport: TransportClass; protocol: unknown; max_attempts?: number; retry_max_delay?: number },
  ): ThriftConnection;
  createClient<T>(service: { Client: new (...args: never[]) => T }, connection: ThriftConnection): T;
  createServer(service: unknown, handler: object, options: { transport: TransportClass; protocol: unknown }): import('node:net').Server;
  TBufferedTransport: TransportClass;
  TFramedTransport: TransportClass;
  TBinaryProtocol: new (transport: unknown) => ThriftWriter;
  Thrift: {
    Type: Record<'STOP' | 'BOOL' | 'I32' | 'I64' | 'STRING' | 'STRUCT' | 'MAP' | 'LIST', number>;
    MessageType: Record<'CALL' | 'REPLY' | 'EXCEPTION', number>;
  };
}

export const thrift = createRequire(import.meta.url)('thrift') as ThriftLibrary;
