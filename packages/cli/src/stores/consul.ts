import type { StoreSpec } from '../store-url.js';
import type { OpenedStore, OpenOptions } from './opened-store.js';
import { loadOptional } from './optional-package.js';

type ConsulSpec = Extract<StoreSpec, { kind: 'consul' }>;

/**
 * Outside `watch`, a command lives for seconds and reads what it needs itself: the store's
 * background watch then re-reads the prefix at most this often instead of after every write
 * burst (a copy of 10,000 flags would otherwise re-read all of them many times a second).
 */
const SHORT_LIVED_WATCH_INTERVAL_MS = 30_000;

export async function openConsulStore(spec: ConsulSpec, options: OpenOptions): Promise<OpenedStore> {
  const { ConsulFeatureFlagStore } = await loadOptional('consul', () => import('@flipper-client/store-consul'));
  const { default: Consul } = await loadOptional('consul', () => import('consul'));
  const consul = new Consul({ host: spec.host, port: spec.port, secure: spec.secure });
  const token = process.env['CONSUL_HTTP_TOKEN'];
  const store = new ConsulFeatureFlagStore(consul, {
    baseKey: spec.baseKey,
    requestTimeoutMs: options.timeoutMs,
    ...(token === undefined || token === '' ? {} : { token }),
    ...(spec.datacenter === undefined ? {} : { datacenter: spec.datacenter }),
    ...(options.forWatch ? {} : { minWatchIntervalMs: SHORT_LIVED_WATCH_INTERVAL_MS }),
    retry: { initialDelayMs: 100, maxDelayMs: 2000 },
  });
  return {
    store,
    spec,
    async close() {
      await store.close();
      (consul as { destroy?: () => void }).destroy?.();
    },
  };
}
