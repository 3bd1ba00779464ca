import { describe, expect, it } from '@jest/globals';
import {
  Condition,
  ConsistentHashPercentageBucketer,
  FeatureFlagClient,
  FlagDoesNotExistError,
  Percentage,
} from '@flipper-client/core';
import { collect } from '../collect.js';
import type { ConformanceContext } from './context.js';

/** The seed's walk-through, through a client on this store. */
export function registerClientTests(ctx: ConformanceContext): void {
  describe('client on this store', () => {
    it('creates, enables, evaluates conditions and buckets, and destroys', async () => {
      const features = new FeatureFlagClient(ctx.store);
      await features.create('HOMEPAGE_AB_TEST');
      expect(await features.isEnabled('HOMEPAGE_AB_TEST')).toBe(false);
      await features.enable('HOMEPAGE_AB_TEST');
      expect(await features.isEnabled('HOMEPAGE_AB_TEST')).toBe(true);
      await features.addCondition('HOMEPAGE_AB_TEST', new Condition({ is_admin: true }));
      await features.setBucketer(
        'HOMEPAGE_AB_TEST',
        new ConsistentHashPercentageBucketer({ keyWhitelist: ['user_id'], percentage: new Percentage(0.5) }),
      );
      // Buckets from the seed documentation: user 1 scores 0.48, user 2 scores 0.94.
      expect(await features.isEnabled('HOMEPAGE_AB_TEST', { user_id: 1 })).toBe(true);
      expect(await features.isEnabled('HOMEPAGE_AB_TEST', { user_id: 2 })).toBe(false);
      expect(await features.isEnabled('HOMEPAGE_AB_TEST', { user_id: 2, is_admin: true })).toBe(true);
      expect(await features.isEnabled('HOMEPAGE_AB_TEST', { user_id: 1, is_admin: false })).toBe(false);
      await features.setClientData('HOMEPAGE_AB_TEST', { ttl: 3600 });
      await features.setClientData('HOMEPAGE_AB_TEST', { owner: 'growth' });
      expect(await features.getClientData('HOMEPAGE_AB_TEST')).toEqual({ ttl: 3600, owner: 'growth' });
      expect((await collect(features.list())).map((flag) => flag.name)).toEqual(['HOMEPAGE_AB_TEST']);
      await features.destroy('HOMEPAGE_AB_TEST');
      expect(await features.exists('HOMEPAGE_AB_TEST')).toBe(false);
      expect(await features.isEnabled('HOMEPAGE_AB_TEST', {}, { default: true })).toBe(true);
    });

    it('rejects writes to a missing flag with FlagDoesNotExistError and writes nothing', async () => {
      const features = new FeatureFlagClient(ctx.store);
      await expect(features.enable('GHOST')).rejects.toBeInstanceOf(FlagDoesNotExistError);
      await expect(features.setClientData('GHOST', { a: 1 })).rejects.toBeInstanceOf(FlagDoesNotExistError);
      await expect(features.addCondition('GHOST', new Condition({ a: 1 }))).rejects.toBeInstanceOf(FlagDoesNotExistError);
      await expect(features.destroy('GHOST')).rejects.toBeInstanceOf(FlagDoesNotExistError);
      expect(await ctx.store.get('GHOST')).toBeUndefined();
    });
  });
}
