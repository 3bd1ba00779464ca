import {
  Condition,
  ConsistentHashPercentageBucketer,
  FeatureFlagClient,
  MemoryFeatureFlagStore,
  Percentage,
} from '@flipper-client/core';
import { OpenFeature, ProviderEvents } from '@openfeature/server-sdk';
import { FlipperProvider } from '@flipper-client/openfeature';

export async function quickStart() {
  // Any flipper store works here: memory, Redis, Consul, S3, Thrift, cached, replicated.
  const features = new FeatureFlagClient(new MemoryFeatureFlagStore());
  await features.create('NEW_CHECKOUT', { isEnabled: true, clientData: { owner: 'payments' } });
  await features.addCondition('NEW_CHECKOUT', new Condition({ is_beta_tester: true }));
  await features.setBucketer(
    'NEW_CHECKOUT',
    new ConsistentHashPercentageBucketer({ keyWhitelist: ['user_id'], percentage: new Percentage(0.5) }),
  );

  // The targeting key becomes the `user_id` check, here as a number so that users land in the
  // same buckets as in Python services passing integer ids; other attributes are checks too.
  await OpenFeature.setProviderAndWait(new FlipperProvider(features, { targetingKeyValue: Number }));
  const flags = OpenFeature.getClient();

  const changed: string[] = [];
  flags.addHandler(ProviderEvents.ConfigurationChanged, (event) => {
    changed.push(...(event?.flagsChanged ?? []));
  });

  // A beta tester: the condition decides.
  const beta = await flags.getBooleanDetails('NEW_CHECKOUT', false, { targetingKey: '2', is_beta_tester: true });
  // -> { value: true, reason: 'TARGETING_MATCH', flagMetadata: { owner: 'payments' } }

  // Anyone else: the 50% rollout decides, user 1 is in, user 2 is out.
  const one = await flags.getBooleanDetails('NEW_CHECKOUT', false, { targetingKey: '1' });
  // -> { value: true, reason: 'SPLIT' }
  const two = await flags.getBooleanDetails('NEW_CHECKOUT', true, { targetingKey: '2' });
  // -> { value: false, reason: 'SPLIT' }

  // Switching the flag off is announced to OpenFeature handlers as a configuration change.
  await features.disable('NEW_CHECKOUT');
  const off = await flags.getBooleanDetails('NEW_CHECKOUT', true, { targetingKey: '2', is_beta_tester: true });
  // -> { value: false, reason: 'DISABLED' }; changed: ['NEW_CHECKOUT']

  // Flipper flags are boolean; a missing flag gives your default.
  const missing = await flags.getBooleanDetails('NO_SUCH_FLAG', true);
  // -> { value: true, reason: 'ERROR', errorCode: 'FLAG_NOT_FOUND' }

  await OpenFeature.close();
  return { beta, one, two, off, missing, changed };
}
