// A TypeScript consumer, compiled in three settings (node16 CommonJS, node16 ES module, bundler):
// the README's Quickstart through the OpenFeature provider, over a store replicated to a replica
// that lacks the flag. The replicated store repairs such a replica only when it recognises the
// replica's FlagDoesNotExistError as its own core's class: it does when every package shares the
// consumer's copy of the core, and does not when a process holds two copies.
import {
  Condition,
  ConsistentHashPercentageBucketer,
  FeatureFlagClient,
  FlagDoesNotExistError,
  MemoryFeatureFlagStore,
  Percentage,
} from '@flipper-client/core';
import type { FeatureFlagStore } from '@flipper-client/core/store';
import { FlipperProvider } from '@flipper-client/openfeature';
import { CachedFeatureFlagStore } from '@flipper-client/store-cached';
import { ReplicatedFeatureFlagStore } from '@flipper-client/store-replicated';
import { OpenFeature } from '@openfeature/server-sdk';
import type { EntryPoints } from './entry-points.js';

export type EveryEntryPoint = EntryPoints;

async function main(): Promise<void> {
  const primary = new MemoryFeatureFlagStore();
  await primary.create('MY_FEATURE');
  const replica = new MemoryFeatureFlagStore();
  const replicated = new ReplicatedFeatureFlagStore(primary, [replica], { asynch: false });
  const store: FeatureFlagStore = new CachedFeatureFlagStore(replicated);
  const features = new FeatureFlagClient(store);
  await features.enable('MY_FEATURE');
  const flag = await features.create('HOMEPAGE_AB_TEST', { isEnabled: true });
  await flag.setBucketer(new ConsistentHashPercentageBucketer({ keyWhitelist: ['user_id'], percentage: new Percentage(0.5) }));
  await flag.addCondition(new Condition({ is_admin: true }));

  let writeToMissingFlag = 'resolved';
  try {
    await features.enable('NO_SUCH_FLAG');
  } catch (error) {
    writeToMissingFlag = error instanceof FlagDoesNotExistError ? 'FlagDoesNotExistError' : String(error);
  }

  await OpenFeature.setProviderAndWait(new FlipperProvider(features, { targetingKeyValue: Number }));
  const flags = OpenFeature.getClient();
  const answers = {
    myFeature: await features.isEnabled('MY_FEATURE'),
    myFeatureOnReplica: (await replica.get('MY_FEATURE'))?.enabled ?? 'missing',
    user1: await flag.isEnabled({ user_id: 1 }),
    user2: await flag.isEnabled({ user_id: 2 }),
    user2Admin: await flag.isEnabled({ user_id: 2, is_admin: true }),
    writeToMissingFlag,
    openFeatureUser1: (await flags.getBooleanDetails('HOMEPAGE_AB_TEST', false, { targetingKey: '1' })).value,
  };
  await OpenFeature.close();
  process.stdout.write(`${JSON.stringify(answers)}\n`);
}

void main();
