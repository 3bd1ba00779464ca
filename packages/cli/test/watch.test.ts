import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startConsulKv, type ConsulKvHandle } from '@flipper-client/consul-kv';
import { startRedis, type RedisServer } from '@flipper-client/redis-server';
import { flipper, flipperOk, startFlipper } from './support/run-flipper.js';
import { tempDirectory } from './support/temp-dir.js';

const directory = tempDirectory('watch');
let redis: RedisServer;
let consul: ConsulKvHandle;

beforeAll(async () => {
  [redis, consul] = await Promise.all([startRedis(), startConsulKv({ maxRecordedRequests: 0 })]);
});

afterAll(async () => {
  await Promise.allSettled([redis?.stop(), consul?.stop()]);
});

const urls: Record<string, () => string> = {
  redis: () => `${redis.url}?base-key=watched`,
  consul: () => `consul://${consul.address}/watched`,
  file: () => 'file:watched.json',
};

interface WatchEvent {
  event: string;
  feature_name: string;
  changed: string[];
  document: { is_enabled: boolean } | null;
}

describe.each(Object.keys(urls))('watch on the %s store', (kind) => {
  it('prints each change another process makes, once, as it happens, then stops after --count', async () => {
    const url = urls[kind]!();
    const options = { cwd: directory };
    await flipperOk(['create', 'EXISTING', '--store', url], options);
    const watcher = startFlipper(['watch', '--json', '--count', '4', '--store', url], options);
    await watcher.until((_out, err) => err.includes('watching'));
    expect(watcher.stderr()).toBe(`flipper: watching ${url}: 1 flag (Ctrl-C to stop)\n`);
    const events = (): WatchEvent[] => watcher.stdout().split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as WatchEvent);
    const step = async (args: string[], count: number): Promise<void> => {
      await flipperOk([...args, '--store', url], options);
      await watcher.until(() => events().length >= count);
    };
    await step(['create', 'WATCHED'], 1);
    await step(['enable', 'WATCHED'], 2);
    await step(['condition', 'add', 'EXISTING', 'plan=gold'], 3);
    await step(['destroy', 'WATCHED'], 4);
    expect(await watcher.exited).toMatchObject({ code: 0 });
    expect(events().map(({ event, feature_name, changed }) => [event, feature_name, changed])).toEqual([
      ['created', 'WATCHED', []],
      ['changed', 'WATCHED', ['is_enabled']],
      ['changed', 'EXISTING', ['conditions']],
      ['deleted', 'WATCHED', []],
    ]);
    expect(events()[1]!.document?.is_enabled).toBe(true);
  });
});

describe('watch on a file edited by hand', () => {
  it('keeps running when an edit leaves the file invalid, says so on stderr, and follows the fix', async () => {
    const options = { cwd: directory };
    await flipperOk(['create', 'HAND', '--store', 'file:hand.json'], options);
    const good = readFileSync(join(directory, 'hand.json'), 'utf8');
    const watcher = startFlipper(['watch', '--count', '1', '--store', 'file:hand.json'], options);
    await watcher.until((_out, err) => err.includes('watching'));
    writeFileSync(join(directory, 'hand.json'), good.slice(0, 20)); // a truncated save
    await watcher.until((_out, err) => err.includes('is not a flag file'));
    expect(watcher.stderr()).toContain(`flipper: file store: read failed: ${join(directory, 'hand.json')} is not a flag file: not valid JSON`);
    expect(watcher.stderr()).toContain('(the last good copy keeps serving)');
    writeFileSync(join(directory, 'hand.json'), good.replace('"is_enabled": false', '"is_enabled": true'));
    const { code, stdout, stderr } = await watcher.exited;
    expect(code).toBe(0);
    expect(stdout).toMatch(/changed\s+HAND: is_enabled \(now enabled\)/);
    expect(stderr).toContain(`flipper: file store: ${join(directory, 'hand.json')} is a flag file again`);
  });
});

describe('watch where it cannot', () => {
  it('refuses a store without a change feed, and memory:, with exit code 2', async () => {
    const s3 = await flipper(['watch', '--store', 's3://bucket'], { env: { AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:1' } });
    expect(s3.code).toBe(2);
    expect(s3.stderr).toContain('the s3 store has no change feed');
    const memory = await flipper(['watch', '--store', 'memory:']);
    expect(memory.code).toBe(2);
    expect(memory.stderr).toContain('memory: lives inside this one command');
  });

  it('stops on SIGTERM with exit code 0', async () => {
    const watcher = startFlipper(['watch', '--store', 'file:quiet.json'], { cwd: directory });
    await watcher.until((_out, err) => err.includes('watching'));
    watcher.kill('SIGTERM');
    expect((await watcher.exited).code).toBe(0);
  });
});
