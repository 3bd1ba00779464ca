/**
 * `pnpm ofrep`: an OFREP server on an in-memory store with a few example flags, behind an API key
 * printed at start, with a curl line that evaluates one of them.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { Condition, ConsistentHashPercentageBucketer, FeatureFlagClient, MemoryFeatureFlagStore, Percentage } from '@flipper-client/core';
import { apiKeys, createOfrepApp } from '@flipper-client/ofrep';

const key = process.env['FLIPPER_OFREP_KEY'] ?? randomBytes(18).toString('base64url');
const port = Number(process.env['PORT'] ?? 8080);
const host = process.env['HOST'] ?? '127.0.0.1';

const features = new FeatureFlagClient(new MemoryFeatureFlagStore());
await features.create('new-checkout', { isEnabled: true });
const admins = await features.create('admin-tools', { isEnabled: true });
await admins.addCondition(new Condition({ is_admin: true }));
const half = await features.create('homepage-ab-test', { isEnabled: true });
await half.setBucketer(new ConsistentHashPercentageBucketer({ keyWhitelist: ['user_id'], percentage: new Percentage(0.5) }));
await features.create('dark-mode', { isEnabled: false });

const ofrep = createOfrepApp(features, { authorize: apiKeys([{ id: 'demo', key }]), allowedOrigins: ['*'] });
const server = createServer(ofrep.middleware);
server.listen(port, host, () => {
  const address = server.address();
  const base = `http://${host}:${typeof address === 'object' && address !== null ? address.port : port}`;
  console.log(`flipper OFREP server on an in-memory store with 4 example flags at ${base}`);
  console.log(`  API key: ${key}`);
  console.log('  one flag:');
  console.log(`    curl -s -X POST -H 'Authorization: Bearer ${key}' -H 'Content-Type: application/json' -d '{"context":{"targetingKey":"user-1","is_admin":true}}' ${base}/ofrep/v1/evaluate/flags/admin-tools`);
  console.log('  every flag:');
  console.log(`    curl -s -X POST -H 'Authorization: Bearer ${key}' -H 'Content-Type: application/json' -d '{"context":{"targetingKey":"user-1"}}' ${base}/ofrep/v1/evaluate/flags`);
  console.log('Ctrl-C stops it.');
});
process.once('SIGINT', () => {
  ofrep.close();
  server.close();
});
