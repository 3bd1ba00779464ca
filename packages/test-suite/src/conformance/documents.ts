import { describe, expect, it } from '@jest/globals';
import {
  Condition,
  ConsistentHashPercentageBucketer,
  LinearRampPercentage,
  NoOpBucketer,
  Percentage,
  PercentageBucketer,
  type Bucketer,
} from '@flipper-client/core';
import { encodeDocument, FeatureFlagMeta } from '@flipper-client/core/store';
import type { ConformanceContext } from './context.js';

const CONDITIONS: Record<string, Condition> = {
  equality: new Condition({ is_admin: true }),
  gt: new Condition({ horses__gt: 9000 }),
  gte: new Condition({ age__gte: 18.5 }),
  lt: new Condition({ age__lt: 65 }),
  lte: new Condition({ score__lte: -3 }),
  ne: new Condition({ location__ne: 'city' }),
  in: new Condition({ plan__in: ['pro', 'team', null, 1] }),
  not_in: new Condition({ country__not_in: 'FRDE' }),
  nested: new Condition({ profile: { tags: ['a', { deep: [1, 2.5, 'ü'] }] } }),
  several: new Condition({ age__gte: 18, age__lt: 65, 'név ü': 'x' }),
};

const BUCKETERS: Record<string, Bucketer> = {
  noop: new NoOpBucketer(),
  random: new PercentageBucketer({ percentage: new Percentage(0.1) }),
  'random 0': new PercentageBucketer({ percentage: new Percentage(0) }),
  'consistent hash': new ConsistentHashPercentageBucketer({ keyWhitelist: ['user_id'], percentage: new Percentage(0.5) }),
  'consistent hash, no whitelist': new ConsistentHashPercentageBucketer({ percentage: new Percentage(1) }),
  'linear ramp': new PercentageBucketer({
    percentage: new LinearRampPercentage({ initialValue: 0.2, finalValue: 0.8, rampDuration: 1800, initialTime: 1_700_000_000 }),
  }),
  'consistent hash on a ramp': new ConsistentHashPercentageBucketer({
    keyWhitelist: ['org_id', 'user_id'],
    percentage: new LinearRampPercentage({ initialValue: 0, finalValue: 1, rampDuration: 0, initialTime: 1_600_000_000 }),
  }),
};

/** Every condition operator and every bucketer survives the store unchanged, byte for byte. */
export function registerDocumentTests(ctx: ConformanceContext): void {
  describe('documents', () => {
    it.each(Object.entries(CONDITIONS))('round-trips a %s condition', async (_label, condition) => {
      await ctx.store.create('COND', { isEnabled: true });
      const meta = new FeatureFlagMeta({ createdDate: 1_700_000_001, conditions: [condition] });
      await ctx.store.setMeta('COND', meta);
      const read = await ctx.store.get('COND');
      expect(read?.meta.toJSON()).toEqual(meta.toJSON());
      expect(encodeDocument(read!)).toBe(encodeDocument((await ctx.store.get('COND'))!));
      expect(read!.meta.conditions[0]!.toJSON()).toEqual(condition.toJSON());
    });

    it.each(Object.entries(BUCKETERS))('round-trips a %s bucketer', async (_label, bucketer) => {
      await ctx.store.create('BUCKET', { isEnabled: true });
      const meta = new FeatureFlagMeta({ createdDate: 1_700_000_002, bucketer });
      await ctx.store.setMeta('BUCKET', meta);
      const read = await ctx.store.get('BUCKET');
      expect(read?.meta.bucketer.toJSON()).toEqual(bucketer.toJSON());
      expect(read?.meta.bucketer.type).toBe(bucketer.type);
    });

    it('keeps several conditions, in order, with a bucketer and client data', async () => {
      await ctx.store.create('ALL', { isEnabled: true, clientData: { owner: 'ops', limits: { rps: 10 } } });
      const conditions = Object.values(CONDITIONS);
      await ctx.store.update('ALL', (item) =>
        item.withMeta(item.meta.with({ conditions, bucketer: BUCKETERS['consistent hash']! })),
      );
      const read = await ctx.store.get('ALL');
      expect(read?.meta.conditions.map((condition) => condition.toJSON())).toEqual(conditions.map((c) => c.toJSON()));
      expect(read?.clientData()).toEqual({ owner: 'ops', limits: { rps: 10 } });
      // Evaluation of the stored flag matches the flag that was written.
      expect(read?.evaluate({ is_admin: true, horses: 9001, age: 30, score: -3, location: 'town' })).toBe(true);
      expect(read?.evaluate({ is_admin: false })).toBe(false);
    });
  });
}
