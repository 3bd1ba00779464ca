import {
  Condition,
  ConsistentHashPercentageBucketer,
  type FeatureFlagClient,
  LinearRampPercentage,
  Percentage,
  PercentageBucketer,
} from '@flipper-client/core';

/** One flag of each kind the issue names: plain, conditions, percentage (0% and 100%), consistent hash, ramp. */
export const GRID_FLAGS = ['web.plain', 'web.off', 'web.conditions', 'web.nobody', 'web.everybody', 'web.half', 'web.ramp'] as const;

export async function createGridFlags(client: FeatureFlagClient): Promise<void> {
  await client.create('web.plain', { isEnabled: true });
  await client.create('web.off');
  const conditions = await client.create('web.conditions', { isEnabled: true });
  await conditions.addCondition(new Condition({ is_admin: true }));
  await conditions.addCondition(new Condition({ 'account.plan__in': ['pro', 'enterprise'], age__gte: 18 }));
  // A random draw is only comparable call by call at 0% and 100%.
  const nobody = await client.create('web.nobody', { isEnabled: true });
  await nobody.setBucketer(new PercentageBucketer({ percentage: new Percentage(0) }));
  const everybody = await client.create('web.everybody', { isEnabled: true });
  await everybody.setBucketer(new PercentageBucketer({ percentage: new Percentage(1) }));
  const half = await client.create('web.half', { isEnabled: true });
  await half.setBucketer(new ConsistentHashPercentageBucketer({ keyWhitelist: ['user_id'], percentage: new Percentage(0.5) }));
  // Half way through a ten-year ramp from 20% to 80%: ~50% now, and not moving across a bucket during a test.
  const ramp = await client.create('web.ramp', { isEnabled: true });
  await ramp.setBucketer(
    new ConsistentHashPercentageBucketer({
      keyWhitelist: ['user_id'],
      percentage: new LinearRampPercentage({ initialValue: 0.2, finalValue: 0.8, rampDuration: 10 * 365 * 86_400, initialTime: Math.floor(Date.now() / 1000) - 5 * 365 * 86_400 }),
    }),
  );
}

/** OpenFeature contexts: users alone, admins, accounts by plan and age, nested as a browser app sends them. */
export function gridContexts(users: number): Array<Record<string, unknown>> {
  const contexts: Array<Record<string, unknown>> = [{}];
  for (let i = 0; i < users; i++) {
    const base = { targetingKey: `user-${i}` };
    contexts.push(base, { ...base, is_admin: i % 2 === 0 }, { ...base, account: { plan: i % 3 === 0 ? 'pro' : 'free' }, age: 15 + i });
  }
  return contexts;
}

/** The checks `client.isEnabled` gets for a context: what the mapping's rule says, written out by hand. */
export function checksOf(context: Record<string, unknown>): Record<string, unknown> {
  const { targetingKey, account, ...rest } = context as { targetingKey?: string; account?: { plan: string } };
  return {
    ...rest,
    ...(account === undefined ? {} : { 'account.plan': account.plan }),
    ...(targetingKey === undefined ? {} : { user_id: targetingKey }),
  };
}
