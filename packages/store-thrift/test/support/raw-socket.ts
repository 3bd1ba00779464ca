import { connect, type Socket } from 'node:net';
import { thrift } from './thrift-library.js';

type Writer = InstanceType<typeof thrift.TBinaryProtocol>;

/** The bytes of one call as a Thrift client sends them (binary protocol, buffered or framed). */
export function encodeCall(method: string, seqid: number, writeArgs: (protocol: Writer) => void, framed = false): Buffer {
  let bytes: Buffer | undefined;
  const Transport = framed ? thrift.TFramedTransport : thrift.TBufferedTransport;
  const protocol = new thrift.TBinaryProtocol(new Transport(undefined, (message) => (bytes = message)));
  protocol.writeMessageBegin(method, thrift.Thrift.MessageType.CALL, seqid);
  protocol.writeStructBegin('args');
  writeArgs(protocol);
  protocol.writeFieldStop();
  protocol.writeStructEnd();
  protocol.writeMessageEnd();
  protocol.flush();
  if (bytes === undefined) throw new Error('nothing was written');
  return bytes;
}

/** A `Get(feature_name)` call. */
export function encodeGet(featureName: string, seqid = 1, framed = false): Buffer {
  return encodeCall(
    'Get',
    seqid,
    (protocol) => {
      protocol.writeFieldBegin('feature_name', thrift.Thrift.Type.STRING, 1);
      protocol.writeString(featureName);
      protocol.writeFieldEnd();
    },
    framed,
  );
}

/** The message type of a reply (REPLY or EXCEPTION), read from its strict binary header. */
export function replyType(reply: Buffer, framed = false): number {
  return reply.readInt32BE(framed ? 4 : 0) & 0xff;
}

export interface RawClient {
  socket: Socket;
  /** Everything received so far, concatenated. */
  received(): Buffer;
  /** Resolves once at least `bytes` bytes have arrived. */
  receivedAtLeast(bytes: number, timeoutMs?: number): Promise<Buffer>;
  /** Resolves when the socket has closed; rejects after `timeoutMs`. */
  closed(timeoutMs: number): Promise<void>;
}

/** A plain TCP client that writes whatever bytes a test chooses. */
export async function rawClient(port: number): Promise<RawClient> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const chunks: Buffer[] = [];
  let isClosed = false;
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('error', () => undefined);
  socket.on('close', () => (isClosed = true));
  const poll = async (done: () => boolean, timeoutMs: number, what: string): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  return {
    socket,
    received: () => Buffer.concat(chunks),
    receivedAtLeast: async (bytes, timeoutMs = 2000) => {
      await poll(() => Buffer.concat(chunks).length >= bytes, timeoutMs, `${bytes} bytes`);
      return Buffer.concat(chunks);
    },
    closed: (timeoutMs) => poll(() => isClosed, timeoutMs, 'the server to close the connection'),
  };
}
