import { connect } from 'node:net';

/** A reply as Redis sends it: a status or bulk string, an integer, null, an array, or an error. */
export type RespReply = string | number | null | RespReply[] | RespError;

export class RespError extends Error {
  override readonly name = 'RespError';
}

function encodeCommand(args: readonly string[]): Buffer {
  const parts = [`*${args.length}\r\n`];
  for (const arg of args) parts.push(`$${Buffer.byteLength(arg)}\r\n${arg}\r\n`);
  return Buffer.from(parts.join(''));
}

/** Parses one reply from `buffer` at `offset`; undefined while the reply is incomplete. */
function parseReply(buffer: Buffer, offset: number): { reply: RespReply; end: number } | undefined {
  const lineEnd = buffer.indexOf('\r\n', offset);
  if (lineEnd < 0) return undefined;
  const line = buffer.toString('utf8', offset + 1, lineEnd);
  const next = lineEnd + 2;
  switch (String.fromCharCode(buffer[offset]!)) {
    case '+':
      return { reply: line, end: next };
    case '-':
      return { reply: new RespError(line), end: next };
    case ':':
      return { reply: Number(line), end: next };
    case '$': {
      const length = Number(line);
      if (length < 0) return { reply: null, end: next };
      if (buffer.length < next + length + 2) return undefined;
      return { reply: buffer.toString('utf8', next, next + length), end: next + length + 2 };
    }
    case '*': {
      const count = Number(line);
      if (count < 0) return { reply: null, end: next };
      const items: RespReply[] = [];
      let at = next;
      for (let i = 0; i < count; i++) {
        const item = parseReply(buffer, at);
        if (item === undefined) return undefined;
        items.push(item.reply);
        at = item.end;
      }
      return { reply: items, end: at };
    }
    default:
      throw new RespError(`unexpected reply type in ${JSON.stringify(buffer.toString('utf8', offset, lineEnd))}`);
  }
}

/**
 * Sends one command to a Redis on loopback over a fresh connection and resolves to its reply.
 * The tooling needs a handful of commands (PING, CLUSTER INFO, SHUTDOWN) and no client library.
 */
export function sendCommand(port: number, args: readonly string[], timeoutMs = 1000, host = '127.0.0.1'): Promise<RespReply> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    let received = Buffer.alloc(0);
    const timer = setTimeout(() => fail(new Error(`redis ${host}:${port}: no reply to ${args[0]} within ${timeoutMs} ms`)), timeoutMs);
    function fail(error: Error): void {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    }
    socket.on('error', fail);
    socket.on('connect', () => socket.write(encodeCommand(args)));
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      let parsed: ReturnType<typeof parseReply>;
      try {
        parsed = parseReply(received, 0);
      } catch (error) {
        fail(error as Error);
        return;
      }
      if (parsed === undefined) return;
      clearTimeout(timer);
      socket.end();
      resolve(parsed.reply);
    });
    socket.on('close', () => fail(new Error(`redis ${host}:${port}: connection closed before a reply to ${args[0]}`)));
  });
}
