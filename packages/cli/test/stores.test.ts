import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { encodeDocument } from '@flipper-client/core/store';
import { sendCommand } from '@flipper-client/redis-server';
import { flipper, flipperOk } from './support/run-flipper.js';
import { startServices, startThriftService, type Services, type ThriftService } from './support/services.js';

let services: Services;
let thrift: ThriftService;

beforeAll(async () => {
  [services, thrift] = await Promise.all([startServices(['lifecycle', 'prefixed']), startThriftService()]);
}, 60_000);

afterAll(async () => {
  await Promise.allSettled([services?.stop(), thrift?.close()]);
});

interface Backend {
  readonly url: string;
  readonly env?: Record<string, string>;
  /** The flag's document as the backend holds it, read without flipper. */
  raw(name: string): Promise<string | undefined>;
}

const backends: Record<string, () => Backend> = {
  redis: () => ({
    url: `${services.redis.url}?base-key=lifecycle`,
    raw: async (name) => {
      const reply = await sendCommand(services.redis.port, ['GET', `lifecycle/${name}`]);
      return reply === null ? undefined : String(reply);
    },
  }),
  consul: () => ({
    url: `consul://${services.consul.address}/lifecycle`,
    raw: async (name) => {
      const response = await fetch(`${services.consul.url}/v1/kv/lifecycle/${encodeURIComponent(name)}?raw`);
      return response.status === 404 ? undefined : response.text();
    },
  }),
  s3: () => ({
    url: 's3://lifecycle',
    env: services.s3Env,
    raw: async (name) => {
      const response = await fetch(`${services.s3.endpoint}/lifecycle/${encodeURIComponent(name)}`);
      return response.status === 404 ? undefined : response.text();
    },
  }),
  's3 with a key prefix': () => ({
    url: 's3://prefixed/team/flags',
    env: services.s3Env,
    raw: async (name) => {
      const response = await fetch(`${services.s3.endpoint}/prefixed/team/flags/${encodeURIComponent(name)}`);
      return response.status === 404 ? undefined : response.text();
    },
  }),
  thrift: () => ({
    url: thrift.url,
    raw: async (name) => {
      const item = await thrift.store.get(name);
      return item === undefined ? undefined : encodeDocument(item);
    },
  }),
};

describe.each(Object.keys(backends))('every command against the real %s store', (kind) => {
  let backend: Backend;
  const run = (...args: string[]) => flipper([...args, '--store', backend.url], { env: backend.env ?? {} });
  const ok = async (...args: string[]) => {
    const run = await flipperOk([...args, '--store', backend.url], { env: backend.env ?? {} });
    expect(run.stderr).toBe('');
    return run;
  };

  beforeAll(() => {
    backend = backends[kind]!();
  });

  it('creates, configures, evaluates, exports and destroys a flag, with the output and exit code of each step', async () => {
    expect((await ok('create', 'NEW_CHECKOUT')).stdout).toBe('created NEW_CHECKOUT (disabled)\n');
    const again = await run('create', 'NEW_CHECKOUT');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('flag "NEW_CHECKOUT": already exists');

    expect((await ok('condition', 'add', 'NEW_CHECKOUT', 'is_admin=true')).stdout).toBe('NEW_CHECKOUT: added condition 1: is_admin = true\n');
    expect((await ok('bucketer', 'set', 'NEW_CHECKOUT', '--percentage', '50%', '--consistent', 'user_id')).stdout).toBe(
      'NEW_CHECKOUT: bucketer 50% consistent hash on user_id\n',
    );
    expect((await ok('enable', 'NEW_CHECKOUT')).stdout).toBe('enabled NEW_CHECKOUT\n');
    expect((await ok('data', 'set', 'NEW_CHECKOUT', 'owner=payments', 'ticket=1234')).stdout).toBe(
      'NEW_CHECKOUT: client data {"owner": "payments", "ticket": 1234}\n',
    );

    const shown = (await ok('show', 'NEW_CHECKOUT', '--json')).stdout;
    expect(shown).toBe(`${await backend.raw('NEW_CHECKOUT')}\n`);
    const document = JSON.parse(shown);
    expect(document).toMatchObject({
      feature_name: 'NEW_CHECKOUT',
      is_enabled: true,
      meta: {
        client_data: { owner: 'payments', ticket: 1234 },
        conditions: [{ is_admin: [{ variable: 'is_admin', value: true, operator: null }] }],
        bucketer: { type: 'ConsistentHashPercentageBucketer', percentage: { type: 'Percentage', value: 0.5 }, key_whitelist: ['user_id'] },
      },
    });

    // The core README's buckets: user 1 is in bucket 48, user 2 in bucket 94.
    expect((await ok('eval', 'NEW_CHECKOUT', 'user_id=1')).stdout).toBe('on: [["user_id", 1]] hashes to bucket 48 of 100, within 50%\n');
    expect((await ok('eval', 'NEW_CHECKOUT', 'user_id=2')).stdout).toBe('off: [["user_id", 2]] hashes to bucket 94 of 100, outside 50%\n');
    expect((await ok('eval', 'NEW_CHECKOUT', 'user_id=2', 'is_admin=true')).stdout).toBe('on: condition 1 matched\n');

    const listed = (await ok('list')).stdout.split('\n');
    expect(listed[0]).toMatch(/^NAME\s+ENABLED\s+CONDITIONS\s+BUCKETER\s+CREATED$/);
    expect(listed[1]).toMatch(/^NEW_CHECKOUT\s+on\s+1\s+50% consistent hash on user_id\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
    expect((await ok('export')).stdout).toBe(shown);

    await ok('disable', 'NEW_CHECKOUT');
    expect((await ok('eval', 'NEW_CHECKOUT', 'user_id=1')).stdout).toBe('off: the flag is disabled\n');
    expect((await ok('condition', 'clear', 'NEW_CHECKOUT')).stdout).toBe('NEW_CHECKOUT: removed 1 condition\n');
    expect((await ok('bucketer', 'clear', 'NEW_CHECKOUT')).stdout).toBe('NEW_CHECKOUT: bucketer none\n');
    const cleared = JSON.parse((await backend.raw('NEW_CHECKOUT'))!);
    expect(cleared.is_enabled).toBe(false);
    expect(cleared.meta.conditions).toEqual([]);
    expect(cleared.meta.bucketer).toEqual({ type: 'NoOpBucketer' });

    expect((await ok('destroy', 'NEW_CHECKOUT')).stdout).toBe('destroyed NEW_CHECKOUT\n');
    expect(await backend.raw('NEW_CHECKOUT')).toBeUndefined();
    expect((await ok('list')).stdout).toBe('no flags\n');
    for (const args of [['show', 'NEW_CHECKOUT'], ['enable', 'NEW_CHECKOUT'], ['destroy', 'NEW_CHECKOUT']]) {
      const missing = await run(...args);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('flag "NEW_CHECKOUT": does not exist');
    }
  });
});
