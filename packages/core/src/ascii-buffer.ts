/**
 * A reusable, growable byte buffer for ASCII text. Python's `json.dumps` output is pure ASCII,
 * so the consistent-hash path serializes straight into bytes and hashes them, without building
 * an intermediate string per evaluation.
 */
export class AsciiBuffer {
  bytes = new Uint8Array(256);
  length = 0;

  reset(): this {
    this.length = 0;
    return this;
  }

  reserve(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < needed) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  byte(value: number): void {
    if (this.length === this.bytes.length) this.reserve(1);
    this.bytes[this.length++] = value;
  }

  /** Appends text whose every char code is below 128. */
  ascii(text: string): void {
    const count = text.length;
    this.reserve(count);
    const bytes = this.bytes;
    let at = this.length;
    for (let i = 0; i < count; i++) bytes[at++] = text.charCodeAt(i);
    this.length = at;
  }

  /** Appends a non-negative safe integer's decimal digits without making a string. */
  digits(value: number): void {
    let width = 1;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) width++;
    this.reserve(width);
    const bytes = this.bytes;
    const start = this.length;
    let rest = value;
    let at = start + width - 1;
    // Above 2^31 the digits need float division; below, small-integer division is exact.
    for (; rest > 0x7fffffff; at--) {
      bytes[at] = 48 + (rest % 10);
      rest = Math.floor(rest / 10);
    }
    for (; at >= start; at--) {
      const tenth = (rest / 10) | 0;
      bytes[at] = 48 + rest - tenth * 10;
      rest = tenth;
    }
    this.length = start + width;
  }

  toString(): string {
    return Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.length).toString('latin1');
  }
}
