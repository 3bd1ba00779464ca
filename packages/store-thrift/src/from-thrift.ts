import {
  decodeMeta,
  decodeStoredDocument,
  InvalidDocumentError,
  type FeatureFlagMeta,
  type FeatureFlagStoreItem,
} from '@flipper-client/core/store';
import type {
  Int64Like,
  ThriftConditionCheckLike,
  ThriftFeatureFlagStoreItemLike,
  ThriftFeatureFlagStoreMetaLike,
} from './thrift-shapes.js';

/*
 * Thrift structs to core items. The struct is first turned into the stored shape of a document
 * (SPEC §5) and then decoded by the core, so a flag read over Thrift is validated exactly as one
 * read from Redis or S3: bad content is an InvalidDocumentError naming the flag and the member.
 */

function parseJson(featureName: string, text: string, part: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidDocumentError(featureName, part, 'not valid JSON', { cause: error });
  }
}

/** A JSON member that may be left out: unset and the empty string both mean "absent". */
function optionalJson(featureName: string, text: string | null | undefined, part: string): unknown {
  return text === null || text === undefined || text === '' ? undefined : parseJson(featureName, text, part);
}

function epochSeconds(value: Int64Like | number | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  // Beyond 2^53 node-int64 answers ±Infinity, which the decoder refuses as a date.
  return typeof value === 'number' ? value : value.toNumber(false);
}

function storedCheck(featureName: string, check: ThriftConditionCheckLike, part: string): Record<string, unknown> {
  const value = check.value;
  return {
    variable: check.variable ?? undefined,
    ...(value === null || value === undefined ? {} : { value: parseJson(featureName, value, `${part}.value`) }),
    operator: check.operator?.symbol ?? null,
  };
}

function storedCondition(
  featureName: string,
  condition: Readonly<Record<string, readonly ThriftConditionCheckLike[]>>,
  part: string,
): Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(condition);
  if (proto !== Object.prototype && proto !== null) {
    // Generated code assigns map keys onto a plain object: a "__proto__" key replaced its prototype.
    throw new InvalidDocumentError(featureName, part, 'holds the variable name "__proto__"');
  }
  const stored: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const variable of Object.keys(condition)) {
    const checks = condition[variable];
    const checksPart = `${part}.${variable}`;
    stored[variable] = Array.isArray(checks)
      ? checks.map((check: ThriftConditionCheckLike, i) => storedCheck(featureName, check, `${checksPart}[${i}]`))
      : checks;
  }
  return stored;
}

/** The stored shape of a Thrift meta struct; JSON members parsed, nothing validated yet. */
export function storedMetaFromThrift(featureName: string, meta: ThriftFeatureFlagStoreMetaLike): Record<string, unknown> {
  const conditions = meta.conditions ?? undefined;
  return {
    client_data: optionalJson(featureName, meta.client_data, 'meta.client_data'),
    created_date: epochSeconds(meta.created_date),
    conditions: conditions?.map((condition, i) => storedCondition(featureName, condition, `meta.conditions[${i}]`)),
    bucketer: optionalJson(featureName, meta.bucketer, 'meta.bucketer'),
  };
}

/** Decodes a meta struct; rejects bad content with InvalidDocumentError. */
export function metaFromThrift(featureName: string, meta: ThriftFeatureFlagStoreMetaLike): FeatureFlagMeta {
  return decodeMeta(featureName, storedMetaFromThrift(featureName, meta));
}

/**
 * Decodes an item struct for `featureName` (the name asked for; a struct naming another flag is
 * invalid). Every struct field is optional on the wire: an unset `is_enabled` reads as false (as
 * the Python library reads it) and an unset `meta` as default metadata.
 */
export function itemFromThrift(featureName: string, item: ThriftFeatureFlagStoreItemLike): FeatureFlagStoreItem {
  return decodeStoredDocument(featureName, {
    feature_name: item.feature_name ?? undefined,
    is_enabled: item.is_enabled ?? false,
    meta: storedMetaFromThrift(featureName, item.meta ?? {}),
  });
}
