/**
 * Every example of the Python library's README (../shared/seed), in TypeScript, with the
 * answers the README gives — the bucketing part.
 */
import { describe, expect, it } from '@jest/globals';
import { Condition, ConsistentHashPercentageBucketer, LinearRampPercentage, Percentage, PercentageBucketer } from '../src/index.js';
import { newClient, observedRate } from './support/seed.js';

describe('Bucketing', () => {
  it('random assignment: a 50% split', async () => {
    const features = newClient();
    const flag = await features.create('HOMEPAGE_AB_TEST');
    await flag.setBucketer(new PercentageBucketer({ percentage: new Percentage(0.5) }));
    await flag.enable();
    const rate = await observedRate(flag, 20_000);
    expect(rate).toBeGreaterThan(0.47);
    expect(rate).toBeLessThan(0.53);
  });

  it('consistent assignment: user 1 always in (0.48), user 2 always out (0.94)', async () => {
    const features = newClient();
    const flag = await features.create('HOMEPAGE_AB_TEST');
    await flag.setBucketer(
      new ConsistentHashPercentageBucketer({ keyWhitelist: ['user_id'], percentage: new Percentage(0.5) }),
    );
    await flag.enable();
    for (let i = 0; i < 5; i++) {
      expect(await flag.isEnabled({ user_id: 1 })).toBe(true);
      expect(await flag.isEnabled({ user_id: 2 })).toBe(false);
    }
  });

  it('combining with conditions: conditions take precedence', async () => {
    const features = newClient();
    const flag = await features.create('HOMEPAGE_AB_TEST');
    await flag.enable();
    await flag.addCondition(new Condition({ is_admin: true }));
    await flag.setBucketer(
      new ConsistentHashPercentageBucketer({ keyWhitelist: ['user_id'], percentage: new Percentage(0.5) }),
    );
    expect(await flag.isEnabled({ user_id: 2 })).toBe(false);
    expect(await flag.isEnabled({ user_id: 2, is_admin: true })).toBe(true);
    expect(await flag.isEnabled({ user_id: 1 })).toBe(true);
    expect(await flag.isEnabled({ user_id: 1, is_admin: false })).toBe(false);
  });

  it('key whitelists: only user_id is hashed', async () => {
    const features = newClient();
    const flag = await features.create('HOMEPAGE_AB_TEST');
    await flag.enable();
    await flag.setBucketer(
      new ConsistentHashPercentageBucketer({ keyWhitelist: ['user_id'], percentage: new Percentage(0.5) }),
    );
    expect(await flag.isEnabled({ user_id: 1, number_of_horses_owned: 9001 })).toBe(true);
    expect(await flag.isEnabled({ user_id: 2, number_of_horses_owned: 1 })).toBe(false);
  });

  it('ramping percentages over time: 20% to 80% over 30 minutes', async () => {
    let now = 1_700_000_000;
    let draw = 0;
    const features = newClient();
    const flag = await features.create('HOMEPAGE_AB_TEST');
    const ramp = new LinearRampPercentage({ initialValue: 0.2, finalValue: 0.8, rampDuration: 1800, clock: () => now });
    // A deterministic draw sweeping [0, 1) shows the share of traffic let in at each moment.
    await flag.setBucketer(new PercentageBucketer({ percentage: ramp, random: () => (draw++ % 100) / 100 }));
    await flag.enable();
    const share = async () => {
      let on = 0;
      for (let i = 0; i < 100; i++) if (await flag.isEnabled()) on++;
      return on / 100;
    };
    expect(ramp.value).toBeCloseTo(0.2, 10);
    expect(await share()).toBeCloseTo(0.21, 10); // draws 0.00 … 0.20 are <= 0.2
    now += 600;
    expect(ramp.value).toBeCloseTo(0.4, 10);
    expect(await share()).toBeCloseTo(0.41, 10);
    now += 600;
    expect(ramp.value).toBeCloseTo(0.6, 10);
    now += 600;
    expect(ramp.value).toBeCloseTo(0.8, 10);
    now += 6000;
    expect(ramp.value).toBeCloseTo(0.8, 10);
  });

  it('a ramp works with the consistent-hash bucketer as well', async () => {
    let now = 1_700_000_000;
    const features = newClient();
    const flag = await features.create('RAMPED');
    await flag.enable();
    await flag.setBucketer(
      new ConsistentHashPercentageBucketer({
        keyWhitelist: ['user_id'],
        percentage: new LinearRampPercentage({ initialValue: 0, finalValue: 1, rampDuration: 100, clock: () => now }),
      }),
    );
    expect(await flag.isEnabled({ user_id: 1 })).toBe(false); // share 0: nobody
    now += 50;
    expect(await flag.isEnabled({ user_id: 1 })).toBe(true); // share 0.5 >= 0.48
    expect(await flag.isEnabled({ user_id: 2 })).toBe(false); // 0.94
    now += 50;
    expect(await flag.isEnabled({ user_id: 2 })).toBe(true);
  });
});
