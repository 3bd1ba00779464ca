import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Condition, FeatureFlagClient } from '@flipper-client/core';
import type { FeatureFlagStore } from '@flipper-client/core/store';
import { Gate } from '@flipper-client/test-suite';
import { S3RVER_CREDENTIALS, startS3Server, type S3Server } from '@flipper-client/s3-server';
import { S3FeatureFlagStore } from '@flipper-client/store-s3';
import { FeatureFlagStoreService, ThriftRPCFeatureFlagStore } from '@flipper-client/store-thrift';
import thrift from 'thrift';
import { startThriftServer, type ThriftServerProcess } from '../src/index.js';
import { uniqueName } from './support/time.js';

/**
 * Stores that cannot make a read-modify-write atomic say so with `atomicUpdates: false`. What
 * that costs is shown here deterministically: writer A reads the flag, writer B then completes a
 * whole addCondition, and A's write — held between its read and its write — lands over B's.
 * Both callers were told their write succeeded; B's condition is gone.
 */

/** `target` with `method` waiting at `gate` (once) before it runs. */
function holdOnce<T extends object>(target: T, method: string, gate: Gate, when: (args: unknown[]) => boolean = () => true): T {
  let held = false;
  return new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property, object);
      if (property !== method || typeof value !== 'function') return typeof value === 'function' ? value.bind(object) : value;
      return async (...args: unknown[]) => {
        if (!held && when(args)) {
          held = true;
          await gate.pass();
        }
        return value.apply(object, args);
      };
    },
  });
}

/** A's addCondition held between read and write while B's runs whole; the conditions stored after both resolved. */
async function interleave(storeA: FeatureFlagStore, storeB: FeatureFlagStore, gate: Gate): Promise<string[]> {
  const a = new FeatureFlagClient(storeA);
  const b = new FeatureFlagClient(storeB);
  await a.create('RACE');
  const writeA = a.addCondition('RACE', new Condition({ written_by_a: true }));
  await gate.reached;
  await b.addCondition('RACE', new Condition({ written_by_b: true }));
  gate.release();
  await writeA;
  return (await storeB.get('RACE'))!.meta.conditions.flatMap((condition) => condition.variables);
}

describe('thrift', () => {
  let server: ThriftServerProcess;
  const connections: { end(): void }[] = [];

  beforeAll(async () => {
    server = await startThriftServer();
  });

  afterAll(async () => {
    for (const connection of connections) connection.end();
    await server?.stop();
  });

  function clientStore(gate?: Gate): FeatureFlagStore {
    const connection = thrift.createConnection(server.host, server.port, { transport: thrift.TBufferedTransport, protocol: thrift.TBinaryProtocol });
    connections.push(connection);
    const client = thrift.createClient(FeatureFlagStoreService, connection);
    return new ThriftRPCFeatureFlagStore(gate === undefined ? client : holdOnce(client, 'SetMeta', gate), { connection });
  }

  it('declares atomicUpdates: false, and a concurrent addCondition is lost although acknowledged', async () => {
    const gate = new Gate();
    const storeA = clientStore(gate);
    expect(storeA.atomicUpdates).toBe(false);
    expect(await interleave(storeA, clientStore(), gate)).toEqual(['written_by_a']);
  });
});

describe('s3', () => {
  let plain: S3Server;
  let front: S3Server;

  beforeAll(async () => {
    [plain, front] = await Promise.all([startS3Server(), startS3Server({ conditionalWrites: true })]);
  });

  afterAll(async () => {
    await Promise.all([plain?.stop(), front?.stop()]);
  });

  async function storesOn(server: S3Server, conditionalWrites: boolean, gate: Gate): Promise<[FeatureFlagStore, FeatureFlagStore]> {
    const bucket = uniqueName('interleave').toLowerCase();
    await server.createBucket(bucket);
    const client = (): S3Client =>
      new S3Client({ endpoint: server.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: S3RVER_CREDENTIALS });
    // A's first PutObject after its create is the write of its addCondition.
    let puts = 0;
    const held = holdOnce(client(), 'send', gate, ([command]) => command instanceof PutObjectCommand && ++puts === 2);
    return [new S3FeatureFlagStore(held, bucket, { conditionalWrites }), new S3FeatureFlagStore(client(), bucket, { conditionalWrites })];
  }

  it('without conditional writes: declares atomicUpdates: false, and a concurrent addCondition is lost although acknowledged', async () => {
    const gate = new Gate();
    const [storeA, storeB] = await storesOn(plain, false, gate);
    expect(storeA.atomicUpdates).toBe(false);
    expect(await interleave(storeA, storeB, gate)).toEqual(['written_by_a']);
  });

  it('with conditional writes on a server that enforces them, the same interleaving keeps both', async () => {
    const gate = new Gate();
    const [storeA, storeB] = await storesOn(front, true, gate);
    expect(storeA.atomicUpdates).toBe(true);
    expect((await interleave(storeA, storeB, gate)).sort()).toEqual(['written_by_a', 'written_by_b']);
  });
});
