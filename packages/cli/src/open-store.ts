import { MemoryFeatureFlagStore } from '@flipper-client/core';
import { FileFeatureFlagStore } from '@flipper-client/store-file';
import type { StoreSpec } from './store-url.js';
import { openConsulStore } from './stores/consul.js';
import type { OpenedStore, OpenOptions } from './stores/opened-store.js';
import { openRedisStore } from './stores/redis.js';
import { openS3Store } from './stores/s3.js';
import { openThriftStore } from './stores/thrift.js';

const STDERR_LOGGER = {
  warn: (message: string) => void process.stderr.write(`flipper: ${message}\n`),
  info: (message: string) => void process.stderr.write(`flipper: ${message}\n`),
};

export type { OpenedStore, OpenOptions } from './stores/opened-store.js';

/** Opens the store a URL names, loading its package only now (they are optional). */
export async function openStore(spec: StoreSpec, options: OpenOptions): Promise<OpenedStore> {
  switch (spec.kind) {
    case 'memory':
      return { store: new MemoryFeatureFlagStore(), spec, close: async () => undefined };
    case 'file': {
      // A command that only reads or writes once needs no watch; `watch` and `serve` follow the
      // file as an application would, and say on stderr when it turns invalid.
      const store = new FileFeatureFlagStore(spec.path, { watch: options.forWatch, ...(options.forWatch ? { logger: STDERR_LOGGER } : {}) });
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
