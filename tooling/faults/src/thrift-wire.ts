/**
 * Just enough of Thrift's binary protocol (strict, as the FeatureFlagStore service speaks it) to
 * send hand-made, truncated or oversized calls over a raw socket.
 */
export const TTYPE = { STOP: 0, BOOL: 2, I32: 8, STRING: 11, STRUCT: 12 } as const;
export const MESSAGE = { CALL: 1, REPLY: 2, EXCEPTION: 3 } as const;

const VERSION_1 = 0x80010000;

export type WireField =
  | { readonly id: number; readonly type: 'string'; readonly value: string | Buffer }
  | { readonly id: number; readonly type: 'bool'; readonly value: boolean }
  /** A string field whose length prefix says `declaredLength` while only `bytes` follow. */
  | { readonly id: number; readonly type: 'declared-string'; readonly declaredLength: number; readonly bytes?: Buffer };

function i32(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeInt32BE(value | 0, 0);
  return out;
}

function fieldHeader(type: number, id: number): Buffer {
  const out = Buffer.alloc(3);
  out.writeInt8(type, 0);
  out.writeInt16BE(id, 1);
  return out;
}

function encodeField(field: WireField): Buffer {
  switch (field.type) {
    case 'string': {
      const bytes = typeof field.value === 'string' ? Buffer.from(field.value, 'utf8') : field.value;
      return Buffer.concat([fieldHeader(TTYPE.STRING, field.id), i32(bytes.length), bytes]);
    }
    case 'bool':
      return Buffer.concat([fieldHeader(TTYPE.BOOL, field.id), Buffer.from([field.value ? 1 : 0])]);
    case 'declared-string':
      return Buffer.concat([fieldHeader(TTYPE.STRING, field.id), i32(field.declaredLength), field.bytes ?? Buffer.alloc(0)]);
  }
}

/** A complete CALL message: header, the argument struct's fields, STOP. */
export function encodeCall(method: string, seqid: number, fields: readonly WireField[]): Buffer {
  const name = Buffer.from(method, 'utf8');
  return Buffer.concat([
    i32(VERSION_1 | MESSAGE.CALL),
    i32(name.length),
    name,
    i32(seqid),
    ...fields.map(encodeField),
    Buffer.from([TTYPE.STOP]),
  ]);
}

/** The message with its 4-byte length prefix, for framed transport. */
export function frame(message: Buffer, declaredLength = message.length): Buffer {
  return Buffer.concat([i32(declaredLength), message]);
}

/** The message type of a reply (REPLY or EXCEPTION), from its first four bytes. */
export function messageTypeOf(reply: Buffer): number {
  return reply.readInt32BE(0) & 0xff;
}
