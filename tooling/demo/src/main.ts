/**
 * The seed documentation's scenarios, run for real on the in-memory store through the public
 * API of @flipper-client/core, with what each call returned.
 */
import {
  Condition,
  ConsistentHashPercentageBucketer,
  FeatureFlagClient,
  LinearRampPercentage,
  MemoryFeatureFlagStore,
  Percentage,
  PercentageBucketer,
} from '@flipper-client/core';
import { StepTable } from './table.js';

const table = new StepTable();
const features = new FeatureFlagClient(new MemoryFeatureFlagStore());

// Quickstart: a flag is created off, then switched on for everyone.
await features.create('MY_FEATURE');
table.add('quickstart', "isEnabled('MY_FEATURE') after create", await features.isEnabled('MY_FEATURE'));
await features.enable('MY_FEATURE');
table.add('quickstart', "isEnabled('MY_FEATURE') after enable", await features.isEnabled('MY_FEATURE'));
table.add('quickstart', "isEnabled('UNKNOWN', {}, { default: true })", await features.isEnabled('UNKNOWN', {}, { default: true }));

// Conditions: horse lovers, and owners of more than 9000 horses outside the city.
const horses = await features.create('FEATURE_IMPROVED_HORSE_SOUNDS', { isEnabled: true });
await horses.addCondition(new Condition({ is_horse_lover: true }));
await horses.addCondition(new Condition({ number_of_horses_owned__gt: 9000, location__ne: 'city' }));
for (const checks of [
  {},
  { is_horse_lover: true },
  { is_horse_lover: true, number_of_horses_owned: 8000 },
  { is_horse_lover: true, number_of_horses_owned: 9001, location: 'farm' },
  { location: 'city' },
]) {
  table.add('conditions', `isEnabled(${JSON.stringify(checks)})`, await horses.isEnabled(checks));
}

// Consistent assignment: the same user always lands in the same bucket (user 1: 0.48, user 2: 0.94).
const abTest = await features.create('HOMEPAGE_AB_TEST', { isEnabled: true });
await abTest.setBucketer(new ConsistentHashPercentageBucketer({ keyWhitelist: ['user_id'], percentage: new Percentage(0.5) }));
for (const userId of [1, 2]) {
  table.add('50% consistent hash', `isEnabled({ user_id: ${userId} }) x3`, await Promise.all([1, 2, 3].map(() => abTest.isEnabled({ user_id: userId }))));
}
await abTest.addCondition(new Condition({ is_admin: true }));
table.add('conditions + bucketer', 'isEnabled({ user_id: 2, is_admin: true })', await abTest.isEnabled({ user_id: 2, is_admin: true }));
table.add('conditions + bucketer', 'isEnabled({ user_id: 1, is_admin: false })', await abTest.isEnabled({ user_id: 1, is_admin: false }));

// Random assignment: a 10% share, observed over many calls.
const canary = await features.create('CANARY', { isEnabled: true });
await canary.setBucketer(new PercentageBucketer({ percentage: new Percentage(0.1) }));
const draws = 100_000;
let enabled = 0;
for (let i = 0; i < draws; i++) if (await canary.isEnabled()) enabled++;
table.add('random 10%', `share of ${draws.toLocaleString('en-US')} calls enabled`, `${((enabled / draws) * 100).toFixed(2)} %`);

// A linear ramp from 20% to 80% over 30 minutes, read at 10-minute steps on a demo clock.
let now = Math.floor(Date.now() / 1000);
const ramp = new LinearRampPercentage({ initialValue: 0.2, finalValue: 0.8, rampDuration: 1800, clock: () => now });
const ramped = await features.create('RAMPED_ROLLOUT', { isEnabled: true });
await ramped.setBucketer(new PercentageBucketer({ percentage: ramp }));
for (const minutes of [0, 10, 20, 30, 40]) {
  let on = 0;
  for (let i = 0; i < 20_000; i++) if (await ramped.isEnabled()) on++;
  table.add('linear ramp 20%→80%', `after ${minutes} min: share / observed`, `${(ramp.value * 100).toFixed(0)} % / ${((on / 20_000) * 100).toFixed(1)} %`);
  now += 600;
}

// Client data: merged on write, returned with the rest of the metadata.
await features.setClientData('MY_FEATURE', { owner: 'growth-team' });
await features.setClientData('MY_FEATURE', { ttl: 3600 });
table.add('client data', "getClientData('MY_FEATURE')", await features.getClientData('MY_FEATURE'));
const meta = await features.getMeta('MY_FEATURE');
table.add('client data', "getMeta('MY_FEATURE') keys", Object.keys(meta));

// List: every flag, in name order on the memory store.
const listed: string[] = [];
for await (const flag of features.list()) listed.push(`${flag.name}=${String(await flag.isEnabled())}`);
table.add('list', 'list()', listed.join(', '));
await features.destroy('MY_FEATURE');
table.add('destroy', "exists('MY_FEATURE') after destroy", await features.exists('MY_FEATURE'));

process.stdout.write(`${table.render()}\n`);
