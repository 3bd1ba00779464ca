import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FeatureFlagClient, StoreError, type ErrorEvent } from '@flipper-client/core';
import type { FeatureFlagStore } from '@flipper-client/core/store';
import { startS3Server, type S3Server } from '@flipper-client/s3-server';
import { openStore, TcpFaultProxy, type OpenedStore, type StoreSpec } from '../src/index.js';
import { settle, uniqueName } from './support/time.js';

/**
 * S3 taken away: the server process killed (its data goes with it: the tooling cannot restart
 * s3rver on its data), and the network to a running server cut and restored, which is how
 * recovery is shown. The store holds no connection state, so the same store works again.
 */
const REQUEST_TIMEOUT_MS = 2000;

let server: S3Server;
const opened: OpenedStore[] = [];

beforeAll(async () => {
  server = await startS3Server({ conditionalWrites: true });
});

afterAll(async () => {
  for (const store of opened) await store.close();
  await server?.stop();
});

async function s3Store(endpoint: string, bucket: string, cached = false): Promise<FeatureFlagStore> {
  const spec: StoreSpec = { kind: 's3', endpoint, bucket, conditionalWrites: true, requestTimeoutMs: REQUEST_TIMEOUT_MS };
  const store = await openStore(cached ? { kind: 'cached', inner: spec } : spec);
  opened.push(store);
  return store.store;
}

/** Every management call fails with a StoreError naming the s3 store, the operation and the flag, within the deadline. */
async function expectTypedFailures(features: FeatureFlagClient): Promise<void> {
  const calls: [string, Promise<unknown>][] = [
    ['create', features.create('NEW')],
    ['update', features.enable('KNOWN')],
    ['get', features.getClientData('KNOWN')],
    ['update', features.setClientData('KNOWN', { x: 1 })],
  ];
  for (const [operation, call] of calls) {
    const { error, ms } = await settle(call);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ store: 's3', operation });
    expect((error as StoreError).message).toMatch(/^flipper: flag "(NEW|KNOWN)": s3 store: /);
    expect(ms).toBeLessThan(REQUEST_TIMEOUT_MS);
  }
}

describe('S3 server killed', () => {
  it('rejects management calls with typed errors; isEnabled answers the default uncached and the last known value cached', async () => {
    const doomed = await startS3Server({ conditionalWrites: true, buckets: ['doomed-flags'] });
    try {
      const features = new FeatureFlagClient(await s3Store(doomed.endpoint, 'doomed-flags'));
      const cachedFeatures = new FeatureFlagClient(await s3Store(doomed.endpoint, 'doomed-flags', true));
      await features.create('KNOWN', { isEnabled: true });
      expect(await cachedFeatures.isEnabled('KNOWN')).toBe(true);
      const events: ErrorEvent[] = [];
      features.events.on('error', (event) => events.push(event));

      await doomed.kill();
      await expectTypedFailures(features);
      expect(await features.isEnabled('KNOWN')).toBe(false);
      expect(events.map((event) => [event.featureName, event.error.name])).toEqual([['KNOWN', 'StoreError']]);
      expect(await cachedFeatures.isEnabled('KNOWN')).toBe(true);
    } finally {
      await doomed.stop();
    }
  });
});

describe('S3 unreachable, then reachable again', () => {
  it('fails with typed errors while cut off and works again on the same store, its data intact', async () => {
    const bucket = uniqueName('cut').toLowerCase();
    await server.createBucket(bucket);
    const proxy = await TcpFaultProxy.start({ host: '127.0.0.1', port: server.port });
    try {
      const features = new FeatureFlagClient(await s3Store(proxy.url, bucket));
      await features.create('KNOWN', { clientData: { kept: true } });

      await proxy.cut();
      await expectTypedFailures(features);
      expect(await features.isEnabled('KNOWN', {}, { default: true })).toBe(true);

      await proxy.restore();
      expect(await features.getClientData('KNOWN')).toEqual({ kept: true });
      await features.enable('KNOWN');
      await features.create('NEW');
      expect(await features.isEnabled('KNOWN')).toBe(true);
      expect(await features.exists('NEW')).toBe(true);
    } finally {
      await proxy.close();
    }
  });
});
