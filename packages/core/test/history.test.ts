import { describe, expect, it } from '@jest/globals';
import { MemoryFeatureFlagStore, InvalidArgumentError } from '../src/index.js';
import { compareHistoryIds, isHistoryId, resolveHistoryRetention } from '../src/store-entry.js';

describe('history ids', () => {
  it('compare part by part as integers', () => {
    expect(compareHistoryIds('9', '10')).toBeLessThan(0);
    expect(compareHistoryIds('1733615583000-2', '1733615583000-10')).toBeLessThan(0);
    expect(compareHistoryIds('1733615583001-0', '1733615583000-10')).toBeGreaterThan(0);
    expect(compareHistoryIds('5', '5-0')).toBe(0);
    expect(compareHistoryIds('007', '7')).toBe(0);
    const shuffled = ['3-1', '10', '2-5', '3', '2-10'];
    expect([...shuffled].sort(compareHistoryIds)).toEqual(['2-5', '2-10', '3', '3-1', '10']);
  });

  it('have a checked shape', () => {
    expect(isHistoryId('42')).toBe(true);
    expect(isHistoryId('1733615583000-3')).toBe(true);
    for (const bad of ['', '-1', '1-', 'a', '1.5', '1--2', 42]) expect(isHistoryId(bad)).toBe(false);
  });
});

describe('history retention', () => {
  it('defaults to 1,000 entries without an age limit and refuses nonsense', () => {
    expect(resolveHistoryRetention('x')).toEqual({ limit: 1000, maxAgeMs: undefined });
    for (const bad of [{ limit: 0 }, { limit: 1.5 }, { maxAgeMs: -1 }, { maxAgeMs: Number.NaN }]) {
      expect(() => resolveHistoryRetention('x', bad)).toThrow(InvalidArgumentError);
    }
    expect(() => new MemoryFeatureFlagStore({ history: { limit: 0 } })).toThrow(/memory store: history limit/);
  });

  it('trims by age at the next write, keeping the newest entry', async () => {
    let now = 0;
    const store = new MemoryFeatureFlagStore({ history: { maxAgeMs: 100 }, now: () => now });
    await store.create('F');
    now = 50;
    await store.set('F', true);
    now = 500;
    expect(await store.history('F')).toHaveLength(2);
    await store.set('F', false);
    expect((await store.history('F')).map((entry) => entry.action)).toEqual(['set']);
  });
});

describe('memory store history across flags', () => {
  it('leaves trimmed entries out, pages without gaps, and stays in id order', async () => {
    const store = new MemoryFeatureFlagStore({ history: { limit: 2 } });
    for (let round = 0; round < 30; round++) {
      for (const name of ['A', 'B', 'C']) await store.set(name, round % 2 === 0);
    }
    const whole = await store.historyAcrossFlags({ limit: 1000 });
    expect(whole).toHaveLength(6);
    expect(whole.map((entry) => entry.featureName)).toEqual(['C', 'B', 'A', 'C', 'B', 'A']);
    const paged = [];
    let before: string | undefined;
    for (;;) {
      const page = await store.historyAcrossFlags({ limit: 4, ...(before === undefined ? {} : { before }) });
      paged.push(...page);
      if (page.length < 4) break;
      before = page[page.length - 1]!.id;
    }
    expect(paged.map((entry) => entry.id)).toEqual(whole.map((entry) => entry.id));
  });
});
