import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { rewriteSha1Padding, sha1Mod100, sha1PaddedMod100, sha1PaddingLength, writeSha1Padding } from '../src/sha1.js';

function residue(text: string): number {
  const bytes = Buffer.from(text, 'latin1');
  return sha1Mod100(bytes, bytes.length);
}

function reference(text: string): number {
  return Number(BigInt(`0x${createHash('sha1').update(Buffer.from(text, 'latin1')).digest('hex')}`) % 100n);
}

describe('sha1Mod100', () => {
  it('hashes only the first `length` bytes of the buffer', () => {
    const bytes = Buffer.from('abcXYZ', 'latin1');
    expect(sha1Mod100(bytes, 3)).toBe(reference('abc'));
  });

  it('matches node:crypto for every length across the block boundaries', () => {
    for (let length = 0; length <= 300; length++) {
      let text = '';
      for (let i = 0; i < length; i++) text += String.fromCharCode(32 + ((i * 7 + length) % 95));
      expect(residue(text)).toBe(reference(text));
    }
  });

  it('matches node:crypto on bytes above 0x7f', () => {
    const text = Array.from({ length: 120 }, (_, i) => String.fromCharCode((i * 37) % 256)).join('');
    expect(residue(text)).toBe(reference(text));
  });

  it('gives the residue of the well-known digest of "abc"', () => {
    // SHA-1("abc") = a9993e364706816aba3e25717850c26c9cd0d89d (FIPS 180-4 example).
    expect(residue('abc')).toBe(Number(0xa9993e364706816aba3e25717850c26c9cd0d89dn % 100n));
  });

  it('pads in place over whatever the buffer held before, at every length around the block edges', () => {
    for (const length of [0, 1, 54, 55, 56, 57, 63, 64, 65, 119, 120, 128, 500]) {
      const text = 'q'.repeat(length);
      const bytes = new Uint8Array(length + sha1PaddingLength(length)).fill(0xa5);
      bytes.set(Buffer.from(text, 'latin1'));
      const blocks = writeSha1Padding(bytes, length);
      expect(blocks * 64).toBe(bytes.length);
      expect(sha1PaddedMod100(bytes, blocks)).toBe(reference(text));
    }
  });
});

describe('rewriteSha1Padding', () => {
  /** The text of `length` bytes for step `step`: different bytes each time, none of them zero. */
  function text(length: number, step: number): Uint8Array {
    return Uint8Array.from({ length }, (_, i) => 1 + ((i * 31 + step * 7) % 250));
  }

  /** Pads `lengths` one after another in one buffer, as a hasher does, checking each against a fresh padding. */
  function padInTurn(lengths: readonly number[]): void {
    const bytes = new Uint8Array(1024).fill(0xa5);
    let previous = -1;
    lengths.forEach((length, step) => {
      bytes.set(text(length, step));
      const blocks = rewriteSha1Padding(bytes, length, previous);
      const fresh = new Uint8Array(length + sha1PaddingLength(length));
      fresh.set(text(length, step));
      expect(blocks).toBe(writeSha1Padding(fresh, length));
      expect(bytes.subarray(0, blocks * 64)).toEqual(fresh);
      expect(sha1PaddedMod100(bytes, blocks)).toBe(reference(Buffer.from(fresh.subarray(0, length)).toString('latin1')));
      previous = length;
    });
  }

  it('leaves the bytes a fresh padding would, for every pair of lengths around the block edges', () => {
    const edges = [0, 1, 2, 28, 53, 54, 55, 56, 57, 58, 59, 63, 64, 65, 118, 119, 120, 121, 128, 183, 184, 200];
    for (const first of edges) for (const second of edges) padInTurn([first, second, second, first]);
  });

  it('leaves the bytes a fresh padding would, for any sequence of lengths', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 300 }), { maxLength: 12 }), padInTurn), { numRuns: 500 });
  });
});
