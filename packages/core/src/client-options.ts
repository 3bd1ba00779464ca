import { InvalidArgumentError } from './errors.js';
import type { UnmatchedConditions } from './evaluator.js';
import type { UsageOptions } from './usage-options.js';

export interface FeatureFlagClientOptions {
  /**
   * When checks are given, the flag has conditions and no given check names a condition's
   * variable: `'bucket'` (default) lets the bucketer decide, as the seed documentation says;
   * `'enable'` answers true like Python flipper-client 1.x, for services sharing its flags.
   */
  unmatchedConditions?: UnmatchedConditions;
  /**
   * Evaluation counting, flushed to a store that keeps usage counts and to an OpenTelemetry
   * meter (see the README's "Usage counting"); on by default, `false` switches it off.
   */
  usage?: UsageOptions | false;
  /**
   * Who this client's writes are recorded as, in stores that keep history: a non-blank string
   * such as `user:alice@example.com` or `service:billing`. Default `process:<hostname>:<pid>`.
   * `client.as(actor)` gives a view of the client that writes as someone else.
   */
  actor?: string;
}

export interface IsEnabledOptions {
  /** The answer for a missing flag, or when the store fails; default false. */
  default?: boolean;
}

export interface CreateOptions {
  isEnabled?: boolean;
  clientData?: Record<string, unknown>;
}

export interface ListOptions {
  limit?: number;
  offset?: number;
}

export function resolveUnmatchedConditions(options: FeatureFlagClientOptions): UnmatchedConditions {
  const unmatched = options.unmatchedConditions ?? 'bucket';
  if (unmatched !== 'bucket' && unmatched !== 'enable') {
    throw new InvalidArgumentError(`unmatchedConditions must be 'bucket' or 'enable', got ${String(unmatched)}`);
  }
  return unmatched;
}

export function assertListOptions(options: ListOptions): void {
  for (const what of ['limit', 'offset'] as const) {
    const value: unknown = options[what];
    if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 0)) {
      throw new InvalidArgumentError(`list ${what} must be a non-negative integer, got ${String(value)}`);
    }
  }
}
