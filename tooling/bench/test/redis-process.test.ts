import { createConnection } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import { startRedisProcess } from '../src/redis-process.js';

function answer(port: number, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => socket.write(command));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString('latin1'));
    });
    socket.once('error', reject);
  });
}

describe('startRedisProcess', () => {
  it('starts a redis-server on a free loopback port and stops it', async () => {
    const redis = await startRedisProcess();
    try {
      expect(redis.host).toBe('127.0.0.1');
      expect(await answer(redis.port, 'PING\r\n')).toBe('+PONG\r\n');
    } finally {
      await redis.stop();
    }
    await expect(answer(redis.port, 'PING\r\n')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('says how to install redis-server when the binary is missing', async () => {
    await expect(startRedisProcess('redis-server-that-does-not-exist')).rejects.toThrow(/apt-get install redis-server/);
  });
});
