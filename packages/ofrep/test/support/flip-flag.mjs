// Another process on the same Redis: switches one flag on or off through its own client, says
// "done" on stdout and exits. Plain JavaScript on the built packages, as a separate service would run.
import process from 'node:process';
import { FeatureFlagClient } from '@flipper-client/core';
import { RedisFeatureFlagStore } from '@flipper-client/store-redis';
import { Redis } from 'ioredis';

const [host, port, baseKey, name, state] = process.argv.slice(2);
const redis = new Redis({ host, port: Number(port), maxRetriesPerRequest: 1 });
const store = new RedisFeatureFlagStore(redis, { baseKey });
const client = new FeatureFlagClient(store);
if (state === 'on') await client.enable(name);
else await client.disable(name);
process.stdout.write('done\n');
await store.close();
await redis.quit();
