import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Condition, ConsistentHashPercentageBucketer, Percentage } from '@flipper-client/core';
import { encodeDocument } from '@flipper-client/core/store';
import { enc, errorOf, READ_TOKEN, startAdmin, type RunningAdmin } from './support/admin-server.js';

/* The JSON API over real HTTP on loopback, on the memory store. */
let admin: RunningAdmin;

beforeAll(async () => {
  admin = await startAdmin();
  const { client } = admin;
  for (let i = 0; i < 25; i++) await client.create(`BULK_${String(i).padStart(2, '0')}`, { isEnabled: i % 2 === 0 });
  const ab = await client.create('HOMEPAGE_AB_TEST', { isEnabled: true, clientData: { owner: 'web' } });
  await ab.setBucketer(new ConsistentHashPercentageBucketer({ keyWhitelist: ['user_id'], percentage: new Percentage(0.5) }));
  await ab.addCondition(new Condition({ is_admin: true }));
});

afterAll(async () => admin.stop());

interface ListBody {
  flags: { name: string; enabled: boolean; conditionCount: number; bucketer: { type: string; summary: string; currentPercentage: number | null }; createdDate: number }[];
  total: number;
  offset: number;
  limit: number;
}

describe('listing', () => {
  it('pages through flags in name order with their state, bucketer summary and condition count', async () => {
    const first = (await admin.call('GET', '/api/flags?limit=10')).body as ListBody;
    const second = (await admin.call('GET', '/api/flags?limit=10&offset=10')).body as ListBody;
    expect(first.total).toBe(26);
    expect(first.flags.map((flag) => flag.name)).toEqual([...Array(10).keys()].map((i) => `BULK_${String(i).padStart(2, '0')}`));
    expect(second.flags[0]!.name).toBe('BULK_10');
    expect(first.flags[1]).toMatchObject({ enabled: false, conditionCount: 0, bucketer: { type: 'NoOpBucketer', currentPercentage: null } });
    const all = (await admin.call('GET', '/api/flags?limit=1000')).body as ListBody;
    expect(all.flags.find((flag) => flag.name === 'HOMEPAGE_AB_TEST')).toEqual({
      name: 'HOMEPAGE_AB_TEST',
      enabled: true,
      conditionCount: 1,
      bucketer: { type: 'ConsistentHashPercentageBucketer', summary: 'consistent 50% by user_id', currentPercentage: 0.5 },
      createdDate: expect.any(Number),
    });
  });

  it('searches by a case-insensitive part of the name; total counts the matches', async () => {
    const found = (await admin.call('GET', '/api/flags?q=ab_t')).body as ListBody;
    expect(found.flags.map((flag) => flag.name)).toEqual(['HOMEPAGE_AB_TEST']);
    expect(found.total).toBe(1);
    expect(((await admin.call('GET', '/api/flags?q=bulk_1')).body as ListBody).total).toBe(10);
  });

  it('refuses a limit above 1000 or a negative offset with INVALID_BODY', async () => {
    for (const query of ['limit=1001', 'offset=-1', 'limit=ten']) {
      const answer = await admin.call('GET', `/api/flags?${query}`);
      expect(answer.status).toBe(400);
      expect(errorOf(answer).code).toBe('INVALID_BODY');
    }
  });
});

describe('one flag', () => {
  it('shows the whole stored document', async () => {
    const answer = await admin.call('GET', '/api/flags/HOMEPAGE_AB_TEST');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual((await admin.client.store.get('HOMEPAGE_AB_TEST'))!.toJSON());
  });

  it('answers 404 FLAG_NOT_FOUND naming the flag', async () => {
    const answer = await admin.call('GET', '/api/flags/NOPE');
    expect(answer.status).toBe(404);
    expect(errorOf(answer)).toMatchObject({ code: 'FLAG_NOT_FOUND', flag: 'NOPE' });
  });

  it('creates (201), refuses to create over an existing flag (409), toggles and destroys', async () => {
    const created = await admin.call('POST', '/api/flags', { json: { name: 'NEW_ONE', enabled: true, clientData: { team: 'a' } } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ feature_name: 'NEW_ONE', is_enabled: true, meta: { client_data: { team: 'a' } } });
    const stored = encodeDocument((await admin.client.store.get('NEW_ONE'))!);

    const again = await admin.call('POST', '/api/flags', { json: { name: 'NEW_ONE' } });
    expect(again.status).toBe(409);
    expect(errorOf(again)).toMatchObject({ code: 'FLAG_EXISTS', flag: 'NEW_ONE' });
    expect(encodeDocument((await admin.client.store.get('NEW_ONE'))!)).toBe(stored);

    expect((await admin.call('POST', '/api/flags/NEW_ONE/disable')).body).toMatchObject({ is_enabled: false });
    expect(await admin.client.isEnabled('NEW_ONE')).toBe(false);
    expect((await admin.call('POST', '/api/flags/NEW_ONE/enable')).body).toMatchObject({ is_enabled: true });
    expect((await admin.call('DELETE', '/api/flags/NEW_ONE')).status).toBe(204);
    expect(await admin.client.exists('NEW_ONE')).toBe(false);
    expect((await admin.call('DELETE', '/api/flags/NEW_ONE')).status).toBe(404);
  });

  it('reaches a flag whose name holds a slash, spaces and non-ASCII as one path segment', async () => {
    const name = 'team/a b ü🚩';
    expect((await admin.call('POST', '/api/flags', { json: { name } })).status).toBe(201);
    expect((await admin.call('POST', `/api/flags/${enc(name)}/enable`)).status).toBe(200);
    expect(await admin.client.isEnabled(name)).toBe(true);
  });
});

describe('conditions, bucketers and client data in their stored shape', () => {
  const flag = 'RULES';
  beforeAll(async () => void (await admin.client.create(flag, { isEnabled: true })));

  it('replaces and adds conditions', async () => {
    const age = { age: [{ variable: 'age', operator: 'gte', value: 18 }] };
    const admin_ = { is_admin: [{ variable: 'is_admin', operator: null, value: true }] };
    expect((await admin.call('PUT', `/api/flags/${flag}/conditions`, { json: { conditions: [age] } })).status).toBe(200);
    const added = await admin.call('POST', `/api/flags/${flag}/conditions`, { json: { condition: admin_ } });
    expect((added.body as { meta: { conditions: unknown[] } }).meta.conditions).toEqual([age, admin_]);
    expect(await admin.client.isEnabled(flag, { age: 17 })).toBe(false);
    expect(await admin.client.isEnabled(flag, { age: 30, is_admin: true })).toBe(true);
    expect((await admin.call('PUT', `/api/flags/${flag}/conditions`, { json: { conditions: [] } })).status).toBe(200);
    expect((await admin.client.getMeta(flag)).conditions).toEqual([]);
  });

  it('sets a percentage, a consistent hash with its whitelist and a linear ramp, and removes the bucketer', async () => {
    const percentage = { type: 'PercentageBucketer', percentage: { type: 'Percentage', value: 0.25 } };
    expect((await admin.call('PUT', `/api/flags/${flag}/bucketer`, { json: percentage })).status).toBe(200);
    expect((await admin.client.getMeta(flag)).bucketer).toEqual(percentage);

    const hash = { type: 'ConsistentHashPercentageBucketer', percentage: { type: 'Percentage', value: 0.5 }, key_whitelist: ['user_id'] };
    await admin.call('PUT', `/api/flags/${flag}/bucketer`, { json: hash });
    expect(await admin.client.isEnabled(flag, { user_id: 1 })).toBe(true); // bucket 48
    expect(await admin.client.isEnabled(flag, { user_id: 2 })).toBe(false); // bucket 94

    const start = Math.floor(Date.parse('2030-01-01T00:00:00Z') / 1000);
    const ramp = {
      type: 'PercentageBucketer',
      percentage: { type: 'LinearRampPercentage', initial_value: 0.2, final_value: 0.8, ramp_duration: 86_400, initial_time: start },
    };
    const answer = await admin.call('PUT', `/api/flags/${flag}/bucketer`, { json: ramp });
    expect((answer.body as { meta: { bucketer: unknown } }).meta.bucketer).toEqual(ramp);
    const listed = (await admin.call('GET', `/api/flags?q=${flag}`)).body as ListBody;
    expect(listed.flags[0]!.bucketer.summary).toBe('random 20% → 80% from 2030-01-01T00:00:00Z to 2030-01-02T00:00:00Z');

    await admin.call('DELETE', `/api/flags/${flag}/bucketer`);
    expect((await admin.client.getMeta(flag)).bucketer).toEqual({ type: 'NoOpBucketer' });
  });

  it('merges client data', async () => {
    await admin.call('PATCH', `/api/flags/${flag}/client-data`, { json: { owner: 'web', ttl: 5 } });
    await admin.call('PATCH', `/api/flags/${flag}/client-data`, { json: { ttl: 6 } });
    expect(await admin.client.getClientData(flag)).toEqual({ owner: 'web', ttl: 6 });
  });
});

describe('evaluation', () => {
  it('answers with the reason: the bucket a user hashes to, or the condition that matched', async () => {
    const bucketed = await admin.call('POST', '/api/flags/HOMEPAGE_AB_TEST/evaluate', { json: { checks: { user_id: 2 } } });
    expect(bucketed.body).toEqual({
      featureName: 'HOMEPAGE_AB_TEST',
      enabled: false,
      reason: { kind: 'consistent_hash', percentage: 0.5, bucket: 94, hashed: '[["user_id", 2]]' },
      description: 'off: [["user_id", 2]] hashes to bucket 94 of 100, outside 50%',
    });
    const admitted = await admin.call('POST', '/api/flags/HOMEPAGE_AB_TEST/evaluate', { json: { checks: { user_id: 2, is_admin: true } } });
    expect(admitted.body).toMatchObject({ enabled: true, reason: { kind: 'conditions_matched', conditions: [0] }, description: 'on: condition 1 matched' });
  });

  it('needs read access only', async () => {
    const answer = await admin.call('POST', '/api/flags/HOMEPAGE_AB_TEST/evaluate', { json: { checks: { user_id: 1 } }, token: READ_TOKEN });
    expect(answer.body).toMatchObject({ enabled: true, reason: { bucket: 48 } });
  });
});
