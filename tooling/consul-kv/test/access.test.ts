import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startConsulKv, type ConsulKvHandle } from '../src/index.js';
import { rawRequest } from './support/raw-request.js';

describe('an endpoint with an ACL token', () => {
  let kv: ConsulKvHandle;
  beforeAll(async () => {
    kv = await startConsulKv({ aclToken: 'secret-token', datacenter: 'east' });
  });
  afterAll(async () => {
    await kv.stop();
  });

  it('refuses requests without the token or with another one, and writes nothing', async () => {
    const anonymous = await rawRequest(kv.url, 'PUT', '/v1/kv/acl/a', { body: 'x' });
    expect(anonymous.status).toBe(403);
    expect(anonymous.text).toMatch(/^Permission denied/);
    const wrong = await rawRequest(kv.url, 'GET', '/v1/kv/acl/a', { headers: { 'X-Consul-Token': 'nope' } });
    expect(wrong.status).toBe(403);
    expect(wrong.text).toBe('ACL not found');
    const read = await rawRequest(kv.url, 'GET', '/v1/kv/acl/a', { headers: { 'X-Consul-Token': 'secret-token' } });
    expect(read.status).toBe(404);
  });

  it('accepts the token as X-Consul-Token, as a bearer token and as ?token=', async () => {
    const put = await rawRequest(kv.url, 'PUT', '/v1/kv/acl/b', { body: 'v', headers: { 'X-Consul-Token': 'secret-token' } });
    expect(put.json).toBe(true);
    const bearer = await rawRequest(kv.url, 'GET', '/v1/kv/acl/b?raw', { headers: { Authorization: 'Bearer secret-token' } });
    expect(bearer.text).toBe('v');
    expect((await rawRequest(kv.url, 'GET', '/v1/kv/acl/b?raw&token=secret-token')).text).toBe('v');
  });

  it('serves its own datacenter and answers 500 for another', async () => {
    const headers = { 'X-Consul-Token': 'secret-token' };
    expect((await rawRequest(kv.url, 'GET', '/v1/kv/acl/b?dc=east', { headers })).status).toBe(200);
    const other = await rawRequest(kv.url, 'GET', '/v1/kv/acl/b?dc=west', { headers });
    expect(other.status).toBe(500);
    expect(other.text).toBe('No path to datacenter');
  });

  it('records each request with its decoded key, query and token', async () => {
    kv.clearRequests();
    await rawRequest(kv.url, 'GET', '/v1/kv/acl%2Fc?stale&dc=east', { headers: { 'X-Consul-Token': 'secret-token' } });
    expect(kv.requests).toEqual([
      expect.objectContaining({ method: 'GET', path: '/v1/kv/acl%2Fc', key: 'acl/c', query: { stale: '', dc: 'east' }, token: 'secret-token' }),
    ]);
  });
});

describe('other routes', () => {
  let kv: ConsulKvHandle;
  beforeAll(async () => {
    kv = await startConsulKv({ maxRecordedRequests: 0 });
  });
  afterAll(async () => {
    await kv.stop();
  });

  it('answers /v1/status/leader, 404 elsewhere, 405 for other methods, and records nothing when asked not to', async () => {
    expect((await rawRequest(kv.url, 'GET', '/v1/status/leader')).json).toBe('127.0.0.1:8300');
    expect((await rawRequest(kv.url, 'GET', '/v1/catalog/services')).status).toBe(404);
    expect((await rawRequest(kv.url, 'POST', '/v1/kv/a')).status).toBe(405);
    expect(kv.requests).toEqual([]);
  });

  it('reports its address in the forms clients take', () => {
    expect(kv.url).toBe(`http://127.0.0.1:${kv.port}`);
    expect(kv.address).toBe(`127.0.0.1:${kv.port}`);
    expect(kv.port).toBeGreaterThan(0);
  });
});
