export { ThriftRPCFeatureFlagStore } from './thrift-store.js';
export type { ThriftStoreOptions } from './options.js';
export type { FeatureFlagStoreThriftClient, ThriftConnectionLike } from './client-interface.js';
export { createFeatureFlagStoreServer, FeatureFlagStoreServer } from './server/create-server.js';
export type { FeatureFlagStoreServerErrorContext, FeatureFlagStoreServerOptions } from './server/create-server.js';
export { ConnectionDroppedError } from './server/server-connection.js';
export {
  ErrorCode,
  FeatureFlagStoreService,
  FeatureFlagStoreTypes,
  FlipperException,
} from './generated-code.js';
export type {
  ThriftConditionCheck,
  ThriftConditionOperator,
  ThriftFeatureFlagStoreItem,
  ThriftFeatureFlagStoreMeta,
  ThriftFlipperException,
} from './generated-code.js';
export type {
  Int64Like,
  ThriftConditionCheckLike,
  ThriftConditionOperatorLike,
  ThriftFeatureFlagStoreItemLike,
  ThriftFeatureFlagStoreMetaLike,
} from './thrift-shapes.js';
