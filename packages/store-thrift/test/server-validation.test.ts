import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { MemoryFeatureFlagStore, StoreError } from '@flipper-client/core';
import { FeatureFlagMeta, type FeatureFlagStoreItem } from '@flipper-client/core/store';
import Int64 from 'node-int64';
import { ErrorCode, FeatureFlagStoreTypes, FlipperException } from '../src/index.js';
import { connectClient, startServer, type GeneratedClient, type RunningServer } from './support/loopback.js';
import type { ThriftConnection } from './support/thrift-library.js';

/*
 * The server as any Thrift client sees it: the generated client talks to it directly, so every
 * argument a Python client could send (or get wrong) reaches the server unfiltered.
 */
const { ConditionCheck, ConditionOperator, FeatureFlagStoreMeta } = FeatureFlagStoreTypes;

let backend: MemoryFeatureFlagStore;
let server: RunningServer;
let client: GeneratedClient;
let connection: ThriftConnection;

beforeEach(async () => {
  backend = new MemoryFeatureFlagStore();
  server = await startServer(backend);
  ({ client, connection } = await connectClient(server.port));
});

afterEach(async () => {
  connection.end();
  await server.close();
});

async function failure(call: Promise<unknown>): Promise<InstanceType<typeof FlipperException>> {
  const error = await call.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(FlipperException);
  return error as InstanceType<typeof FlipperException>;
}

describe('missing flags', () => {
  it('answers Get of a missing flag with FlipperException NOT_FOUND', async () => {
    const error = await failure(client.Get('NOPE'));
    expect(error.code).toBe(ErrorCode.NOT_FOUND);
    expect(error.message).toContain('"NOPE"');
  });

  it('answers SetMeta of a missing flag with NOT_FOUND and creates nothing', async () => {
    const meta = new FeatureFlagStoreMeta({ created_date: new Int64(1), client_data: '{}' });
    expect((await failure(client.SetMeta('NOPE', meta))).code).toBe(ErrorCode.NOT_FOUND);
    expect(await backend.get('NOPE')).toBeUndefined();
  });

  it('deletes a missing flag without complaint, as the store contract says', async () => {
    await expect(client.Delete('NOPE')).resolves.toBeUndefined();
  });
});

describe('Create', () => {
  it('reads an empty client_data string as {}', async () => {
    const created = await client.Create('EMPTY_DATA', true, '');
    expect(created.meta?.client_data).toBe('{}');
    expect((await backend.get('EMPTY_DATA'))?.clientData()).toEqual({});
    expect((await backend.get('EMPTY_DATA'))?.enabled).toBe(true);
  });

  it.each([
    ['an empty name', '', '{}', /must not be empty/],
    ['client_data that is not JSON', 'F', '{"a": ', /client_data is not valid JSON/],
    ['client_data that is not an object', 'F', '[1, 2]', /plain object/],
    ['client_data with a __proto__ key', 'F', '{"__proto__": {"polluted": true}}', /"__proto__"/],
  ])('refuses %s with a FlipperException message and writes nothing', async (_label, name, clientData, message) => {
    const error = await failure(client.Create(name, true, clientData));
    expect(error.code).toBeNull();
    expect(error.message).toMatch(message);
    expect(backend.size).toBe(0);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses a name longer than 1024 UTF-8 bytes', async () => {
    const error = await failure(client.Create('é'.repeat(600), false, '{}'));
    expect(error.message).toMatch(/longer than 1024 UTF-8 bytes/);
  });
});

describe('List', () => {
  beforeEach(async () => {
    for (const name of ['A', 'B', 'C', 'D', 'E']) await backend.create(name);
  });

  it('lists every flag when limit is unset, as the Python client sends it', async () => {
    const all = await client.List(null as unknown as Int64, new Int64(0));
    expect(all.map((item) => item.feature_name)).toEqual(['A', 'B', 'C', 'D', 'E']);
  });

  it('pages with limit and offset', async () => {
    const page = await client.List(new Int64(2), new Int64(1));
    expect(page.map((item) => item.feature_name)).toEqual(['B', 'C']);
  });

  it('refuses a negative limit', async () => {
    const error = await failure(client.List(new Int64(-1), new Int64(0)));
    expect(error.message).toMatch(/limit must not be negative/);
  });
});

describe('SetMeta', () => {
  beforeEach(async () => {
    await backend.create('TARGET', { clientData: { kept: true } });
  });

  function meta(fields: Partial<ConstructorParameters<typeof FeatureFlagStoreMeta>[0]>): InstanceType<typeof FeatureFlagStoreMeta> {
    return new FeatureFlagStoreMeta({ created_date: new Int64(1_700_000_000), client_data: '{}', ...fields });
  }

  it('stores a valid meta', async () => {
    const check = new ConditionCheck({ variable: 'age', value: '18', operator: new ConditionOperator({ symbol: 'gte' }) });
    await client.SetMeta('TARGET', meta({ client_data: '{"n": 1}', conditions: [{ age: [check] }] }));
    const stored = (await backend.get('TARGET'))!;
    expect(stored.meta.toJSON().conditions).toEqual([{ age: [{ variable: 'age', value: 18, operator: 'gte' }] }]);
    expect(stored.clientData()).toEqual({ n: 1 });
    expect(stored.meta.createdDate).toBe(1_700_000_000);
  });

  it.each([
    ['an unknown bucketer', { bucketer: '{"type": "MysteryBucketer"}' }, /meta is invalid at meta\.bucketer\.type: unknown bucketer type/],
    ['client_data that is not JSON', { client_data: 'nope' }, /meta is invalid at meta\.client_data: not valid JSON/],
    [
      'an unknown operator',
      { conditions: [{ a: [new ConditionCheck({ variable: 'a', value: '1', operator: new ConditionOperator({ symbol: 'regex' }) })] }] },
      /meta\.conditions\[0\]\.a\[0\]\.operator: unknown operator/,
    ],
    [
      'a check filed under another variable',
      { conditions: [{ a: [new ConditionCheck({ variable: 'b', value: '1', operator: new ConditionOperator({}) })] }] },
      /names "b" under "a"/,
    ],
  ])('refuses %s and keeps the stored meta', async (_label, fields, message) => {
    const error = await failure(client.SetMeta('TARGET', meta(fields)));
    expect(error.code).toBeNull();
    expect(error.message).toMatch(message);
    expect(error.message).toContain('"TARGET"');
    expect((await backend.get('TARGET'))?.clientData()).toEqual({ kept: true });
  });

  it('refuses a condition with a "__proto__" variable without touching any prototype', async () => {
    const condition: Record<string, InstanceType<typeof ConditionCheck>[]> = {};
    const check = new ConditionCheck({ variable: '__proto__', value: '1', operator: new ConditionOperator({}) });
    Object.defineProperty(condition, '__proto__', { value: [check], enumerable: true });
    const error = await failure(client.SetMeta('TARGET', meta({ conditions: [condition] })));
    expect(error.message).toMatch(/"__proto__"/);
    expect((await backend.get('TARGET'))?.meta.conditions).toEqual([]);
  });
});

describe('store failures', () => {
  it('answers with a FlipperException carrying the store error, and reports it', async () => {
    const failing = new MemoryFeatureFlagStore();
    failing.get = (name: string): Promise<FeatureFlagStoreItem | undefined> =>
      Promise.reject(new StoreError('redis', 'get', 'connection refused', { featureName: name }));
    const broken = await startServer(failing);
    const link = await connectClient(broken.port);
    try {
      const error = await failure(link.client.Get('F'));
      expect(error.code).toBeNull();
      expect(error.message).toMatch(/redis store: get failed: connection refused/);
      expect(broken.errors.map((reported) => reported.message)).toEqual([expect.stringMatching(/connection refused/)]);
    } finally {
      link.connection.end();
      await broken.close();
    }
  });

  it('reports a flag the backing store cannot decode and lists the others', async () => {
    const corrupt = new MemoryFeatureFlagStore();
    await corrupt.create('GOOD');
    const list = corrupt.list.bind(corrupt);
    corrupt.list = async function* (options) {
      options?.onInvalid?.(new StoreError('memory', 'list', 'pretend corrupt', { featureName: 'BAD' }));
      yield* list(options);
    };
    const served = await startServer(corrupt);
    const link = await connectClient(served.port);
    try {
      const items = await link.client.List(null as unknown as Int64, new Int64(0));
      expect(items.map((item) => item.feature_name)).toEqual(['GOOD']);
      expect(served.errors.map((reported) => reported.message)).toEqual([expect.stringMatching(/pretend corrupt/)]);
    } finally {
      link.connection.end();
      await served.close();
    }
  });
});

it('keeps unrelated metadata intact: created_date travels as an i64', async () => {
  await backend.create('DATED');
  await backend.setMeta('DATED', new FeatureFlagMeta({ createdDate: 4_102_444_800 }));
  const item = await client.Get('DATED');
  expect(item.meta?.created_date?.toNumber()).toBe(4_102_444_800);
});
