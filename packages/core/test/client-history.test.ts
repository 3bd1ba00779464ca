import { describe, expect, it } from '@jest/globals';
import {
  Condition,
  FeatureFlagClient,
  FlagExistsError,
  HistoryEntryNotFoundError,
  InvalidArgumentError,
  MemoryFeatureFlagStore,
  NotSupportedError,
  type FlagHistoryItem,
} from '../src/index.js';
import { defaultActor, encodeDocument, FeatureFlagStoreItem } from '../src/store-entry.js';

function clientWithClock(actor = 'user:alice') {
  let now = 1_700_000_000_000;
  const store = new MemoryFeatureFlagStore({ now: () => now });
  return { store, client: new FeatureFlagClient(store, { actor }), tick: (ms = 1000) => (now += ms), at: () => now };
}

const actions = (items: FlagHistoryItem[]): string[] => items.map((item) => item.action);

describe('client history', () => {
  it('records every kind of write with its actor and action, newest first', async () => {
    const { client } = clientWithClock();
    await client.create('F');
    await client.enable('F');
    await client.disable('F');
    await client.setClientData('F', { a: 1 });
    await client.addCondition('F', new Condition({ is_admin: true }));
    await client.setConditions('F', []);
    await client.destroy('F');
    const items = await client.history('F');
    expect(actions(items)).toEqual(['destroy', 'set_conditions', 'add_condition', 'set_client_data', 'disable', 'enable', 'create']);
    expect(new Set(items.map((item) => item.actor))).toEqual(new Set(['user:alice']));
    expect(items[0]!.after).toBeNull();
    expect(items[items.length - 1]!.before).toBeNull();
  });

  it('records writes as the actor of an as() view, sharing the events of the client', async () => {
    const { client } = clientWithClock('service:web');
    const heard: string[] = [];
    client.events.on('post_enable', (event) => heard.push(event.featureName));
    await client.create('F');
    await client.as('user:bob').enable('F');
    const [enable, create] = await client.history('F');
    expect(enable!.actor).toBe('user:bob');
    expect(create!.actor).toBe('service:web');
    expect(heard).toEqual(['F']);
    expect(client.actor).toBe('service:web');
  });

  it('defaults the actor to the process and refuses a blank one', async () => {
    const client = new FeatureFlagClient(new MemoryFeatureFlagStore());
    expect(client.actor).toBe(defaultActor());
    expect(client.actor).toMatch(/^process:.+:\d+$/);
    expect(() => new FeatureFlagClient(new MemoryFeatureFlagStore(), { actor: '  ' })).toThrow(InvalidArgumentError);
    expect(() => client.as('')).toThrow(InvalidArgumentError);
    expect(() => client.as('a\nb')).toThrow(InvalidArgumentError);
  });

  it('pages by id, newest first', async () => {
    const { client } = clientWithClock();
    await client.create('F');
    for (let i = 0; i < 6; i++) await client.setClientData('F', { i });
    const first = await client.history('F', { limit: 3 });
    const second = await client.history('F', { limit: 3, before: first[2]!.id! });
    const third = await client.history('F', { limit: 3, before: second[2]!.id! });
    expect([...first, ...second, ...third].map((item) => item.action)).toEqual([
      ...Array.from({ length: 6 }, () => 'set_client_data'),
      'create',
    ]);
    await expect(client.history('F', { before: 'not an id' })).rejects.toThrow(InvalidArgumentError);
  });

  it('rolls a flag back to the document after an entry, byte for byte, as an entry of its own', async () => {
    const { client, store } = clientWithClock();
    await client.create('F', { clientData: { owner: 'ops' } });
    await client.addCondition('F', new Condition({ country__in: ['NL', 'BE'] }));
    const [target] = await client.history('F');
    await client.enable('F');
    await client.setConditions('F', []);
    await client.as('user:carol').rollback('F', target!.id!);
    expect(await store.storedDocument('F')).toBe(target!.after);
    const [rollback] = await client.history('F');
    expect(rollback).toMatchObject({ action: 'rollback', actor: 'user:carol', after: target!.after });
  });

  it('brings a destroyed flag back, and destroys it again when rolled back to its destruction', async () => {
    const { client } = clientWithClock();
    await client.create('F', { isEnabled: true });
    await client.destroy('F');
    const [destroyed, created] = await client.history('F');
    await client.rollback('F', created!.id!);
    expect(await client.isEnabled('F')).toBe(true);
    await client.rollback('F', destroyed!.id!);
    expect(await client.exists('F')).toBe(false);
    await expect(client.rollback('F', '999999')).rejects.toThrow(HistoryEntryNotFoundError);
  });

  it('reports a change made outside flipper above the newest entry and between entries', async () => {
    const { client, store } = clientWithClock();
    await client.create('F');
    // A write that bypasses the store's history, as the Python library's on a shared Redis would:
    // the memory store has no outside writer, so its map is changed directly.
    const outsider = new FeatureFlagStoreItem('F', true);
    const raw = store as unknown as { items: Map<string, FeatureFlagStoreItem> };
    raw.items.set('F', outsider);
    let items = await client.history('F');
    expect(items[0]).toMatchObject({ action: 'changed_outside_flipper', id: null, after: encodeDocument(outsider) });
    expect(items[0]!.before).toBe(items[1]!.after);
    await client.disable('F');
    items = await client.history('F');
    expect(actions(items)).toEqual(['disable', 'changed_outside_flipper', 'create']);
    expect(items[1]).toMatchObject({ before: items[2]!.after, after: items[0]!.before });
  });

  it('shows every flag across flags, newest first, destroyed ones included', async () => {
    const { client } = clientWithClock();
    await client.create('A');
    await client.create('B');
    await client.destroy('A');
    const items = await client.history({ limit: 10 });
    expect(items.map((item) => `${item.action}:${item.featureName}`)).toEqual(['destroy:A', 'create:B', 'create:A']);
    expect((await client.history({ limit: 1, before: items[0]!.id! }))[0]!.featureName).toBe('B');
  });

  it('gives every flag as it was at a point in time', async () => {
    const { client, tick, at } = clientWithClock();
    await client.create('KEPT', { isEnabled: true });
    await client.create('GONE');
    tick();
    const then = at();
    tick();
    await client.disable('KEPT');
    await client.destroy('GONE');
    await client.create('LATER');
    const snapshot = await client.snapshotAt(then);
    expect(snapshot.map((flag) => flag.featureName)).toEqual(['GONE', 'KEPT']);
    expect(JSON.parse(snapshot[1]!.document).is_enabled).toBe(true);
    expect((await client.snapshotAt(new Date(at()))).map((flag) => flag.featureName)).toEqual(['KEPT', 'LATER']);
  });

  it('creates if absent exactly once; create keeps the overwrite of the Python library', async () => {
    const { client } = clientWithClock();
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => client.createIfAbsent('ONCE', { clientData: { i } })));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'rejected') {
        expect(result.reason).toBeInstanceOf(FlagExistsError);
        expect((result.reason as FlagExistsError).code).toBe('FLAG_EXISTS');
        expect((result.reason as FlagExistsError).featureName).toBe('ONCE');
      }
    }
    await client.create('ONCE', { clientData: { replaced: true } });
    expect(await client.getClientData('ONCE')).toEqual({ replaced: true });
  });

  it('rejects history calls on a store without history with NotSupportedError', async () => {
    const plain = new MemoryFeatureFlagStore();
    const bare = {
      storeName: 'bare',
      create: plain.create.bind(plain),
      get: plain.get.bind(plain),
      set: plain.set.bind(plain),
      delete: plain.delete.bind(plain),
      list: plain.list.bind(plain),
      setMeta: plain.setMeta.bind(plain),
      update: plain.update.bind(plain),
    };
    const client = new FeatureFlagClient(bare);
    await expect(client.history('F')).rejects.toThrow(NotSupportedError);
    await expect(client.createIfAbsent('F')).rejects.toThrow(NotSupportedError);
    await expect(client.snapshotAt(0)).rejects.toThrow(NotSupportedError);
  });
});
