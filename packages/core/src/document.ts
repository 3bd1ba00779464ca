import {
  ConsistentHashPercentageBucketer,
  NoOpBucketer,
  PercentageBucketer,
  type Bucketer,
  type StoredBucketer,
} from './bucketer.js';
import { Condition, isConditionOperator, type StoredConditionCheck } from './condition.js';
import { InvalidDocumentError } from './errors.js';
import { FeatureFlagMeta, FeatureFlagStoreItem } from './item.js';
import { findJsonProblem, isForbiddenKey, isPlainObject, type JsonObject, type JsonValue } from './json.js';
import { LinearRampPercentage, Percentage, type PercentageSource, type StoredPercentage } from './percentage.js';
import { PythonFloat, pythonJsonDumps } from './python-json.js';

// ---------------------------------------------------------------------------------------------
// Encoding

function pythonPercentage(stored: StoredPercentage): Record<string, unknown> {
  // Python holds these shares as floats: 1.0, not 1, so documents round-trip byte for byte.
  if (stored.type === 'Percentage') return { type: stored.type, value: new PythonFloat(stored.value) };
  return {
    type: stored.type,
    initial_value: new PythonFloat(stored.initial_value),
    final_value: new PythonFloat(stored.final_value),
    ramp_duration: stored.ramp_duration,
    initial_time: stored.initial_time,
  };
}

function pythonBucketer(stored: StoredBucketer): Record<string, unknown> {
  switch (stored.type) {
    case 'NoOpBucketer':
      return { type: stored.type };
    case 'PercentageBucketer':
      return { type: stored.type, percentage: pythonPercentage(stored.percentage) };
    case 'ConsistentHashPercentageBucketer':
      return {
        type: stored.type,
        percentage: pythonPercentage(stored.percentage),
        key_whitelist: stored.key_whitelist,
      };
  }
}

/** A bucketer's stored JSON as Python writes it (`json.dumps(bucketer.to_dict())`, shares as floats). */
export function encodeBucketer(bucketer: Bucketer): string {
  return pythonJsonDumps(pythonBucketer(bucketer.toJSON()));
}

/** The stored form of a flag's metadata as Python's `json.dumps` writes it. */
export function encodeMeta(meta: FeatureFlagMeta): string {
  const stored = meta.toJSON();
  return pythonJsonDumps({ ...stored, bucketer: pythonBucketer(stored.bucketer) });
}

/** The document a store writes for `item` (SPEC §5), identical to what the Python library writes. */
export function encodeDocument(item: FeatureFlagStoreItem): string {
  const stored = item.toJSON();
  return pythonJsonDumps({
    feature_name: stored.feature_name,
    is_enabled: stored.is_enabled,
    meta: { ...stored.meta, bucketer: pythonBucketer(stored.meta.bucketer) },
  });
}

// ---------------------------------------------------------------------------------------------
// Decoding: every failure is an InvalidDocumentError naming the flag and the member at fault.

class Reader {
  constructor(readonly featureName: string) {}

  fail(part: string, message: string, cause?: unknown): never {
    throw new InvalidDocumentError(this.featureName, part, message, { cause });
  }

  object(value: unknown, part: string): Record<string, unknown> {
    if (!isPlainObject(value)) this.fail(part, `expected an object, found ${describe(value)}`);
    return value;
  }

  string(value: unknown, part: string): string {
    if (typeof value !== 'string') this.fail(part, `expected a string, found ${describe(value)}`);
    return value;
  }

  number(value: unknown, part: string): number {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.fail(part, `expected a number, found ${describe(value)}`);
    }
    return value;
  }

  fraction(value: unknown, part: string): number {
    const share = this.number(value, part);
    if (share < 0 || share > 1) this.fail(part, `expected a share in [0, 1], found ${share}`);
    return share;
  }

  array(value: unknown, part: string): unknown[] {
    if (!Array.isArray(value)) this.fail(part, `expected an array, found ${describe(value)}`);
    return value;
  }

  json(value: unknown, part: string): JsonValue {
    const problem = findJsonProblem(value, part);
    if (problem !== undefined) this.fail(part, problem);
    return value as JsonValue;
  }
}

const quote = (text: string): string => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);

/** What was found where something else was expected, in words a reader of the message follows. */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing (the member is missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${quote(value)}`;
  if (typeof value === 'object') return 'an object';
  return `the ${typeof value} ${String(value)}`;
}

/** A name that is not one of the known ones (an operator, a bucketer type): the name itself, quoted. */
function unknownName(value: unknown): string {
  return typeof value === 'string' ? quote(value) : describe(value);
}

function decodePercentage(reader: Reader, raw: unknown, part: string): PercentageSource {
  const stored = reader.object(raw, part);
  const type = stored['type'];
  if (type === 'Percentage') return new Percentage(reader.fraction(stored['value'], `${part}.value`));
  if (type === 'LinearRampPercentage') {
    const rampDuration = reader.number(stored['ramp_duration'], `${part}.ramp_duration`);
    if (rampDuration < 0) reader.fail(`${part}.ramp_duration`, 'a ramp cannot last a negative time');
    return new LinearRampPercentage({
      initialValue: reader.fraction(stored['initial_value'], `${part}.initial_value`),
      finalValue: reader.fraction(stored['final_value'], `${part}.final_value`),
      rampDuration,
      initialTime: reader.number(stored['initial_time'], `${part}.initial_time`),
    });
  }
  return reader.fail(`${part}.type`, `unknown percentage type ${unknownName(type)}`);
}

function decodeBucketer(reader: Reader, raw: unknown, part: string): Bucketer {
  if (raw === undefined || raw === null) return new NoOpBucketer();
  const stored = reader.object(raw, part);
  const type = stored['type'];
  switch (type) {
    case 'NoOpBucketer':
      return new NoOpBucketer();
    case 'PercentageBucketer':
      return new PercentageBucketer({ percentage: decodePercentage(reader, stored['percentage'], `${part}.percentage`) });
    case 'ConsistentHashPercentageBucketer': {
      const whitelist = stored['key_whitelist'] ?? [];
      const keys = reader.array(whitelist, `${part}.key_whitelist`);
      return new ConsistentHashPercentageBucketer({
        percentage: decodePercentage(reader, stored['percentage'], `${part}.percentage`),
        keyWhitelist: keys.map((key, i) => reader.string(key, `${part}.key_whitelist[${i}]`)),
      });
    }
    default:
      return reader.fail(`${part}.type`, `unknown bucketer type ${unknownName(type)}`);
  }
}

function decodeCondition(reader: Reader, raw: unknown, part: string): Condition {
  const stored = reader.object(raw, part);
  const checks: StoredConditionCheck[] = [];
  for (const variable of Object.keys(stored)) {
    const listPart = `${part}.${variable}`;
    if (isForbiddenKey(variable)) reader.fail(listPart, `the variable name ${JSON.stringify(variable)} is not allowed`);
    const list = reader.array(stored[variable], listPart);
    list.forEach((rawCheck, i) => {
      const checkPart = `${listPart}[${i}]`;
      const check = reader.object(rawCheck, checkPart);
      const checkVariable = reader.string(check['variable'], `${checkPart}.variable`);
      if (checkVariable !== variable) {
        reader.fail(`${checkPart}.variable`, `names ${JSON.stringify(checkVariable)} under ${JSON.stringify(variable)}`);
      }
      const operator = check['operator'] ?? null;
      if (operator !== null && !isConditionOperator(operator)) {
        reader.fail(`${checkPart}.operator`, `unknown operator ${unknownName(operator)}`);
      }
      if (!Object.hasOwn(check, 'value')) reader.fail(`${checkPart}.value`, 'missing');
      checks.push({ variable, operator, value: reader.json(check['value'], `${checkPart}.value`) });
    });
  }
  if (checks.length === 0) reader.fail(part, 'a condition needs at least one check');
  return Condition.fromStoredChecks(checks);
}

function decodeMetaWith(reader: Reader, raw: unknown, part: string): FeatureFlagMeta {
  const stored = reader.object(raw, part);
  const clientData = stored['client_data'] ?? {};
  reader.object(clientData, `${part}.client_data`);
  reader.json(clientData, `${part}.client_data`);
  const createdDate = stored['created_date'];
  const conditions = reader.array(stored['conditions'] ?? [], `${part}.conditions`);
  return new FeatureFlagMeta({
    createdDate: createdDate === undefined ? 0 : reader.number(createdDate, `${part}.created_date`),
    clientData: clientData as JsonObject,
    conditions: conditions.map((condition, i) => decodeCondition(reader, condition, `${part}.conditions[${i}]`)),
    bucketer: decodeBucketer(reader, stored['bucketer'], `${part}.bucketer`),
  });
}

/** Decodes a parsed document. `featureName` is the name the store looked up. */
export function decodeStoredDocument(featureName: string, raw: unknown): FeatureFlagStoreItem {
  const reader = new Reader(featureName);
  const stored = reader.object(raw, 'document');
  const storedName = reader.string(stored['feature_name'], 'feature_name');
  if (storedName !== featureName) {
    reader.fail('feature_name', `the document is for ${JSON.stringify(storedName)}`);
  }
  const enabled = stored['is_enabled'];
  if (typeof enabled !== 'boolean') return reader.fail('is_enabled', `expected a boolean, found ${describe(enabled)}`);
  return new FeatureFlagStoreItem(featureName, enabled, decodeMetaWith(reader, stored['meta'], 'meta'));
}

/** Decodes a stored document from its JSON text (or UTF-8 bytes). */
export function decodeDocument(featureName: string, text: string | Uint8Array): FeatureFlagStoreItem {
  const source = typeof text === 'string' ? text : new TextDecoder('utf-8', { fatal: false }).decode(text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch (error) {
    throw new InvalidDocumentError(featureName, 'document', 'not valid JSON', { cause: error });
  }
  return decodeStoredDocument(featureName, parsed);
}

/** Decodes metadata in its stored shape (`getMeta()` output, a Thrift meta struct, ...). */
export function decodeMeta(featureName: string, raw: unknown): FeatureFlagMeta {
  return decodeMetaWith(new Reader(featureName), raw, 'meta');
}
