import { encodeMeta, FeatureFlagMeta, type Bucketer } from '@flipper-client/core';

/*
 * The bucketer as Python's `json.dumps(bucketer.to_dict())` writes it, shares as floats
 * (`"value": 1.0`), so that a Python server stores the same text. The core writes exactly this
 * inside `encodeMeta` but does not export the bucketer part on its own, so it is cut out of the
 * metadata text of an otherwise empty meta, whose beginning is fixed.
 */
const EMPTY_META_HEAD = '{"client_data": {}, "created_date": 0, "conditions": [], "bucketer": ';

export function bucketerJson(bucketer: Bucketer): string {
  const text = encodeMeta(new FeatureFlagMeta({ createdDate: 0, clientData: {}, conditions: [], bucketer }));
  if (!text.startsWith(EMPTY_META_HEAD) || !text.endsWith('}')) {
    throw new Error(`flipper: store-thrift: unexpected metadata encoding from the core: ${text.slice(0, 120)}`);
  }
  return text.slice(EMPTY_META_HEAD.length, -1);
}
