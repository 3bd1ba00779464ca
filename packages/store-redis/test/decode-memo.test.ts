import { describe, expect, it } from '@jest/globals';
import { encodeDocument, FeatureFlagStoreItem } from '@flipper-client/core/store';
import { DecodeMemo } from '../src/decode-memo.js';

const text = (name: string, enabled: boolean): string => encodeDocument(new FeatureFlagStoreItem(name, enabled));

describe('DecodeMemo', () => {
  it('hands back the item decoded before while the text is the same, and decodes a changed text', () => {
    const memo = new DecodeMemo(1024 * 1024);
    const first = memo.decode('A', text('A', true));
    expect(memo.decode('A', text('A', true))).toBe(first);
    const changed = memo.decode('A', text('A', false));
    expect(changed).not.toBe(first);
    expect(changed.enabled).toBe(false);
    expect(memo.size).toBe(1);
  });

  it('keeps at most its capacity, letting the oldest flag go first', () => {
    const memo = new DecodeMemo(1024 * 1024, 2);
    const a = memo.decode('A', text('A', true));
    memo.decode('B', text('B', true));
    memo.decode('C', text('C', true));
    expect(memo.size).toBe(2);
    expect(memo.decode('A', text('A', true))).not.toBe(a);
  });

  it('forgets a flag that is gone', () => {
    const memo = new DecodeMemo(1024 * 1024);
    const a = memo.decode('A', text('A', true));
    memo.decode('B', text('B', true));
    memo.forget('A');
    expect(memo.size).toBe(1);
    expect(memo.decode('A', text('A', true))).not.toBe(a);
  });
});
