import { describe, expect, it } from '@jest/globals';
import { MemoryFeatureFlagStore, StoreError } from '@flipper-client/core';
import { encodeDocument, FeatureFlagMeta, FeatureFlagStoreItem, type StoreChange } from '@flipper-client/core/store';
import { FaultyStore, WRITE_OPERATIONS, collect, findSecretPaths } from '../src/index.js';

describe('FaultyStore', () => {
  it('fails the chosen operations with a StoreError naming the flag until healed, and counts every call', async () => {
    const faulty = new FaultyStore(new MemoryFeatureFlagStore());
    await faulty.create('F');
    faulty.fail(['get']);
    const failure = await faulty.get('F').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StoreError);
    expect((failure as StoreError).featureName).toBe('F');
    await faulty.set('F', true);
    faulty.heal();
    expect((await faulty.get('F'))?.enabled).toBe(true);
    expect([faulty.calls.create, faulty.calls.get, faulty.calls.set]).toEqual([1, 2, 1]);
    expect(faulty.log.map((write) => write.operation)).toEqual(['create', 'set']);
  });

  it('holds a hung call until heal, which rejects it', async () => {
    const faulty = new FaultyStore(new MemoryFeatureFlagStore());
    faulty.hang(WRITE_OPERATIONS);
    const pending = faulty.create('HUNG').catch((error: unknown) => error);
    faulty.heal();
    expect(await pending).toBeInstanceOf(StoreError);
    expect(await faulty.inner.get('HUNG')).toBeUndefined();
  });

  it('holds writes at a gate: the wrapped store has nothing until release', async () => {
    const faulty = new FaultyStore(new MemoryFeatureFlagStore());
    const gate = faulty.holdWrites('HELD');
    const writing = faulty.create('HELD');
    await gate.reached;
    expect(await faulty.inner.get('HELD')).toBeUndefined();
    gate.release();
    await writing;
    expect((await faulty.inner.get('HELD'))?.featureName).toBe('HELD');
  });

  it("passes the inner store's put on, counted, logged and failed like any write, and hides it on request", async () => {
    expect(new FaultyStore(new MemoryFeatureFlagStore(), { put: false }).put).toBeUndefined();
    const faulty = new FaultyStore(new MemoryFeatureFlagStore());
    const item = new FeatureFlagStoreItem('PUT', true, new FeatureFlagMeta({ createdDate: 1_600_000_000 }));
    await faulty.put!(item);
    expect(encodeDocument((await faulty.inner.get('PUT'))!)).toBe(encodeDocument(item));
    faulty.fail(['put']);
    await expect(faulty.put!(item.withEnabled(false))).rejects.toBeInstanceOf(StoreError);
    expect((await faulty.inner.get('PUT'))?.enabled).toBe(true);
    expect(faulty.calls.put).toBe(2);
    expect(faulty.log).toEqual([{ operation: 'put', featureName: 'PUT', item }]);
  });

  it('hides the change feed on request, and mutes it while asked', async () => {
    expect(new FaultyStore(new MemoryFeatureFlagStore(), { changeFeed: false }).watch).toBeUndefined();
    const faulty = new FaultyStore(new MemoryFeatureFlagStore());
    const heard: StoreChange[] = [];
    const stop = faulty.watch!((change) => heard.push(change));
    faulty.muteFeed();
    await faulty.create('MUTED');
    faulty.muteFeed(false);
    await faulty.create('HEARD');
    faulty.emit({ kind: 'all' });
    stop();
    expect(heard).toEqual([{ kind: 'flag', featureName: 'HEARD' }, { kind: 'all' }]);
    expect(faulty.watchers).toBe(0);
    expect((await collect(faulty.list())).map((item) => item.featureName)).toEqual(['HEARD', 'MUTED']);
  });
});

describe('findSecretPaths', () => {
  it('finds a secret in non-enumerable properties, causes, Maps and Buffers', () => {
    const hidden = new Error('outer', { cause: new Error('token=s3cret') });
    Object.defineProperty(hidden, 'request', { value: { headers: new Map([['x-token', 's3cret']]) }, enumerable: false });
    const paths = findSecretPaths({ error: hidden, body: Buffer.from('s3cret') }, 's3cret');
    expect(paths.sort()).toEqual(
      ['$.body<buffer>', '$.error.cause.message', '$.error.cause.stack', '$.error.request.headers.get(x-token)'].sort(),
    );
  });

  it('does not call getters, and stops at cycles', () => {
    const value: Record<string, unknown> = {};
    value['self'] = value;
    Object.defineProperty(value, 'lazy', { get: () => 's3cret', enumerable: true });
    expect(findSecretPaths(value, 's3cret')).toEqual([]);
  });
});
