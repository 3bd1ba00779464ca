/**
 * SHA-1 (FIPS 180-4) of a byte buffer, reduced to `digest mod 100`.
 *
 * The consistent-hash bucketer needs only that residue of a hash of a short ASCII text (Python's
 * `json.dumps` output). `crypto.createHash` costs a native call, a Buffer and a hex string per
 * evaluation, which caps bucketing near 0.5 M/s; this version keeps its state in locals and
 * allocates nothing. The caller pads the message in its own buffer (`writeSha1Padding`), so
 * the compression reads whole words without asking, word by word, whether it is past the end.
 */

const padded = { bytes: new Uint8Array(128) };

/** Bytes the padding adds after a message of `length` bytes: 0x80, zeros, the 64-bit bit length. */
export function sha1PaddingLength(length: number): number {
  return (((length + 8) >>> 6) + 1) * 64 - length;
}

/**
 * Writes the SHA-1 padding after the first `length` bytes of `bytes`, which must hold
 * `length + sha1PaddingLength(length)` bytes, and returns the number of 64-byte blocks.
 */
export function writeSha1Padding(bytes: Uint8Array, length: number): number {
  const blocks = ((length + 8) >>> 6) + 1;
  const end = blocks << 6;
  bytes[length] = 0x80;
  for (let at = length + 1; at < end - 5; at++) bytes[at] = 0;
  // The message length in bits, big-endian; a message below 2^29 bytes needs 5 bytes of it.
  const bits = length * 8;
  bytes[end - 5] = Math.floor(bits / 0x100000000);
  bytes[end - 4] = bits >>> 24;
  bytes[end - 3] = bits >>> 16;
  bytes[end - 2] = bits >>> 8;
  bytes[end - 1] = bits;
  return blocks;
}

/**
 * `writeSha1Padding` for a buffer padded before, for a message of `previous` bytes (-1 when
 * unknown), whose first `length` bytes were rewritten since and nothing past them: only the
 * bytes that may differ from the padding are written. A hasher reusing one buffer for texts of
 * one length (UUIDs, ids of one width) then writes no padding at all, and for other lengths only
 * the bytes the previous text or its length field covered.
 */
export function rewriteSha1Padding(bytes: Uint8Array, length: number, previous: number): number {
  if (length === previous) return ((length + 8) >>> 6) + 1;
  if (previous < 0) return writeSha1Padding(bytes, length);
  const blocks = ((length + 8) >>> 6) + 1;
  const end = blocks << 6;
  const lengthField = end - 5;
  bytes[length] = 0x80;
  // Past `length`, the previous padding left zeros from `previous + 1` up to its length field;
  // before it, its text and its 0x80; past its length field, whatever came earlier.
  const previousField = ((((previous + 8) >>> 6) + 1) << 6) - 5;
  const tailEnd = Math.min(previous + 1, lengthField);
  for (let at = length + 1; at < tailEnd; at++) bytes[at] = 0;
  for (let at = Math.max(length + 1, previousField); at < lengthField; at++) bytes[at] = 0;
  const bits = length * 8;
  bytes[end - 5] = Math.floor(bits / 0x100000000);
  bytes[end - 4] = bits >>> 24;
  bytes[end - 3] = bits >>> 16;
  bytes[end - 2] = bits >>> 8;
  bytes[end - 1] = bits;
  return blocks;
}

const K0 = 0x5a827999;
const K1 = 0x6ed9eba1;
const K2 = 0x8f1bbcdc | 0;
const K3 = 0xca62c1d6 | 0;

// The round functions and rotations; V8 inlines them, so they cost what the expressions do.
const choose = (x: number, y: number, z: number): number => (x & y) | (~x & z);
const parity = (x: number, y: number, z: number): number => x ^ y ^ z;
const majority = (x: number, y: number, z: number): number => (x & y) | (z & (x | y));
const rotl1 = (x: number): number => (x << 1) | (x >>> 31);
const rotl5 = (x: number): number => (x << 5) | (x >>> 27);
const rotl30 = (x: number): number => (x << 30) | (x >>> 2);

/**
 * SHA-1 of a message already padded to `blocks` 64-byte blocks, as `digest mod 100`, in [0, 99].
 *
 * The 80 rounds are written out, one line each: the schedule lives in 16 local words (w[t] is
 * w(t mod 16), computed in place at round t), and instead of shifting a..e after every round the
 * five variables take turns as a, b, c, d, e. Locals stay in registers, where a loop over an
 * 80-word array loads and stores each word: measured with callgrind, 2,100 instructions per
 * block against 4,500 for the loop.
 */
export function sha1PaddedMod100(bytes: Uint8Array, blocks: number): number {
  let h0 = 0x67452301;
  let h1 = 0xefcdab89 | 0;
  let h2 = 0x98badcfe | 0;
  let h3 = 0x10325476;
  let h4 = 0xc3d2e1f0 | 0;

  for (let p = 0, end = blocks << 6; p < end; p += 64) {
    let w0 = (bytes[p + 0]! << 24) | (bytes[p + 1]! << 16) | (bytes[p + 2]! << 8) | bytes[p + 3]!;
    let w1 = (bytes[p + 4]! << 24) | (bytes[p + 5]! << 16) | (bytes[p + 6]! << 8) | bytes[p + 7]!;
    let w2 = (bytes[p + 8]! << 24) | (bytes[p + 9]! << 16) | (bytes[p + 10]! << 8) | bytes[p + 11]!;
    let w3 = (bytes[p + 12]! << 24) | (bytes[p + 13]! << 16) | (bytes[p + 14]! << 8) | bytes[p + 15]!;
    let w4 = (bytes[p + 16]! << 24) | (bytes[p + 17]! << 16) | (bytes[p + 18]! << 8) | bytes[p + 19]!;
    let w5 = (bytes[p + 20]! << 24) | (bytes[p + 21]! << 16) | (bytes[p + 22]! << 8) | bytes[p + 23]!;
    let w6 = (bytes[p + 24]! << 24) | (bytes[p + 25]! << 16) | (bytes[p + 26]! << 8) | bytes[p + 27]!;
    let w7 = (bytes[p + 28]! << 24) | (bytes[p + 29]! << 16) | (bytes[p + 30]! << 8) | bytes[p + 31]!;
    let w8 = (bytes[p + 32]! << 24) | (bytes[p + 33]! << 16) | (bytes[p + 34]! << 8) | bytes[p + 35]!;
    let w9 = (bytes[p + 36]! << 24) | (bytes[p + 37]! << 16) | (bytes[p + 38]! << 8) | bytes[p + 39]!;
    let w10 = (bytes[p + 40]! << 24) | (bytes[p + 41]! << 16) | (bytes[p + 42]! << 8) | bytes[p + 43]!;
    let w11 = (bytes[p + 44]! << 24) | (bytes[p + 45]! << 16) | (bytes[p + 46]! << 8) | bytes[p + 47]!;
    let w12 = (bytes[p + 48]! << 24) | (bytes[p + 49]! << 16) | (bytes[p + 50]! << 8) | bytes[p + 51]!;
    let w13 = (bytes[p + 52]! << 24) | (bytes[p + 53]! << 16) | (bytes[p + 54]! << 8) | bytes[p + 55]!;
    let w14 = (bytes[p + 56]! << 24) | (bytes[p + 57]! << 16) | (bytes[p + 58]! << 8) | bytes[p + 59]!;
    let w15 = (bytes[p + 60]! << 24) | (bytes[p + 61]! << 16) | (bytes[p + 62]! << 8) | bytes[p + 63]!;
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    e = (rotl5(a) + choose(b, c, d) + e + K0 + w0) | 0; b = rotl30(b);
    d = (rotl5(e) + choose(a, b, c) + d + K0 + w1) | 0; a = rotl30(a);
    c = (rotl5(d) + choose(e, a, b) + c + K0 + w2) | 0; e = rotl30(e);
    b = (rotl5(c) + choose(d, e, a) + b + K0 + w3) | 0; d = rotl30(d);
    a = (rotl5(b) + choose(c, d, e) + a + K0 + w4) | 0; c = rotl30(c);
    e = (rotl5(a) + choose(b, c, d) + e + K0 + w5) | 0; b = rotl30(b);
    d = (rotl5(e) + choose(a, b, c) + d + K0 + w6) | 0; a = rotl30(a);
    c = (rotl5(d) + choose(e, a, b) + c + K0 + w7) | 0; e = rotl30(e);
    b = (rotl5(c) + choose(d, e, a) + b + K0 + w8) | 0; d = rotl30(d);
    a = (rotl5(b) + choose(c, d, e) + a + K0 + w9) | 0; c = rotl30(c);
    e = (rotl5(a) + choose(b, c, d) + e + K0 + w10) | 0; b = rotl30(b);
    d = (rotl5(e) + choose(a, b, c) + d + K0 + w11) | 0; a = rotl30(a);
    c = (rotl5(d) + choose(e, a, b) + c + K0 + w12) | 0; e = rotl30(e);
    b = (rotl5(c) + choose(d, e, a) + b + K0 + w13) | 0; d = rotl30(d);
    a = (rotl5(b) + choose(c, d, e) + a + K0 + w14) | 0; c = rotl30(c);
    e = (rotl5(a) + choose(b, c, d) + e + K0 + w15) | 0; b = rotl30(b);
    w0 = rotl1(w13 ^ w8 ^ w2 ^ w0); d = (rotl5(e) + choose(a, b, c) + d + K0 + w0) | 0; a = rotl30(a);
    w1 = rotl1(w14 ^ w9 ^ w3 ^ w1); c = (rotl5(d) + choose(e, a, b) + c + K0 + w1) | 0; e = rotl30(e);
    w2 = rotl1(w15 ^ w10 ^ w4 ^ w2); b = (rotl5(c) + choose(d, e, a) + b + K0 + w2) | 0; d = rotl30(d);
    w3 = rotl1(w0 ^ w11 ^ w5 ^ w3); a = (rotl5(b) + choose(c, d, e) + a + K0 + w3) | 0; c = rotl30(c);
    w4 = rotl1(w1 ^ w12 ^ w6 ^ w4); e = (rotl5(a) + parity(b, c, d) + e + K1 + w4) | 0; b = rotl30(b);
    w5 = rotl1(w2 ^ w13 ^ w7 ^ w5); d = (rotl5(e) + parity(a, b, c) + d + K1 + w5) | 0; a = rotl30(a);
    w6 = rotl1(w3 ^ w14 ^ w8 ^ w6); c = (rotl5(d) + parity(e, a, b) + c + K1 + w6) | 0; e = rotl30(e);
    w7 = rotl1(w4 ^ w15 ^ w9 ^ w7); b = (rotl5(c) + parity(d, e, a) + b + K1 + w7) | 0; d = rotl30(d);
    w8 = rotl1(w5 ^ w0 ^ w10 ^ w8); a = (rotl5(b) + parity(c, d, e) + a + K1 + w8) | 0; c = rotl30(c);
    w9 = rotl1(w6 ^ w1 ^ w11 ^ w9); e = (rotl5(a) + parity(b, c, d) + e + K1 + w9) | 0; b = rotl30(b);
    w10 = rotl1(w7 ^ w2 ^ w12 ^ w10); d = (rotl5(e) + parity(a, b, c) + d + K1 + w10) | 0; a = rotl30(a);
    w11 = rotl1(w8 ^ w3 ^ w13 ^ w11); c = (rotl5(d) + parity(e, a, b) + c + K1 + w11) | 0; e = rotl30(e);
    w12 = rotl1(w9 ^ w4 ^ w14 ^ w12); b = (rotl5(c) + parity(d, e, a) + b + K1 + w12) | 0; d = rotl30(d);
    w13 = rotl1(w10 ^ w5 ^ w15 ^ w13); a = (rotl5(b) + parity(c, d, e) + a + K1 + w13) | 0; c = rotl30(c);
    w14 = rotl1(w11 ^ w6 ^ w0 ^ w14); e = (rotl5(a) + parity(b, c, d) + e + K1 + w14) | 0; b = rotl30(b);
    w15 = rotl1(w12 ^ w7 ^ w1 ^ w15); d = (rotl5(e) + parity(a, b, c) + d + K1 + w15) | 0; a = rotl30(a);
    w0 = rotl1(w13 ^ w8 ^ w2 ^ w0); c = (rotl5(d) + parity(e, a, b) + c + K1 + w0) | 0; e = rotl30(e);
    w1 = rotl1(w14 ^ w9 ^ w3 ^ w1); b = (rotl5(c) + parity(d, e, a) + b + K1 + w1) | 0; d = rotl30(d);
    w2 = rotl1(w15 ^ w10 ^ w4 ^ w2); a = (rotl5(b) + parity(c, d, e) + a + K1 + w2) | 0; c = rotl30(c);
    w3 = rotl1(w0 ^ w11 ^ w5 ^ w3); e = (rotl5(a) + parity(b, c, d) + e + K1 + w3) | 0; b = rotl30(b);
    w4 = rotl1(w1 ^ w12 ^ w6 ^ w4); d = (rotl5(e) + parity(a, b, c) + d + K1 + w4) | 0; a = rotl30(a);
    w5 = rotl1(w2 ^ w13 ^ w7 ^ w5); c = (rotl5(d) + parity(e, a, b) + c + K1 + w5) | 0; e = rotl30(e);
    w6 = rotl1(w3 ^ w14 ^ w8 ^ w6); b = (rotl5(c) + parity(d, e, a) + b + K1 + w6) | 0; d = rotl30(d);
    w7 = rotl1(w4 ^ w15 ^ w9 ^ w7); a = (rotl5(b) + parity(c, d, e) + a + K1 + w7) | 0; c = rotl30(c);
    w8 = rotl1(w5 ^ w0 ^ w10 ^ w8); e = (rotl5(a) + majority(b, c, d) + e + K2 + w8) | 0; b = rotl30(b);
    w9 = rotl1(w6 ^ w1 ^ w11 ^ w9); d = (rotl5(e) + majority(a, b, c) + d + K2 + w9) | 0; a = rotl30(a);
    w10 = rotl1(w7 ^ w2 ^ w12 ^ w10); c = (rotl5(d) + majority(e, a, b) + c + K2 + w10) | 0; e = rotl30(e);
    w11 = rotl1(w8 ^ w3 ^ w13 ^ w11); b = (rotl5(c) + majority(d, e, a) + b + K2 + w11) | 0; d = rotl30(d);
    w12 = rotl1(w9 ^ w4 ^ w14 ^ w12); a = (rotl5(b) + majority(c, d, e) + a + K2 + w12) | 0; c = rotl30(c);
    w13 = rotl1(w10 ^ w5 ^ w15 ^ w13); e = (rotl5(a) + majority(b, c, d) + e + K2 + w13) | 0; b = rotl30(b);
    w14 = rotl1(w11 ^ w6 ^ w0 ^ w14); d = (rotl5(e) + majority(a, b, c) + d + K2 + w14) | 0; a = rotl30(a);
    w15 = rotl1(w12 ^ w7 ^ w1 ^ w15); c = (rotl5(d) + majority(e, a, b) + c + K2 + w15) | 0; e = rotl30(e);
    w0 = rotl1(w13 ^ w8 ^ w2 ^ w0); b = (rotl5(c) + majority(d, e, a) + b + K2 + w0) | 0; d = rotl30(d);
    w1 = rotl1(w14 ^ w9 ^ w3 ^ w1); a = (rotl5(b) + majority(c, d, e) + a + K2 + w1) | 0; c = rotl30(c);
    w2 = rotl1(w15 ^ w10 ^ w4 ^ w2); e = (rotl5(a) + majority(b, c, d) + e + K2 + w2) | 0; b = rotl30(b);
    w3 = rotl1(w0 ^ w11 ^ w5 ^ w3); d = (rotl5(e) + majority(a, b, c) + d + K2 + w3) | 0; a = rotl30(a);
    w4 = rotl1(w1 ^ w12 ^ w6 ^ w4); c = (rotl5(d) + majority(e, a, b) + c + K2 + w4) | 0; e = rotl30(e);
    w5 = rotl1(w2 ^ w13 ^ w7 ^ w5); b = (rotl5(c) + majority(d, e, a) + b + K2 + w5) | 0; d = rotl30(d);
    w6 = rotl1(w3 ^ w14 ^ w8 ^ w6); a = (rotl5(b) + majority(c, d, e) + a + K2 + w6) | 0; c = rotl30(c);
    w7 = rotl1(w4 ^ w15 ^ w9 ^ w7); e = (rotl5(a) + majority(b, c, d) + e + K2 + w7) | 0; b = rotl30(b);
    w8 = rotl1(w5 ^ w0 ^ w10 ^ w8); d = (rotl5(e) + majority(a, b, c) + d + K2 + w8) | 0; a = rotl30(a);
    w9 = rotl1(w6 ^ w1 ^ w11 ^ w9); c = (rotl5(d) + majority(e, a, b) + c + K2 + w9) | 0; e = rotl30(e);
    w10 = rotl1(w7 ^ w2 ^ w12 ^ w10); b = (rotl5(c) + majority(d, e, a) + b + K2 + w10) | 0; d = rotl30(d);
    w11 = rotl1(w8 ^ w3 ^ w13 ^ w11); a = (rotl5(b) + majority(c, d, e) + a + K2 + w11) | 0; c = rotl30(c);
    w12 = rotl1(w9 ^ w4 ^ w14 ^ w12); e = (rotl5(a) + parity(b, c, d) + e + K3 + w12) | 0; b = rotl30(b);
    w13 = rotl1(w10 ^ w5 ^ w15 ^ w13); d = (rotl5(e) + parity(a, b, c) + d + K3 + w13) | 0; a = rotl30(a);
    w14 = rotl1(w11 ^ w6 ^ w0 ^ w14); c = (rotl5(d) + parity(e, a, b) + c + K3 + w14) | 0; e = rotl30(e);
    w15 = rotl1(w12 ^ w7 ^ w1 ^ w15); b = (rotl5(c) + parity(d, e, a) + b + K3 + w15) | 0; d = rotl30(d);
    w0 = rotl1(w13 ^ w8 ^ w2 ^ w0); a = (rotl5(b) + parity(c, d, e) + a + K3 + w0) | 0; c = rotl30(c);
    w1 = rotl1(w14 ^ w9 ^ w3 ^ w1); e = (rotl5(a) + parity(b, c, d) + e + K3 + w1) | 0; b = rotl30(b);
    w2 = rotl1(w15 ^ w10 ^ w4 ^ w2); d = (rotl5(e) + parity(a, b, c) + d + K3 + w2) | 0; a = rotl30(a);
    w3 = rotl1(w0 ^ w11 ^ w5 ^ w3); c = (rotl5(d) + parity(e, a, b) + c + K3 + w3) | 0; e = rotl30(e);
    w4 = rotl1(w1 ^ w12 ^ w6 ^ w4); b = (rotl5(c) + parity(d, e, a) + b + K3 + w4) | 0; d = rotl30(d);
    w5 = rotl1(w2 ^ w13 ^ w7 ^ w5); a = (rotl5(b) + parity(c, d, e) + a + K3 + w5) | 0; c = rotl30(c);
    w6 = rotl1(w3 ^ w14 ^ w8 ^ w6); e = (rotl5(a) + parity(b, c, d) + e + K3 + w6) | 0; b = rotl30(b);
    w7 = rotl1(w4 ^ w15 ^ w9 ^ w7); d = (rotl5(e) + parity(a, b, c) + d + K3 + w7) | 0; a = rotl30(a);
    w8 = rotl1(w5 ^ w0 ^ w10 ^ w8); c = (rotl5(d) + parity(e, a, b) + c + K3 + w8) | 0; e = rotl30(e);
    w9 = rotl1(w6 ^ w1 ^ w11 ^ w9); b = (rotl5(c) + parity(d, e, a) + b + K3 + w9) | 0; d = rotl30(d);
    w10 = rotl1(w7 ^ w2 ^ w12 ^ w10); a = (rotl5(b) + parity(c, d, e) + a + K3 + w10) | 0; c = rotl30(c);
    w11 = rotl1(w8 ^ w3 ^ w13 ^ w11); e = (rotl5(a) + parity(b, c, d) + e + K3 + w11) | 0; b = rotl30(b);
    w12 = rotl1(w9 ^ w4 ^ w14 ^ w12); d = (rotl5(e) + parity(a, b, c) + d + K3 + w12) | 0; a = rotl30(a);
    w13 = rotl1(w10 ^ w5 ^ w15 ^ w13); c = (rotl5(d) + parity(e, a, b) + c + K3 + w13) | 0; e = rotl30(e);
    w14 = rotl1(w11 ^ w6 ^ w0 ^ w14); b = (rotl5(c) + parity(d, e, a) + b + K3 + w14) | 0; d = rotl30(d);
    w15 = rotl1(w12 ^ w7 ^ w1 ^ w15); a = (rotl5(b) + parity(c, d, e) + a + K3 + w15) | 0; c = rotl30(c);
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
  }

  // The 160-bit digest read as an unsigned big-endian integer, reduced word by word with
  // (r * 2^32 + word) mod 100 = (r * 96 + word mod 100) mod 100: small integers only, where the
  // float remainder of r * 2^32 + word would cost a call per word.
  let residue = (h0 >>> 0) % 100;
  residue = (residue * 96 + ((h1 >>> 0) % 100)) % 100;
  residue = (residue * 96 + ((h2 >>> 0) % 100)) % 100;
  residue = (residue * 96 + ((h3 >>> 0) % 100)) % 100;
  residue = (residue * 96 + ((h4 >>> 0) % 100)) % 100;
  return residue;
}

/** SHA-1 of the first `length` bytes of `bytes` as `digest mod 100`, in [0, 99] (copies them to pad). */
export function sha1Mod100(bytes: Uint8Array, length: number): number {
  const needed = length + sha1PaddingLength(length);
  if (padded.bytes.length < needed) padded.bytes = new Uint8Array(needed);
  const copy = padded.bytes;
  copy.set(bytes.subarray(0, length));
  return sha1PaddedMod100(copy, writeSha1Padding(copy, length));
}
