import { describe, expect, it } from '@jest/globals';
import { FlagDoesNotExistError, UpdateConflictError } from '../src/index.js';
import {
  FeatureFlagMeta,
  FeatureFlagStoreItem,
  decodeDocument,
  encodeDocument,
  setOrCreate,
  updateWithCompareAndSet,
  type ConditionalAccess,
} from '../src/store-entry.js';

/** Documents with a version that moves on every write, as a compare-and-set backend keeps them. */
class VersionedDocuments {
  readonly documents = new Map<string, { text: string; version: number }>();
  writes = 0;
  private versions = 0;
  /** Runs once before the next conditional write or create, as another writer landing first. */
  interfere: (() => void) | undefined;

  put(item: FeatureFlagStoreItem): void {
    this.documents.set(item.featureName, { text: encodeDocument(item), version: ++this.versions });
  }

  access(featureName: string, maxAttempts?: number): ConditionalAccess<number> {
    return {
      storeName: 'versioned',
      featureName,
      ...(maxAttempts === undefined ? {} : { maxAttempts }),
      read: async () => {
        const stored = this.documents.get(featureName);
        return stored === undefined ? undefined : { item: decodeDocument(featureName, stored.text), version: stored.version };
      },
      write: async (next, expected) => {
        this.runInterference();
        if (this.documents.get(featureName)?.version !== expected) return false;
        this.writes++;
        this.put(next);
        return true;
      },
    };
  }

  create(featureName: string): (item: FeatureFlagStoreItem) => Promise<boolean> {
    return async (item) => {
      this.runInterference();
      if (this.documents.has(featureName)) return false;
      this.writes++;
      this.put(item);
      return true;
    };
  }

  private runInterference(): void {
    const interfere = this.interfere;
    this.interfere = undefined;
    interfere?.();
  }
}

describe('setOrCreate', () => {
  it('creates a missing flag with the switch asked for and default metadata', async () => {
    const backend = new VersionedDocuments();
    const written = await setOrCreate({ ...backend.access('NEW'), isEnabled: true, create: backend.create('NEW') });
    expect(written.enabled).toBe(true);
    const stored = decodeDocument('NEW', backend.documents.get('NEW')!.text);
    expect(stored.enabled).toBe(true);
    expect(stored.meta.toJSON()).toMatchObject({ client_data: {}, conditions: [], bucketer: { type: 'NoOpBucketer' } });
  });

  it('switches a stored flag and keeps its metadata', async () => {
    const backend = new VersionedDocuments();
    backend.put(new FeatureFlagStoreItem('KEPT', false, new FeatureFlagMeta({ createdDate: 1_700_000_000, clientData: { owner: 'ops' } })));
    await setOrCreate({ ...backend.access('KEPT'), isEnabled: true, create: backend.create('KEPT') });
    const stored = decodeDocument('KEPT', backend.documents.get('KEPT')!.text);
    expect(stored.enabled).toBe(true);
    expect(stored.meta.toJSON()).toMatchObject({ client_data: { owner: 'ops' }, created_date: 1_700_000_000 });
  });

  it("switches the flag another writer created first instead of replacing it", async () => {
    const backend = new VersionedDocuments();
    backend.interfere = () => backend.put(new FeatureFlagStoreItem('RACED', false, new FeatureFlagMeta({ clientData: { theirs: true } })));
    await setOrCreate({ ...backend.access('RACED'), isEnabled: true, create: backend.create('RACED') });
    const stored = decodeDocument('RACED', backend.documents.get('RACED')!.text);
    expect(stored.enabled).toBe(true);
    expect(stored.clientData()).toEqual({ theirs: true });
    expect(backend.writes).toBe(1);
  });

  it('gives up with UpdateConflictError naming the flag and the store after maxAttempts lost races', async () => {
    const backend = new VersionedDocuments();
    backend.put(new FeatureFlagStoreItem('CONTESTED', false));
    const access = backend.access('CONTESTED', 3);
    let attempts = 0;
    const failure = await setOrCreate({
      ...access,
      isEnabled: true,
      create: backend.create('CONTESTED'),
      write: async () => (attempts++, false),
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UpdateConflictError);
    expect((failure as UpdateConflictError).attempts).toBe(3);
    expect((failure as Error).message).toContain('"CONTESTED"');
    expect((failure as Error).message).toContain('versioned store');
    expect(attempts).toBe(3);
  });
});

describe('updateWithCompareAndSet', () => {
  it('rejects a missing flag with FlagDoesNotExistError and writes nothing', async () => {
    const backend = new VersionedDocuments();
    await expect(
      updateWithCompareAndSet({ ...backend.access('MISSING'), change: (item) => item.withEnabled(true) }),
    ).rejects.toBeInstanceOf(FlagDoesNotExistError);
    expect(backend.documents.has('MISSING')).toBe(false);
  });

  it('applies the change again to what the winner of a race wrote', async () => {
    const backend = new VersionedDocuments();
    backend.put(new FeatureFlagStoreItem('MERGED', true, new FeatureFlagMeta({ clientData: { a: 1 } })));
    backend.interfere = () =>
      backend.put(new FeatureFlagStoreItem('MERGED', true, new FeatureFlagMeta({ clientData: { a: 1, b: 2 } })));
    const written = await updateWithCompareAndSet({
      ...backend.access('MERGED'),
      change: (item) => item.withMeta(item.meta.with({ clientData: { ...item.meta.clientData, c: 3 } })),
    });
    expect(written.clientData()).toEqual({ a: 1, b: 2, c: 3 });
    expect(decodeDocument('MERGED', backend.documents.get('MERGED')!.text).clientData()).toEqual({ a: 1, b: 2, c: 3 });
  });
});
