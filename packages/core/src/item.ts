import type { Bucketer, StoredBucketer } from './bucketer.js';
import { NoOpBucketer } from './bucketer.js';
import type { Condition, StoredCondition } from './condition.js';
import { alwaysFalse, alwaysTrue, compileEvaluator, type Checks, type Evaluator, type UnmatchedConditions } from './evaluator.js';
import { cloneJson, freezeJson, type JsonObject } from './json.js';

/** The `meta` member of a stored document (SPEC §5), in its stored shape. */
export interface StoredMeta {
  client_data: JsonObject;
  /** Epoch seconds, an integer. */
  created_date: number;
  conditions: StoredCondition[];
  bucketer: StoredBucketer;
}

/** One flag as stored, shared byte for byte with the Python library. */
export interface StoredDocument {
  feature_name: string;
  is_enabled: boolean;
  meta: StoredMeta;
}

export interface FeatureFlagMetaInit {
  createdDate?: number;
  clientData?: JsonObject;
  conditions?: readonly Condition[];
  bucketer?: Bucketer;
}

const NO_OP_BUCKETER = new NoOpBucketer();
const NO_CLIENT_DATA: Readonly<JsonObject> = Object.freeze(Object.create(null) as JsonObject);
const NO_CONDITIONS: readonly Condition[] = Object.freeze([]);

function isEmptyObject(value: object): boolean {
  for (const key in value) if (Object.hasOwn(value, key)) return false;
  return true;
}

export function nowEpochSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** A flag's metadata: when it was created, client data, conditions and bucketer. Immutable. */
export class FeatureFlagMeta {
  readonly createdDate: number;
  /** Frozen, without a prototype; use `FeatureFlagStoreItem.clientData()` for a plain copy you may change. */
  readonly clientData: Readonly<JsonObject>;
  readonly conditions: readonly Condition[];
  readonly bucketer: Bucketer;

  /** Inputs are expected to be validated already (see `validation.ts`). */
  constructor(init: FeatureFlagMetaInit = {}) {
    this.createdDate = init.createdDate ?? nowEpochSeconds();
    // Most flags have neither client data nor conditions: they share one frozen empty value.
    const clientData = init.clientData;
    this.clientData = clientData === undefined || isEmptyObject(clientData) ? NO_CLIENT_DATA : freezeJson(clientData);
    const conditions = init.conditions;
    this.conditions = conditions === undefined || conditions.length === 0 ? NO_CONDITIONS : Object.freeze([...conditions]);
    this.bucketer = init.bucketer ?? NO_OP_BUCKETER;
    Object.freeze(this);
  }

  with(changes: FeatureFlagMetaInit): FeatureFlagMeta {
    return new FeatureFlagMeta({
      createdDate: changes.createdDate ?? this.createdDate,
      clientData: changes.clientData ?? this.clientData,
      conditions: changes.conditions ?? this.conditions,
      bucketer: changes.bucketer ?? this.bucketer,
    });
  }

  /** The stored shape, as a fresh object the caller owns. */
  toJSON(): StoredMeta {
    return {
      client_data: cloneJson(this.clientData as JsonObject),
      created_date: this.createdDate,
      conditions: this.conditions.map((condition) => condition.toJSON()),
      bucketer: this.bucketer.toJSON(),
    };
  }
}

/**
 * One flag as held by a store: its name, its switch and its metadata, with the evaluation
 * compiled once at construction so that `isEnabled` does no parsing. Immutable, so a store or a
 * cache may hand the same item to any number of concurrent readers.
 */
export class FeatureFlagStoreItem {
  readonly featureName: string;
  readonly enabled: boolean;
  readonly meta: FeatureFlagMeta;
  /** The answer when it does not depend on the checks (off, or on with nothing to decide), else undefined. */
  readonly constantAnswer: boolean | undefined;
  private readonly evaluator: Evaluator;

  constructor(featureName: string, enabled: boolean, meta: FeatureFlagMeta = new FeatureFlagMeta()) {
    this.featureName = featureName;
    this.enabled = enabled;
    this.meta = meta;
    this.evaluator = compileEvaluator(enabled, meta.conditions, meta.bucketer);
    this.constantAnswer = this.evaluator === alwaysTrue ? true : this.evaluator === alwaysFalse ? false : undefined;
    Object.freeze(this);
  }

  /** Applies the evaluation rules to `checks`. May throw for checks the bucketer cannot hash. */
  evaluate(checks?: Checks, unmatched: UnmatchedConditions = 'bucket'): boolean {
    return this.evaluator(checks, unmatched);
  }

  withEnabled(enabled: boolean): FeatureFlagStoreItem {
    return enabled === this.enabled ? this : new FeatureFlagStoreItem(this.featureName, enabled, this.meta);
  }

  withMeta(meta: FeatureFlagMeta): FeatureFlagStoreItem {
    return new FeatureFlagStoreItem(this.featureName, this.enabled, meta);
  }

  /** A copy of the client data that the caller may change. */
  clientData(): JsonObject {
    return cloneJson(this.meta.clientData as JsonObject);
  }

  toJSON(): StoredDocument {
    return { feature_name: this.featureName, is_enabled: this.enabled, meta: this.meta.toJSON() };
  }
}
