import { describe, expect, it } from '@jest/globals';
import { InvalidDocumentError } from '@flipper-client/core';
import { encodeDocument, FeatureFlagStoreItem } from '@flipper-client/core/store';
import { backoffDelay } from '../src/backoff.js';
import { LocalCopy } from '../src/local-copy.js';

const doc = (name: string, enabled: boolean) => encodeDocument(new FeatureFlagStoreItem(name, enabled));
const own = (copy: LocalCopy, name: string, enabled: boolean) => {
  const item = new FeatureFlagStoreItem(name, enabled);
  return copy.applyOwnWrite(item, encodeDocument(item));
};

describe('LocalCopy: snapshots and own writes arriving out of order', () => {
  it('applies a snapshot: new, changed and vanished flags are reported once', () => {
    const copy = new LocalCopy(1024 * 1024);
    expect(copy.applySnapshot([{ name: 'A', text: doc('A', true) }, { name: 'B', text: doc('B', false) }], copy.snapshotStart()).changed).toEqual(['A', 'B']);
    const next = copy.applySnapshot([{ name: 'A', text: doc('A', false) }], copy.snapshotStart());
    expect(next.changed.sort()).toEqual(['A', 'B']);
    expect(copy.lookup('A')?.item?.enabled).toBe(false);
    expect(copy.lookup('B')).toBeUndefined();
    expect(copy.applySnapshot([{ name: 'A', text: doc('A', false) }], copy.snapshotStart())).toEqual({ changed: [], invalid: [], recheck: false });
  });

  it('keeps an own write that a snapshot started earlier does not show, and asks to read again', () => {
    const copy = new LocalCopy(1024 * 1024);
    const started = copy.snapshotStart();
    expect(own(copy, 'MINE', true)).toBe(true);
    const outcome = copy.applySnapshot([], started);
    expect(outcome).toEqual({ changed: [], invalid: [], recheck: true });
    expect(copy.lookup('MINE')?.item?.enabled).toBe(true);
  });

  it('keeps an own write over an older value from an earlier snapshot, and asks to read again', () => {
    const copy = new LocalCopy(1024 * 1024);
    copy.applySnapshot([{ name: 'F', text: doc('F', false) }], copy.snapshotStart());
    const started = copy.snapshotStart();
    own(copy, 'F', true);
    expect(copy.applySnapshot([{ name: 'F', text: doc('F', false) }], started).recheck).toBe(true);
    expect(copy.lookup('F')?.item?.enabled).toBe(true);
  });

  it('confirms an own write that a snapshot shows, with nothing to report', () => {
    const copy = new LocalCopy(1024 * 1024);
    const started = copy.snapshotStart();
    own(copy, 'F', true);
    expect(copy.applySnapshot([{ name: 'F', text: doc('F', true) }], started)).toEqual({ changed: [], invalid: [], recheck: false });
    expect(copy.lookup('F')?.pinnedAt).toBe(0);
  });

  it('lets a snapshot started after an own write overrule it (another writer came later)', () => {
    const copy = new LocalCopy(1024 * 1024);
    own(copy, 'F', true);
    const outcome = copy.applySnapshot([{ name: 'F', text: doc('F', false) }], copy.snapshotStart());
    expect(outcome).toEqual({ changed: ['F'], invalid: [], recheck: false });
    expect(copy.lookup('F')?.item?.enabled).toBe(false);
  });

  it('keeps an own delete over an earlier snapshot that still shows the flag, until a later one', () => {
    const copy = new LocalCopy(1024 * 1024);
    copy.applySnapshot([{ name: 'GONE', text: doc('GONE', true) }], copy.snapshotStart());
    const started = copy.snapshotStart();
    expect(copy.applyOwnDelete('GONE')).toBe(true);
    expect(copy.applySnapshot([{ name: 'GONE', text: doc('GONE', true) }], started).recheck).toBe(true);
    expect(copy.lookup('GONE')).toBeUndefined();
    // A snapshot started after the delete is the truth: someone created the flag again.
    expect(copy.applySnapshot([{ name: 'GONE', text: doc('GONE', false) }], copy.snapshotStart()).changed).toEqual(['GONE']);
    expect(copy.lookup('GONE')?.item?.enabled).toBe(false);
  });

  it('holds an undecodable document as an error, reported once per version', () => {
    const copy = new LocalCopy(1024 * 1024);
    const first = copy.applySnapshot([{ name: 'BAD', text: '{"nope": 1}' }], copy.snapshotStart());
    expect(first.invalid).toHaveLength(1);
    expect(first.invalid[0]).toBeInstanceOf(InvalidDocumentError);
    expect(first.invalid[0]?.featureName).toBe('BAD');
    expect(copy.lookup('BAD')?.item).toBeUndefined();
    expect(copy.applySnapshot([{ name: 'BAD', text: '{"nope": 1}' }], copy.snapshotStart()).invalid).toEqual([]);
    expect(copy.applySnapshot([{ name: 'BAD', text: '' }], copy.snapshotStart()).invalid).toHaveLength(1);
  });
});

describe('backoffDelay', () => {
  it('doubles from the initial delay up to the ceiling, drawing from the upper half of each step', () => {
    const lowest = [1, 2, 3, 4, 5, 6].map((failures) => backoffDelay(failures, 100, 1000, () => 0));
    const highest = [1, 2, 3, 4, 5, 6].map((failures) => backoffDelay(failures, 100, 1000, () => 1));
    expect(lowest).toEqual([50, 100, 200, 400, 500, 500]);
    expect(highest).toEqual([100, 200, 400, 800, 1000, 1000]);
  });
});
