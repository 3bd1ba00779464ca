import { afterAll, afterEach, beforeAll } from '@jest/globals';
import type { ConsulKvOptions } from '@flipper-client/consul-kv';
import type { FlipperError } from '@flipper-client/core';
import { encodeDocument, FeatureFlagStoreItem, type StoreChange } from '@flipper-client/core/store';
import type Consul from 'consul';
import { ConsulFeatureFlagStore, type ConsulStoreOptions } from '../../src/index.js';
import { deleteTree, kvCall, putRaw, startConsulTarget, uniqueBaseKey, type ConsulTarget } from './consul-target.js';

/** A store under test with what its tests look at: its feed, its errors, a raw client. */
export interface StoreUnderTest {
  store: ConsulFeatureFlagStore;
  baseKey: string;
  /** A second client, for writes "by another program". */
  raw: Consul;
  changes: StoreChange[];
  errors: FlipperError[];
  /** Writes a flag's document directly into Consul. */
  writeFlag(name: string, enabled: boolean): Promise<void>;
  writeText(name: string, text: string): Promise<void>;
  deleteFlag(name: string): Promise<void>;
}

/**
 * Starts one Consul target for the file and hands out stores on fresh base keys, closed and
 * cleaned after each test.
 */
export function useConsul(endpointOptions: ConsulKvOptions = {}): {
  target: () => ConsulTarget;
  newStore: (options?: ConsulStoreOptions, prepare?: (consul: Consul) => void) => StoreUnderTest;
} {
  let target: ConsulTarget | undefined;
  const opened: StoreUnderTest[] = [];
  beforeAll(async () => {
    target = await startConsulTarget(endpointOptions);
  });
  afterEach(async () => {
    for (const under of opened.splice(0)) {
      await under.store.close();
      if (target?.endpoint?.running === false) await target.endpoint.restart();
      await deleteTree(under.raw, under.baseKey, target?.token);
    }
  });
  afterAll(async () => {
    await target?.stop();
  });
  const current = (): ConsulTarget => {
    if (target === undefined) throw new Error('no Consul target outside a test');
    return target;
  };
  return {
    target: current,
    newStore(options = {}, prepare) {
      const t = current();
      const baseKey = options.baseKey ?? uniqueBaseKey('store');
      const changes: StoreChange[] = [];
      const errors: FlipperError[] = [];
      const raw = t.client();
      const consul = t.client();
      prepare?.(consul);
      const store = new ConsulFeatureFlagStore(consul, {
        token: t.token,
        minWatchIntervalMs: 0,
        retry: { initialDelayMs: 20, maxDelayMs: 200 },
        ...options,
        baseKey,
        onError: (error) => errors.push(error),
      });
      store.watch((change) => changes.push(change));
      const writeText = (name: string, text: string) => putRaw(raw, `${baseKey}/${name}`, text, t.token);
      const under: StoreUnderTest = {
        store,
        baseKey,
        raw,
        changes,
        errors,
        writeText,
        writeFlag: (name, enabled) => writeText(name, encodeDocument(new FeatureFlagStoreItem(name, enabled))),
        deleteFlag: async (name) => {
          await kvCall(raw, 'del', { key: `${baseKey}/${name}`, token: t.token });
        },
      };
      opened.push(under);
      return under;
    },
  };
}

/** Polls `predicate` every millisecond; resolves to the milliseconds it took, or throws. */
export async function timeUntil(predicate: () => boolean, timeoutMs: number, what: string): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (predicate()) return performance.now() - started;
    if (performance.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
