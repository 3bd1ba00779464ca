/**
 * Thrift structs as they arrive from the wire. Every field of the IDL is optional, and generated
 * code leaves a field that was not sent (or was sent with the wrong wire type) as `null`, so each
 * may be missing. Structural, so that code generated elsewhere from the same IDL fits too.
 */

/** An i64 as the generated code reads it (node-int64), or a plain number written by hand. */
export interface Int64Like {
  toNumber(allowImprecise?: boolean): number;
}

export interface ThriftConditionOperatorLike {
  symbol?: string | null;
}

export interface ThriftConditionCheckLike {
  variable?: string | null;
  value?: string | null;
  operator?: ThriftConditionOperatorLike | null;
}

export interface ThriftFeatureFlagStoreMetaLike {
  created_date?: Int64Like | number | null;
  client_data?: string | null;
  conditions?: ReadonlyArray<Readonly<Record<string, readonly ThriftConditionCheckLike[]>>> | null;
  bucketer?: string | null;
}

export interface ThriftFeatureFlagStoreItemLike {
  feature_name?: string | null;
  is_enabled?: boolean | null;
  meta?: ThriftFeatureFlagStoreMetaLike | null;
}
