import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Condition, Percentage, PercentageBucketer, type FlagEvent } from '@flipper-client/core';
import { encodeDocument } from '@flipper-client/core/store';
import { errorOf, READ_TOKEN, startAdmin, type RunningAdmin } from './support/admin-server.js';

/* Refused requests: a stable code, the flag, the cause, and the stored document untouched. */
let admin: RunningAdmin;
const FLAG = 'GUARDED';

beforeAll(async () => {
  admin = await startAdmin();
  const flag = await admin.client.create(FLAG, { isEnabled: true, clientData: { owner: 'ops' } });
  await flag.addCondition(new Condition({ country__in: ['NL', 'BE'] }));
  await flag.setBucketer(new PercentageBucketer({ percentage: new Percentage(0.3) }));
});

afterAll(async () => admin.stop());

const stored = async (): Promise<string> => encodeDocument((await admin.client.store.get(FLAG))!);

const BAD_WRITES: [string, string, string, unknown, string][] = [
  ['an unknown operator', 'PUT', 'conditions', { conditions: [{ age: [{ variable: 'age', operator: 'between', value: 1 }] }] }, 'conditions[0].age[0].operator: unknown operator'],
  ['a check without a value', 'POST', 'conditions', { condition: { age: [{ variable: 'age', operator: 'gt' }] } }, 'condition.age[0].value: missing'],
  ['conditions that are not a list', 'PUT', 'conditions', { conditions: { age: 1 } }, 'conditions must be an array'],
  ['a variable named __proto__', 'POST', 'conditions', { condition: JSON.parse('{"__proto__": [{"variable": "__proto__", "operator": null, "value": 1}]}') }, '__proto__'],
  ['a percentage above 1', 'PUT', 'bucketer', { type: 'PercentageBucketer', percentage: { type: 'Percentage', value: 1.5 } }, 'percentage.value: expected a share in [0, 1], found 1.5'],
  ['an unknown bucketer', 'PUT', 'bucketer', { type: 'CoinFlipBucketer' }, 'bucketer.type: unknown bucketer type'],
  ['a ramp that ends before it starts', 'PUT', 'bucketer', { type: 'PercentageBucketer', percentage: { type: 'LinearRampPercentage', initial_value: 0, final_value: 1, ramp_duration: -5, initial_time: 0 } }, 'a ramp cannot last a negative time'],
  ['a whitelist of numbers', 'PUT', 'bucketer', { type: 'ConsistentHashPercentageBucketer', percentage: { type: 'Percentage', value: 0.5 }, key_whitelist: [1] }, 'key_whitelist[0]: expected a string'],
  ['client data with a __proto__ key', 'PATCH', 'client-data', JSON.parse('{"__proto__": {"polluted": true}}'), '__proto__'],
  ['client data that is a list', 'PATCH', 'client-data', [1, 2], 'the body must be a JSON object'],
];

describe('bad bodies answer 400 with the member at fault, and write nothing', () => {
  it.each(BAD_WRITES)('%s', async (_label, method, path, json, cause) => {
    const before = await stored();
    const answer = await admin.call(method, `/api/flags/${FLAG}/${path}`, { json });
    expect(answer.status).toBe(400);
    const error = errorOf(answer);
    expect(['INVALID_BODY', 'INVALID_ARGUMENT']).toContain(error.code);
    expect(error.flag).toBe(FLAG);
    expect(error.cause).toContain(cause);
    expect(await stored()).toBe(before);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses text that is not JSON, and JSON sent as another type', async () => {
    const before = await stored();
    const broken = await admin.call('PUT', `/api/flags/${FLAG}/bucketer`, { body: '{"type": ', headers: { 'content-type': 'application/json' } });
    expect(broken.status).toBe(400);
    expect(errorOf(broken).cause).toMatch(/^not JSON/);
    const form = await admin.call('PUT', `/api/flags/${FLAG}/bucketer`, { body: 'type=NoOpBucketer', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
    expect(errorOf(form).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await stored()).toBe(before);
  });

  it('refuses a body over the size limit with 413', async () => {
    const answer = await admin.call('PATCH', `/api/flags/${FLAG}/client-data`, { json: { blob: 'x'.repeat(70 * 1024) } });
    expect(answer.status).toBe(413);
    expect(errorOf(answer).code).toBe('BODY_TOO_LARGE');
  });

  it('refuses a create with an empty name or a name over 1,024 bytes, creating nothing', async () => {
    const count = (await admin.call('GET', '/api/flags')).body as { total: number };
    for (const name of ['', 'n'.repeat(1025)]) {
      const answer = await admin.call('POST', '/api/flags', { json: { name } });
      expect(answer.status).toBe(400);
      expect(errorOf(answer).code).toBe('INVALID_ARGUMENT');
    }
    expect(((await admin.call('GET', '/api/flags')).body as { total: number }).total).toBe(count.total);
  });

  it('refuses checks that are not an object', async () => {
    const flag = 'HASHED';
    await admin.call('POST', '/api/flags', { json: { name: flag, enabled: true } });
    await admin.call('PUT', `/api/flags/${flag}/bucketer`, { json: { type: 'ConsistentHashPercentageBucketer', percentage: { type: 'Percentage', value: 0.5 }, key_whitelist: [] } });
    const answer = await admin.call('POST', `/api/flags/${flag}/evaluate`, { json: { checks: 'user 42' } });
    expect(answer.status).toBe(400);
    expect(errorOf(answer)).toMatchObject({ code: 'INVALID_BODY', flag, cause: 'checks must be an object: the body must be {"checks": {...}}, e.g. {"checks": {"user_id": 42}}' });
  });

  it('refuses checks sent without their "checks" wrapper, naming the expected shape', async () => {
    const flag = 'HASHED';
    const answer = await admin.call('POST', `/api/flags/${flag}/evaluate`, { json: { user_id: 42 } });
    expect(answer.status).toBe(400);
    expect(errorOf(answer)).toMatchObject({
      code: 'INVALID_BODY',
      flag,
      cause: 'the body must be {"checks": {...}}, e.g. {"checks": {"user_id": 42}}; got the member "user_id" beside or instead of "checks"',
    });
    expect((await admin.call('POST', `/api/flags/${flag}/evaluate`, { json: { checks: { user_id: 42 } } })).status).toBe(200);
    expect((await admin.call('POST', `/api/flags/${flag}/evaluate`, { json: {} })).status).toBe(200);
  });

  it('says plainly what was wrong: the unknown name quoted, a missing member as missing', async () => {
    const operator = await admin.call('PUT', `/api/flags/${FLAG}/conditions`, { json: { conditions: [{ age: [{ variable: 'age', operator: 'between', value: [1, 2] }] }] } });
    expect(errorOf(operator).cause).toBe('conditions[0].age[0].operator: unknown operator "between"');
    const variable = await admin.call('POST', `/api/flags/${FLAG}/conditions`, { json: { condition: { age: [{ operator: 'gt', value: 18 }] } } });
    expect(errorOf(variable).cause).toBe('condition.age[0].variable: expected a string, found nothing (the member is missing)');
    for (const answer of [operator, variable]) expect(answer.text).not.toMatch(/the string "between"|undefined undefined/);
  });
});

describe('access', () => {
  it('answers 401 with WWW-Authenticate without credentials, 403 FORBIDDEN for a reader that writes', async () => {
    const anonymous = await admin.call('GET', '/api/flags', { token: null });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    expect(errorOf(anonymous).code).toBe('UNAUTHORIZED');
    expect((await admin.call('GET', '/api/flags', { token: READ_TOKEN })).status).toBe(200);
    const before = await stored();
    const reader = await admin.call('POST', `/api/flags/${FLAG}/disable`, { token: READ_TOKEN });
    expect(reader.status).toBe(403);
    expect(errorOf(reader).code).toBe('FORBIDDEN');
    expect(await stored()).toBe(before);
  });

  it('answers unknown endpoints with 404 NOT_FOUND and wrong methods with 405 and Allow', async () => {
    expect(errorOf(await admin.call('GET', '/api/nothing')).code).toBe('NOT_FOUND');
    const wrong = await admin.call('PATCH', `/api/flags/${FLAG}/enable`);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
  });
});

describe('audit and client events', () => {
  it('emits one audit event per change with who, what, before and after; the client announces pre/post events', async () => {
    const heard: FlagEvent[] = [];
    admin.client.events.on('pre_set_bucketer', (event) => heard.push(event));
    admin.client.events.on('post_set_bucketer', (event) => heard.push(event));
    admin.audits.length = 0;
    const before = (await admin.client.store.get(FLAG))!.toJSON();
    await admin.call('PUT', `/api/flags/${FLAG}/bucketer`, { json: { type: 'PercentageBucketer', percentage: { type: 'Percentage', value: 0.6 } } });
    await admin.call('PUT', `/api/flags/${FLAG}/bucketer`, { json: { type: 'Nope' } });
    expect(admin.audits).toHaveLength(1);
    const audit = admin.audits[0]!;
    expect(audit).toMatchObject({ type: 'audit', actor: 'writer', action: 'set_bucketer', featureName: FLAG, before, request: { method: 'PUT', path: `/flags/api/flags/${FLAG}/bucketer` } });
    expect(audit.after?.meta.bucketer).toEqual({ type: 'PercentageBucketer', percentage: { type: 'Percentage', value: 0.6 } });
    expect(Number.isNaN(Date.parse(audit.at))).toBe(false);
    expect(heard.map((event) => event.type)).toEqual(['pre_set_bucketer', 'post_set_bucketer']);
  });

  it('a throwing audit listener does not fail the change', async () => {
    const throwing = (): never => {
      throw new Error('logger down');
    };
    admin.app.events.on('audit', throwing);
    try {
      expect((await admin.call('POST', `/api/flags/${FLAG}/disable`)).status).toBe(200);
      expect(await admin.client.isEnabled(FLAG)).toBe(false);
    } finally {
      admin.app.events.off('audit', throwing);
    }
  });
});
