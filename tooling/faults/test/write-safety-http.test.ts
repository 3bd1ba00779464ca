import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { S3Client } from '@aws-sdk/client-s3';
import { startConsulKv, type ConsulKvHandle } from '@flipper-client/consul-kv';
import { WriteOutcomeUnknownError, type FeatureFlagStore, type WholeDocumentWrites } from '@flipper-client/core/store';
import { S3RVER_CREDENTIALS, startS3Server, type S3Server } from '@flipper-client/s3-server';
import { ConsulFeatureFlagStore } from '@flipper-client/store-consul';
import { S3FeatureFlagStore } from '@flipper-client/store-s3';
import Consul from 'consul';
import { TcpFaultProxy } from '../src/index.js';
import { reportFigures } from './support/figures.js';
import { settle, sleep, uniqueName } from './support/time.js';
import { storedWriter, writtenBy } from './support/write-safety.js';

/**
 * The partition scenario of issue 30 on the HTTP stores: P1 reaches the backend through a TCP
 * proxy, P2 directly. P1's write goes into a silent partition and times out
 * (`WRITE_OUTCOME_UNKNOWN`); P2 writes the same flag; the partition heals. Neither client
 * re-sends a timed-out request, and P1's bytes never reached the server, so P2's write stays;
 * P1's store works again afterwards.
 */
const TIMEOUT_MS = 400;

let consul: ConsulKvHandle;
let s3: S3Server;

beforeAll(async () => {
  [consul, s3] = await Promise.all([startConsulKv(), startS3Server({ conditionalWrites: true })]);
});

afterAll(async () => {
  await Promise.all([consul?.stop(), s3?.stop()]);
});

interface Opened {
  store: FeatureFlagStore & WholeDocumentWrites;
  close: () => Promise<void>;
}

function consulAt(port: number, baseKey: string): Opened {
  const client = new Consul({ host: '127.0.0.1', port });
  const store = new ConsulFeatureFlagStore(client, { baseKey, requestTimeoutMs: TIMEOUT_MS });
  return { store, close: async () => { await store.close(); client.destroy(); } };
}

function s3At(port: number, bucket: string): Opened {
  const client = new S3Client({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
    maxAttempts: 1,
  });
  return { store: new S3FeatureFlagStore(client, bucket, { requestTimeoutMs: TIMEOUT_MS }), close: async () => client.destroy() };
}

interface Backend {
  port: number;
  open: (port: number, name: string) => Opened;
}

describe.each<[string, () => Promise<Backend>]>([
  ['Consul', async () => ({ port: consul.port, open: (port: number, name: string) => consulAt(port, name) })],
  ['S3', async () => {
    const bucket = uniqueName('partition').toLowerCase();
    await s3.createBucket(bucket);
    return { port: s3.port, open: (port: number) => s3At(port, bucket) };
  }],
])('%s: a write that timed out in a partition', (label, backend) => {
  it("is WRITE_OUTCOME_UNKNOWN and never overwrites the later writer's document", async () => {
    const { port, open } = await backend();
    const name = uniqueName('partition');
    const proxy = await TcpFaultProxy.start({ host: '127.0.0.1', port });
    const p1 = open(proxy.port, name);
    const p2 = open(port, name);
    try {
      await p1.store.put(writtenBy('setup', false));
      proxy.blackhole();
      const { error } = await settle(p1.store.put(writtenBy('P1', true)));
      expect(error).toBeInstanceOf(WriteOutcomeUnknownError);
      await p2.store.put(writtenBy('P2', false));
      await proxy.restore();
      await sleep(300);
      const reader = open(port, name);
      expect(await storedWriter(reader.store)).toBe('P2');
      await reader.close();
      // P1's store works again on the same client.
      await p1.store.set('OTHER', true);
      reportFigures(`write safety, ${label}, partition`, { reportedFailedButApplied: 0 });
    } finally {
      await Promise.all([p1.close(), p2.close()]);
      await proxy.close();
    }
  });
});
