import { isBucketer, type Bucketer } from './bucketer.js';
import { Condition } from './condition.js';
import type { CreateOptions } from './client-options.js';
import { InvalidArgumentError } from './errors.js';
import { findJsonProblem, isPlainObject, type JsonObject } from './json.js';

/** Longest accepted flag name in UTF-8 bytes: the longest key S3 accepts, ample for any store. */
export const MAX_FEATURE_NAME_BYTES = 1024;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Flag names are non-empty strings of at most 1,024 UTF-8 bytes. A lone surrogate is refused:
 * it has no UTF-8 form, so two different names would reach a backend as the same key.
 */
export function assertFeatureName(featureName: unknown): asserts featureName is string {
  if (typeof featureName !== 'string') {
    throw new InvalidArgumentError(`a flag name must be a string, got ${featureName === null ? 'null' : typeof featureName}`);
  }
  if (featureName.length === 0) throw new InvalidArgumentError('a flag name must not be empty');
  if (Buffer.byteLength(featureName, 'utf8') > MAX_FEATURE_NAME_BYTES) {
    throw new InvalidArgumentError(`name is longer than ${MAX_FEATURE_NAME_BYTES} UTF-8 bytes`, { featureName });
  }
  if (LONE_SURROGATE.test(featureName)) {
    throw new InvalidArgumentError('name holds a lone UTF-16 surrogate, which has no UTF-8 form', { featureName });
  }
}

export function assertClientData(featureName: string, clientData: unknown): asserts clientData is JsonObject {
  if (!isPlainObject(clientData)) {
    throw new InvalidArgumentError('client data must be a plain object of JSON values', { featureName });
  }
  const problem = findJsonProblem(clientData, 'clientData');
  if (problem !== undefined) throw new InvalidArgumentError(problem, { featureName });
}

export function assertCondition(featureName: string, condition: unknown): asserts condition is Condition {
  if (!(condition instanceof Condition)) {
    throw new InvalidArgumentError('expected a Condition, e.g. new Condition({ is_admin: true })', { featureName });
  }
}

export function assertBucketer(featureName: string, bucketer: unknown): asserts bucketer is Bucketer {
  if (!isBucketer(bucketer)) {
    throw new InvalidArgumentError(
      'expected a bucketer: NoOpBucketer, PercentageBucketer or ConsistentHashPercentageBucketer',
      { featureName },
    );
  }
}

/** `create`'s options checked, with their defaults. */
export function checkedCreateOptions(featureName: string, options: CreateOptions): { isEnabled: boolean; clientData: JsonObject } {
  assertFeatureName(featureName);
  const isEnabled = options.isEnabled ?? false;
  if (typeof isEnabled !== 'boolean') throw new InvalidArgumentError('isEnabled must be a boolean', { featureName });
  const clientData = options.clientData ?? {};
  assertClientData(featureName, clientData);
  return { isEnabled, clientData };
}
