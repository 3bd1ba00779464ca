import {
  encodeBucketer,
  InvalidArgumentError,
  pythonJsonDumps,
  type FeatureFlagMeta,
  type FeatureFlagStoreItem,
  type StoredConditionCheck,
} from '@flipper-client/core/store';
import Int64 from 'node-int64';

import { FeatureFlagStoreTypes, type ThriftConditionCheck, type ThriftFeatureFlagStoreItem, type ThriftFeatureFlagStoreMeta } from './generated-code.js';

/*
 * Core items to Thrift structs, as the Python library's Thrift store builds them: JSON members
 * written by `pythonJsonDumps` (byte for byte Python's `json.dumps`), every check with an
 * operator struct whose symbol is unset for equality, created_date as an i64.
 */

const { ConditionCheck, ConditionOperator, FeatureFlagStoreItem: ItemStruct, FeatureFlagStoreMeta: MetaStruct } =
  FeatureFlagStoreTypes;

type ThriftCondition = Record<string, ThriftConditionCheck[]>;

function checkStruct(check: StoredConditionCheck): ThriftConditionCheck {
  return new ConditionCheck({
    variable: check.variable,
    value: pythonJsonDumps(check.value),
    operator: new ConditionOperator(check.operator === null ? {} : { symbol: check.operator }),
  });
}

function createdDateI64(featureName: string, createdDate: number): Int64 {
  const seconds = Math.trunc(createdDate);
  if (!Number.isSafeInteger(seconds)) {
    throw new InvalidArgumentError(`created date ${createdDate} does not fit an i64 of epoch seconds`, { featureName });
  }
  return new Int64(seconds);
}

export function metaToThrift(featureName: string, meta: FeatureFlagMeta): ThriftFeatureFlagStoreMeta {
  const conditions = meta.conditions.map((condition) => {
    const struct: ThriftCondition = {};
    for (const [variable, checks] of Object.entries(condition.toJSON())) {
      // defineProperty, not assignment: a variable named "__proto__" stays an ordinary key.
      Object.defineProperty(struct, variable, { value: checks.map(checkStruct), enumerable: true, writable: true, configurable: true });
    }
    return struct;
  });
  return new MetaStruct({
    created_date: createdDateI64(featureName, meta.createdDate),
    client_data: pythonJsonDumps(meta.clientData),
    conditions,
    bucketer: encodeBucketer(meta.bucketer),
  });
}

export function itemToThrift(item: FeatureFlagStoreItem): ThriftFeatureFlagStoreItem {
  return new ItemStruct({
    feature_name: item.featureName,
    is_enabled: item.enabled,
    meta: metaToThrift(item.featureName, item.meta),
  });
}
