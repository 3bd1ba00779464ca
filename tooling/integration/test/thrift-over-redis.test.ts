import { afterEach, describe, expect, it } from '@jest/globals';
import { FeatureFlagClient, FlipperError } from '@flipper-client/core';
import { encodeDocument, type FeatureFlagStore } from '@flipper-client/core/store';
import { PYTHON_DOCUMENTS, collect, describeStoreConformance } from '@flipper-client/test-suite';
import { RedisFeatureFlagStore } from '@flipper-client/store-redis';
import { uniqueBaseKey, useRedis } from './support/redis.js';
import { connectThriftStore, startThriftServer, type RunningThriftServer } from './support/thrift.js';

/*
 * A Thrift deployment over Redis, end to end: createFeatureFlagStoreServer over a
 * RedisFeatureFlagStore, and the Thrift client store on top, through a loopback socket. Each
 * test gets a server over a fresh base key; `connect` is another client connection to it.
 */
const redis = useRedis();

interface ThriftOverRedis {
  backing: RedisFeatureFlagStore;
  server: RunningThriftServer;
  close(): Promise<void>;
}

async function deploy(): Promise<ThriftOverRedis> {
  const backing = new RedisFeatureFlagStore(redis().shared, { baseKey: uniqueBaseKey('thrift') });
  const server = await startThriftServer(backing);
  return {
    backing,
    server,
    close: async () => {
      await server.close();
      await backing.close();
    },
  };
}

// The groups are those the Thrift store declares: no change feed, no synchronous reads, no
// atomic read-modify-write (the service has no compare-and-set), no whole-document write (the
// service has no such call, and the suite checks that the store does not offer one). Documents written into Redis by
// others are checked below: the Thrift service cannot tell a corrupt document from a failure.
describeStoreConformance(
  'thrift client → thrift server → redis',
  {
    createStore: async () => {
      const deployment = await deploy();
      return {
        store: await connectThriftStore(deployment.server.port),
        connect: () => connectThriftStore(deployment.server.port),
        cleanup: deployment.close,
      };
    },
  },
  { changeFeed: false, syncReads: false, atomicUpdates: false, writeRaw: false, readRaw: false, wholeDocumentWrites: false },
);

describe('documents written into Redis by others, read over Thrift', () => {
  let deployment: ThriftOverRedis | undefined;
  let client: FeatureFlagStore | undefined;

  afterEach(async () => {
    await client?.close?.();
    await deployment?.close();
  });

  it("reads the Python library's documents byte for byte and evaluates them as Python did", async () => {
    deployment = await deploy();
    client = await connectThriftStore(deployment.server.port);
    const names: string[] = [];
    for (const document of PYTHON_DOCUMENTS) {
      const name = (JSON.parse(document.text) as { feature_name: string }).feature_name;
      names.push(name);
      await redis().shared.set(deployment.backing.keyOf(name), document.text);
    }
    for (const [i, document] of PYTHON_DOCUMENTS.entries()) {
      const item = await client.get(names[i]!);
      expect(item && encodeDocument(item)).toBe(document.text);
      for (const { checks, enabled } of document.evaluations) expect(await new FeatureFlagClient(client).isEnabled(names[i]!, checks)).toBe(enabled);
    }
    expect((await collect(client.list())).map((item) => encodeDocument(item)).sort()).toEqual(PYTHON_DOCUMENTS.map((d) => d.text).sort());
  });

  it('answers a corrupt document with a typed error naming the flag; isEnabled gives the default', async () => {
    deployment = await deploy();
    client = await connectThriftStore(deployment.server.port);
    const corrupt = JSON.stringify({ feature_name: 'BAD', is_enabled: true, meta: { bucketer: { type: 'MysteryBucketer' } } });
    await redis().shared.set(deployment.backing.keyOf('BAD'), corrupt);
    const failure = await client.get('BAD').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(FlipperError);
    expect((failure as FlipperError).featureName).toBe('BAD');
    expect((failure as Error).message).toMatch(/invalid/);
    expect(await new FeatureFlagClient(client).isEnabled('BAD', {}, { default: true })).toBe(true);
  });
});
