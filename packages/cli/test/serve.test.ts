import { request as httpRequest } from 'node:http';
import { afterAll, describe, expect, it } from '@jest/globals';
import { FeatureFlagClient } from '@flipper-client/core';
import { findFreePort, startRedis, type RedisServer } from '@flipper-client/redis-server';
import { RedisFeatureFlagStore } from '@flipper-client/store-redis';
import { Redis } from 'ioredis';
import { startFlipper, type RunningFlipper } from './support/run-flipper.js';

/*
 * `flipper serve` as a deployment runs it: a child process over a real Redis that is not up yet
 * when it starts, restarted under it, and a SIGTERM while requests are in flight.
 */
const KEY = 'serve-test-key-0123456789';
let redis: RedisServer | undefined;
let serve: RunningFlipper | undefined;

afterAll(async () => {
  serve?.kill('SIGKILL');
  await redis?.stop();
});

/** One request on a connection of its own: nothing is reused, so a dropped request shows as an error. */
function post(port: number, path: string, body: unknown): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', agent: false, headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk)).on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

const status = async (port: number, path: string): Promise<number> => (await fetch(`http://127.0.0.1:${port}${path}`).catch(() => undefined))?.status ?? 0;

async function until(what: string, check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  for (const deadline = Date.now() + ms; !(await check()); ) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('flipper serve', () => {
  it('is ready only once Redis answers, survives a Redis restart, and exits 0 on SIGTERM without losing a request', async () => {
    const redisPort = await findFreePort();
    serve = startFlipper(['serve', '--store', `redis://127.0.0.1:${redisPort}`, '--port', '0', '--ofrep-key', `all:${KEY}`], { timeoutMs: 120_000 });
    await serve.until((stdout) => stdout.includes('"msg":"listening"'));
    const port = (JSON.parse(serve.stdout().split('\n').find((line) => line.includes('"listening"'))!) as { port: number }).port;

    expect(await status(port, '/healthz')).toBe(200);
    expect(await status(port, '/readyz')).toBe(503);
    // Persistence on, so that the flag outlives the restart below.
    redis = await startRedis({ port: redisPort, args: ['--appendonly', 'yes'] });
    await until('readiness', async () => (await status(port, '/readyz')) === 200);

    const writer = new Redis({ host: redis.host, port: redis.port, maxRetriesPerRequest: 1 });
    const store = new RedisFeatureFlagStore(writer, { baseKey: 'features' });
    await new FeatureFlagClient(store).create('web.banner', { isEnabled: true });
    await store.close();
    writer.disconnect();
    const evaluate = (): Promise<{ status: number; text: string }> => post(port, '/ofrep/v1/evaluate/flags/web.banner', { context: { targetingKey: 'u' } });
    expect(JSON.parse((await evaluate()).text)).toMatchObject({ key: 'web.banner', value: true });

    await redis.restart();
    await until('answers after the Redis restart', async () => (await evaluate()).status === 200);

    // Requests in flight when SIGTERM arrives: Redis is paused, so they wait on it inside the server.
    redis.pause();
    const inFlight = Array.from({ length: 10 }, () => evaluate());
    await new Promise((resolve) => setTimeout(resolve, 300));
    serve.kill('SIGTERM');
    await serve.until((stdout) => stdout.includes('"msg":"shutting down"'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    redis.resume();
    const answers = await Promise.all(inFlight);
    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
    const exit = await serve.exited;
    expect(exit.code).toBe(0);
    expect(exit.stdout).toContain('"msg":"stopped"');
    // Every line of the log is a JSON object.
    for (const line of exit.stdout.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('serves the admin UI with a sign-in page for browsers, and the bearer token for scripts', async () => {
    const token = 'serve-admin-token-0123456789';
    const admin = startFlipper(['serve', '--store', 'memory:', '--admin', '--port', '0'], { env: { FLIPPER_ADMIN_TOKEN: token }, timeoutMs: 60_000 });
    try {
      await admin.until((stdout) => stdout.includes('"msg":"listening"'));
      const port = (JSON.parse(admin.stdout().split('\n').find((line) => line.includes('"listening"'))!) as { port: number }).port;
      const refused = await fetch(`http://127.0.0.1:${port}/admin/`);
      expect(refused.status).toBe(401);
      expect(await refused.text()).toContain('href="/admin/sign-in"');
      const signIn = await fetch(`http://127.0.0.1:${port}/admin/sign-in`);
      expect([signIn.status, (await signIn.text()).includes('name="token"')]).toEqual([200, true]);
      expect((await fetch(`http://127.0.0.1:${port}/admin/api/flags`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    } finally {
      admin.kill('SIGTERM');
      await admin.exited;
    }
  });

  it('refuses to start an OFREP server without keys unless --public, and an admin UI without a token', async () => {
    const noKeys = await startFlipper(['serve', '--store', 'memory:']).exited;
    expect([noKeys.code, noKeys.stderr]).toEqual([2, expect.stringContaining('OFREP needs API keys')]);
    const noToken = await startFlipper(['serve', '--store', 'memory:', '--admin']).exited;
    expect([noToken.code, noToken.stderr]).toEqual([2, expect.stringContaining('FLIPPER_ADMIN_TOKEN')]);
  });
});
