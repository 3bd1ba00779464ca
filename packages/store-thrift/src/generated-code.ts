// The code the Thrift compiler generated from feature_flag_store.thrift (CommonJS, see
// scripts/generate.mjs). Node hands an ES module the CommonJS exports as the default import.
import FeatureFlagStoreService from './generated/FeatureFlagStore.js';
import FeatureFlagStoreTypes from './generated/feature_flag_store_types.js';
import type * as Generated from './generated/feature_flag_store_types.js';

export { FeatureFlagStoreService, FeatureFlagStoreTypes };

export type ThriftFeatureFlagStoreItem = Generated.FeatureFlagStoreItem;
export type ThriftFeatureFlagStoreMeta = Generated.FeatureFlagStoreMeta;
export type ThriftConditionCheck = Generated.ConditionCheck;
export type ThriftConditionOperator = Generated.ConditionOperator;
export type ThriftFlipperException = Generated.FlipperException;

export const { ErrorCode, FlipperException } = FeatureFlagStoreTypes;
