import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { startConsulKv, type ConsulKvHandle } from '../src/index.js';
import { rawRequest } from './support/raw-request.js';

let kv: ConsulKvHandle;
const call = (method: string, path: string, body?: string) => rawRequest(kv.url, method, path, body === undefined ? {} : { body });
const b64 = (text: string): string => Buffer.from(text).toString('base64');
const txn = (ops: unknown[]) => call('PUT', '/v1/txn', JSON.stringify(ops.map((KV) => ({ KV }))));

interface TxnAnswer {
  Results: Array<{ KV: { Key: string; Value: string | null; ModifyIndex: number; CreateIndex: number } }> | null;
  Errors: Array<{ OpIndex: number; What: string }> | null;
}

beforeAll(async () => {
  kv = await startConsulKv();
});
afterAll(async () => {
  await kv.stop();
});
beforeEach(async () => {
  await call('DELETE', '/v1/kv/?recurse');
});

describe('PUT /v1/txn', () => {
  it('applies every write at one index and answers a result per write without its value', async () => {
    const res = await txn([
      { Verb: 'set', Key: 'app/a', Value: b64('one') },
      { Verb: 'cas', Key: 'app/b', Value: b64('two'), Index: 0 },
    ]);
    expect(res.status).toBe(200);
    const answer = res.json as TxnAnswer;
    expect(answer.Errors).toBeNull();
    expect(answer.Results!.map((result) => [result.KV.Key, result.KV.Value])).toEqual([
      ['app/a', null],
      ['app/b', null],
    ]);
    expect(answer.Results![0]!.KV.ModifyIndex).toBe(answer.Results![1]!.KV.ModifyIndex);
    const [stored] = (await call('GET', '/v1/kv/app/b')).json as Array<{ Value: string; ModifyIndex: number }>;
    expect(Buffer.from(stored!.Value, 'base64').toString()).toBe('two');
    expect(stored!.ModifyIndex).toBe(answer.Results![0]!.KV.ModifyIndex);
  });

  it('writes nothing and answers 409 naming the operation when a check fails', async () => {
    await call('PUT', '/v1/kv/app/a', 'old');
    const before = kv.lastIndex;
    const res = await txn([
      { Verb: 'set', Key: 'app/new', Value: b64('x') },
      { Verb: 'cas', Key: 'app/a', Value: b64('new'), Index: 0 },
    ]);
    expect(res.status).toBe(409);
    const answer = res.json as TxnAnswer;
    expect(answer.Results).toBeNull();
    expect(answer.Errors).toEqual([{ OpIndex: 1, What: 'failed to set key "app/a", index is stale' }]);
    expect((await call('GET', '/v1/kv/app/new')).status).toBe(404);
    expect(Buffer.from(((await call('GET', '/v1/kv/app/a')).json as Array<{ Value: string }>)[0]!.Value, 'base64').toString()).toBe('old');
    expect(kv.lastIndex).toBe(before + 1);
  });

  it('checks and deletes with indexes, and reads values and trees inside the transaction', async () => {
    await call('PUT', '/v1/kv/t/x', 'x');
    const [x] = (await call('GET', '/v1/kv/t/x')).json as Array<{ ModifyIndex: number }>;
    const stale = await txn([{ Verb: 'delete-cas', Key: 't/x', Index: x!.ModifyIndex + 100 }]);
    expect(stale.status).toBe(409);
    const res = await txn([
      { Verb: 'check-index', Key: 't/x', Index: x!.ModifyIndex },
      { Verb: 'check-not-exists', Key: 't/y' },
      { Verb: 'set', Key: 't/y', Value: b64('y') },
      { Verb: 'get', Key: 't/y' },
      { Verb: 'get-tree', Key: 't/' },
      { Verb: 'delete-cas', Key: 't/x', Index: x!.ModifyIndex },
    ]);
    expect(res.status).toBe(200);
    const results = (res.json as TxnAnswer).Results!;
    expect(results.map((result) => [result.KV.Key, result.KV.Value === null ? null : Buffer.from(result.KV.Value, 'base64').toString()])).toEqual([
      ['t/x', null],
      ['t/y', null],
      ['t/y', 'y'],
      ['t/x', 'x'],
      ['t/y', 'y'],
    ]);
    expect((await call('GET', '/v1/kv/t/x')).status).toBe(404);
    expect((await txn([{ Verb: 'get', Key: 't/x' }])).json).toEqual({ Results: null, Errors: [{ OpIndex: 0, What: 'key "t/x" doesn\'t exist' }] });
  });

  it('refuses bad bodies, unknown verbs, more than 64 operations and other methods', async () => {
    expect((await call('PUT', '/v1/txn', 'not json')).status).toBe(400);
    expect((await txn([{ Verb: 'lock', Key: 'a' }])).status).toBe(400);
    expect((await txn(Array.from({ length: 65 }, (_, i) => ({ Verb: 'set', Key: `k/${i}` })))).status).toBe(413);
    expect((await call('GET', '/v1/txn')).status).toBe(405);
    expect((await call('GET', '/v1/kv/k/0')).status).toBe(404);
  });

  it('wakes a blocking query on a prefix a transaction wrote to', async () => {
    const first = await call('GET', '/v1/kv/w/?recurse');
    const blocked = call('GET', `/v1/kv/w/?recurse&index=${first.index}&wait=5s`);
    await txn([{ Verb: 'set', Key: 'w/a', Value: b64('a') }]);
    const woke = await blocked;
    expect(woke.status).toBe(200);
    expect(woke.index).toBeGreaterThan(first.index!);
  });
});
