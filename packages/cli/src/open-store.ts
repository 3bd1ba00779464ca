import { MemoryFeatureFlagStore } from '@flipper-client/core';
import { JsonFileFeatureFlagStore } from './file-store/json-file-store.js';
import type { StoreSpec } from './store-url.js';
import { openConsulStore } from './stores/consul.js';
import type { OpenedStore, OpenOptions } from './stores/opened-store.js';
import { openRedisStore } from './stores/redis.js';
import { openS3Store } from './stores/s3.js';
import { openThriftStore } from './stores/thrift.js';

export type { OpenedStore, OpenOptions } from './stores/opened-store.js';

/** Opens the store a URL names, loading its package only now (they are optional). */
export async function openStore(spec: StoreSpec, options: OpenOptions): Promise<OpenedStore> {
  switch (spec.kind) {
    case 'memory':
      return { store: new MemoryFeatureFlagStore(), spec, close: async () => undefined };
    case 'file': {
      const store = new JsonFileFeatureFlagStore(spec.path);
      return { store, spec, close: () => store.close() };
    }
    case 'redis':
    case 'redis-cluster':
      return openRedisStore(spec, options);
    case 'consul':
      return openConsulStore(spec, options);
    case 's3':
      return openS3Store(spec, options);
    case 'thrift':
      return openThriftStore(spec, options);
  }
}
