import { afterAll, describe, expect, it } from '@jest/globals';
import { isPortFree, sendCommand, startRedis, type RedisServer } from '../src/index.js';

const started: RedisServer[] = [];

async function start(args?: readonly string[]): Promise<RedisServer> {
  const server = await startRedis(args === undefined ? {} : { args });
  started.push(server);
  return server;
}

async function answers(server: RedisServer): Promise<boolean> {
  return sendCommand(server.port, ['PING'], 300).then(
    (reply) => reply === 'PONG',
    () => false,
  );
}

afterAll(async () => {
  await Promise.all(started.map((server) => server.stop()));
});

describe('startRedis', () => {
  it('starts servers on distinct free loopback ports that answer PING', async () => {
    const servers = await Promise.all([start(), start(), start()]);
    expect(new Set(servers.map((server) => server.port)).size).toBe(3);
    for (const server of servers) {
      expect(server.url).toBe(`redis://127.0.0.1:${server.port}`);
      expect(await answers(server)).toBe(true);
    }
  });

  it('runs without persistence', async () => {
    const server = await start();
    expect(await sendCommand(server.port, ['CONFIG', 'GET', 'save'])).toEqual(['save', '']);
    expect(await sendCommand(server.port, ['CONFIG', 'GET', 'appendonly'])).toEqual(['appendonly', 'no']);
  });

  it('passes extra arguments through', async () => {
    const server = await start(['--requirepass', 'tooling-secret']);
    const reply = await sendCommand(server.port, ['GET', 'x']);
    expect(reply).toBeInstanceOf(Error);
    expect(String(reply)).toContain('NOAUTH');
  });

  it('kills with SIGKILL and restarts on the same port', async () => {
    const server = await start();
    const port = server.port;
    await sendCommand(port, ['SET', 'k', 'v']);
    await server.kill();
    expect(server.running).toBe(false);
    expect(await answers(server)).toBe(false);
    await server.restart();
    expect(server.port).toBe(port);
    expect(await answers(server)).toBe(true);
    // No persistence: a restarted server starts empty.
    expect(await sendCommand(port, ['GET', 'k'])).toBeNull();
  });

  it('pauses and resumes', async () => {
    const server = await start();
    server.pause();
    expect(await answers(server)).toBe(false);
    server.resume();
    expect(await answers(server)).toBe(true);
  });

  it('stops for good and frees the port', async () => {
    const server = await start();
    await server.stop();
    await server.stop();
    expect(server.running).toBe(false);
    expect(await isPortFree(server.port)).toBe(true);
    await expect(server.restart()).rejects.toThrow(/was stopped/);
  });
});
