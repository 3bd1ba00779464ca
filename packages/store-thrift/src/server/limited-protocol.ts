import { thrift, type ThriftMessageBegin, type ThriftTransport } from '../thrift-runtime.js';

export interface ProtocolLimits {
  /** Longest string or binary field accepted, in bytes. */
  maxStringBytes: number;
  /** Most elements accepted in one list, set or map. */
  maxContainerItems: number;
}

/** Method names of the service are short; a longer one is garbage, not a call. */
const MAX_METHOD_NAME_BYTES = 64;

const { TBinaryProtocol, Thrift } = thrift;
const { TProtocolException, TProtocolExceptionType } = Thrift;

function sizeLimit(what: string, size: number, limit: number): Error {
  return new TProtocolException(TProtocolExceptionType.SIZE_LIMIT, `${what} of ${size} exceeds the limit of ${limit}`);
}

/**
 * The binary protocol with sizes checked before anything is read or allocated: a declared
 * string, container or method-name length that is negative or beyond the limits fails the
 * message at once (and the server drops the connection) instead of making it wait for, or
 * buffer, bytes that a well-formed call would never send.
 */
export class LimitedBinaryProtocol extends TBinaryProtocol {
  constructor(
    transport: ThriftTransport,
    private readonly limits: ProtocolLimits,
  ) {
    super(transport);
  }

  override readMessageBegin(): ThriftMessageBegin {
    const head = this.readI32();
    if (head < 0) {
      if ((head & TBinaryProtocol.VERSION_MASK) !== TBinaryProtocol.VERSION_1) {
        throw new TProtocolException(TProtocolExceptionType.BAD_VERSION, `bad protocol version in message header ${head}`);
      }
      const fname = this.readBoundedString(MAX_METHOD_NAME_BYTES, 'method name');
      return { fname, mtype: head & TBinaryProtocol.TYPE_MASK, rseqid: this.readI32() };
    }
    // An old-style header without a version starts with the name's length.
    if (head > MAX_METHOD_NAME_BYTES) throw sizeLimit('method name', head, MAX_METHOD_NAME_BYTES);
    const fname = this.trans.readString(head);
    const mtype = this.readByte();
    return { fname, mtype, rseqid: this.readI32() };
  }

  override readString(): string {
    return this.readBoundedString(this.limits.maxStringBytes, 'string');
  }

  override readBinary(): Buffer {
    return this.trans.read(this.checkedLength(this.limits.maxStringBytes, 'binary'));
  }

  override readListBegin(): { etype: number; size: number } {
    const etype = this.readByte();
    return { etype, size: this.checkedCount('list') };
  }

  override readSetBegin(): { etype: number; size: number } {
    const etype = this.readByte();
    return { etype, size: this.checkedCount('set') };
  }

  override readMapBegin(): { ktype: number; vtype: number; size: number } {
    const ktype = this.readByte();
    const vtype = this.readByte();
    return { ktype, vtype, size: this.checkedCount('map') };
  }

  private readBoundedString(limit: number, what: string): string {
    const length = this.checkedLength(limit, what);
    return length === 0 ? '' : this.trans.readString(length);
  }

  private checkedLength(limit: number, what: string): number {
    const length = this.readI32();
    if (length < 0) throw new TProtocolException(TProtocolExceptionType.NEGATIVE_SIZE, `negative ${what} length ${length}`);
    if (length > limit) throw sizeLimit(`${what} length`, length, limit);
    return length;
  }

  private checkedCount(what: string): number {
    const size = this.readI32();
    if (size < 0) throw new TProtocolException(TProtocolExceptionType.NEGATIVE_SIZE, `negative ${what} size ${size}`);
    if (size > this.limits.maxContainerItems) throw sizeLimit(`${what} size`, size, this.limits.maxContainerItems);
    return size;
  }
}
