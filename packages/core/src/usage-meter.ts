import type { FlagUsageDelta } from './usage.js';

/** Attribute values a metric point carries, as OpenTelemetry's `Attributes` accept them. */
export type MetricAttributes = Readonly<Record<string, string | number | boolean>>;

/** The part of an OpenTelemetry `Counter` the client uses. */
export interface MetricCounter {
  add(value: number, attributes?: MetricAttributes): void;
}

/**
 * The part of an OpenTelemetry `Meter` (`@opentelemetry/api`) the client uses. Declared here, by
 * shape, so that the core depends on no package: a `Meter` from `metrics.getMeter(...)` fits.
 */
export interface UsageMeter {
  createCounter(name: string, options?: { description?: string; unit?: string }): MetricCounter;
}

/**
 * The OpenTelemetry semantic conventions for feature flags define the `feature_flag.evaluation`
 * event and its attributes but no metric: the counter's name follows the metric naming rules
 * (a namespace, a countable unit in braces); every attribute is one of the conventions'.
 */
export const EVALUATION_COUNTER = 'feature_flag.evaluations';
export const ATTRIBUTE_KEY = 'feature_flag.key';
export const ATTRIBUTE_PROVIDER = 'feature_flag.provider.name';
export const ATTRIBUTE_VALUE = 'feature_flag.result.value';
export const ATTRIBUTE_VARIANT = 'feature_flag.result.variant';
export const ATTRIBUTE_REASON = 'feature_flag.result.reason';
/** The provider's name, as the OpenFeature provider of this library calls itself. */
export const PROVIDER_NAME = 'flipper';

/**
 * Adds each flush's counts to one OpenTelemetry counter: the hot path counts into the client's
 * own tally and this runs once per flush, so a meter costs an evaluation nothing. On and off
 * carry the answer as `feature_flag.result.value` and `feature_flag.result.variant` (`on`/`off`,
 * the variants the OpenFeature mapping uses); a default answer carries
 * `feature_flag.result.reason: 'default'`.
 */
export class UsageMetricExporter {
  private readonly counter: MetricCounter;

  constructor(meter: UsageMeter) {
    this.counter = meter.createCounter(EVALUATION_COUNTER, {
      description: 'Feature flag evaluations by flag and result',
      unit: '{evaluation}',
    });
  }

  export(deltas: readonly FlagUsageDelta[]): void {
    for (const delta of deltas) {
      const base = { [ATTRIBUTE_KEY]: delta.featureName, [ATTRIBUTE_PROVIDER]: PROVIDER_NAME };
      if (delta.on > 0) this.counter.add(delta.on, { ...base, [ATTRIBUTE_VALUE]: true, [ATTRIBUTE_VARIANT]: 'on' });
      if (delta.off > 0) this.counter.add(delta.off, { ...base, [ATTRIBUTE_VALUE]: false, [ATTRIBUTE_VARIANT]: 'off' });
      if (delta.default > 0) this.counter.add(delta.default, { ...base, [ATTRIBUTE_REASON]: 'default' });
    }
  }
}
