import { describe, expect, it } from '@jest/globals';
import { compareHistoryIds } from '@flipper-client/core/store';
import { AWKWARD_NAMES } from '@flipper-client/test-suite';
import { flagDiscriminator, HistoryKeys, streamBound, streamIdOf } from '../src/history-keys.js';
import { KeyLayout } from '../src/keys.js';

const keys = new HistoryKeys(new KeyLayout('features', 'features:changes'));
const names = [...AWKWARD_NAMES, 'a}b', '{}x', '{t}x', 'a{b', '}', '{', 'NEW_CHECKOUT'];

describe('history key names', () => {
  it('give back the flag of each history key, and nothing for other keys', () => {
    for (const name of names) expect(keys.nameOf(keys.key(name))).toBe(name);
    const others = [
      'features/A',
      '{features/A}:history:features2/A',
      '{other/A}:history:features/A',
      '{features/A}:history:features/',
      'features:changes',
    ];
    for (const key of others) expect(keys.nameOf(key)).toBeUndefined();
    expect(new HistoryKeys(new KeyLayout('fe*tures', 'c')).scanPattern).toBe('{*}:history:fe\\*tures/*');
  });
});

describe('history entry ids', () => {
  it('tell flags written in the same millisecond apart and keep each flag in stream order', () => {
    const a = `1733615583000-0-${flagDiscriminator('A')}`;
    const b = `1733615583000-0-${flagDiscriminator('B')}`;
    expect(compareHistoryIds(a, b)).not.toBe(0);
    expect(compareHistoryIds(`1733615583000-1-${flagDiscriminator('A')}`, a)).toBeGreaterThan(0);
    expect(compareHistoryIds(`1733615583001-0-${flagDiscriminator('A')}`, `1733615583000-9-${flagDiscriminator('A')}`)).toBeGreaterThan(0);
  });

  it("answer a stream id only for the flag's own ids", () => {
    const id = `1733615583000-7-${flagDiscriminator('A')}`;
    expect(streamIdOf(id, 'A')).toBe('1733615583000-7');
    expect(streamIdOf(id, 'B')).toBeUndefined();
    for (const bad of ['1733615583000-7', 'x-1-2', '1-2-3-4', '']) expect(streamIdOf(bad, 'A')).toBeUndefined();
    expect(streamBound('42')).toBe('42-0');
    expect(streamBound(id)).toBe('1733615583000-7');
  });
});
