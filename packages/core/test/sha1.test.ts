import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { sha1Mod100, sha1PaddedMod100, sha1PaddingLength, writeSha1Padding } from '../src/sha1.js';

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
