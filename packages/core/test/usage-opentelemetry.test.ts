import { describe, expect, it } from '@jest/globals';
import type { Meter } from '@opentelemetry/api';
import { MeterProvider, MetricReader, type DataPoint } from '@opentelemetry/sdk-metrics';
import { FeatureFlagClient, MemoryFeatureFlagStore, type ErrorEvent, type UsageMeter } from '../src/index.js';
import { withoutLocalCopy } from './support/failing-store.js';

/** A pull reader: the test collects when it wants to look. */
class CollectingReader extends MetricReader {
  protected override async onShutdown(): Promise<void> {}
  protected override async onForceFlush(): Promise<void> {}
}

async function evaluationPoints(reader: MetricReader): Promise<DataPoint<number>[]> {
  const { resourceMetrics } = await reader.collect();
  const metrics = resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics);
  const counter = metrics.find((metric) => metric.descriptor.name === 'feature_flag.evaluations');
  return (counter?.dataPoints ?? []) as DataPoint<number>[];
}

function meterWithReader(): { meter: Meter; reader: CollectingReader; provider: MeterProvider } {
  const reader = new CollectingReader();
  const provider = new MeterProvider({ readers: [reader] });
  return { meter: provider.getMeter('flipper-test'), reader, provider };
}

describe('OpenTelemetry export of usage counts', () => {
  it('adds each flush to a counter with the attributes of the feature-flag semantic conventions', async () => {
    const { meter, reader, provider } = meterWithReader();
    // A Meter of @opentelemetry/api is a UsageMeter as it is: no adapter.
    const usageMeter: UsageMeter = meter;
    const features = new FeatureFlagClient(new MemoryFeatureFlagStore(), { usage: { meter: usageMeter } });
    await features.create('ON', { isEnabled: true });
    await features.create('OFF');
    for (let i = 0; i < 3; i++) await features.isEnabled('ON');
    features.isEnabledSync('OFF');
    await features.isEnabled('MISSING');
    expect(await evaluationPoints(reader)).toEqual([]);

    await features.flushUsage();
    await features.isEnabled('ON');
    await features.close();

    const points = await evaluationPoints(reader);
    const byAttributes = points.map((point) => ({ attributes: point.attributes, value: point.value }));
    expect(byAttributes).toEqual(
      expect.arrayContaining([
        {
          attributes: {
            'feature_flag.key': 'ON',
            'feature_flag.provider.name': 'flipper',
            'feature_flag.result.value': true,
            'feature_flag.result.variant': 'on',
          },
          value: 4,
        },
        {
          attributes: {
            'feature_flag.key': 'OFF',
            'feature_flag.provider.name': 'flipper',
            'feature_flag.result.value': false,
            'feature_flag.result.variant': 'off',
          },
          value: 1,
        },
        {
          attributes: { 'feature_flag.key': 'MISSING', 'feature_flag.provider.name': 'flipper', 'feature_flag.result.reason': 'default' },
          value: 1,
        },
      ]),
    );
    expect(points).toHaveLength(3);
    await provider.shutdown();
  });

  it('exports to the meter when the store keeps no usage, and reports a meter that throws', async () => {
    const { meter, reader, provider } = meterWithReader();
    const features = new FeatureFlagClient(withoutLocalCopy(new MemoryFeatureFlagStore()), { usage: { meter } });
    await features.create('ON', { isEnabled: true });
    await features.isEnabled('ON');
    await features.close();
    expect((await evaluationPoints(reader)).map((point) => point.value)).toEqual([1]);
    await provider.shutdown();

    const broken: UsageMeter = {
      createCounter: () => ({
        add: () => {
          throw new Error('exporter gone');
        },
      }),
    };
    const store = new MemoryFeatureFlagStore();
    const failing = new FeatureFlagClient(store, { usage: { meter: broken } });
    const errors: ErrorEvent[] = [];
    failing.events.on('error', (event) => errors.push(event));
    await failing.create('ON', { isEnabled: true });
    await failing.isEnabled('ON');
    await expect(failing.close()).resolves.toBeUndefined();
    expect(errors.map((event) => event.error.message)).toEqual([expect.stringContaining('exporter gone')]);
    // The store still got its counts.
    expect((await store.readUsage())[0]?.total.on).toBe(1);
  });
});
