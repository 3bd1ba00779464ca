import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  Condition,
  ConsistentHashPercentageBucketer,
  FeatureFlagClient,
  LinearRampPercentage,
  MemoryFeatureFlagStore,
  Percentage,
  PercentageBucketer,
} from '@flipper-client/core';
import { FlipperProvider } from '@flipper-client/openfeature';
import { OFREPProvider } from '@openfeature/ofrep-provider';
import { OpenFeature, type Client, type EvaluationContext } from '@openfeature/server-sdk';
import { ALL_KEY, startOfrep, validatingFetch, type RunningOfrep } from './support/ofrep-server.js';

/*
 * The published Node provider (@openfeature/ofrep-provider with @openfeature/server-sdk) against
 * the server, beside the in-process provider over the same client: the same value, reason and
 * variant for every flag and context; every answer it got valid against the OpenAPI document.
 */
let server: RunningOfrep;
let remote: Client;
let local: Client;
const problems: string[] = [];

beforeAll(async () => {
  const features = new FeatureFlagClient(new MemoryFeatureFlagStore());
  await features.create('plain', { isEnabled: true });
  await features.create('off');
  const admins = await features.create('admins', { isEnabled: true, clientData: { owner: 'secret-team' } });
  await admins.addCondition(new Condition({ is_admin: true }));
  await admins.addCondition(new Condition({ 'account.plan__in': ['pro', 'enterprise'] }));
  const half = await features.create('half', { isEnabled: true });
  await half.setBucketer(new ConsistentHashPercentageBucketer({ keyWhitelist: ['user_id'], percentage: new Percentage(0.5) }));
  const nobody = await features.create('nobody', { isEnabled: true });
  await nobody.setBucketer(new PercentageBucketer({ percentage: new Percentage(0) }));
  const ramp = await features.create('ramp', { isEnabled: true });
  await ramp.setBucketer(
    new ConsistentHashPercentageBucketer({
      keyWhitelist: ['user_id'],
      percentage: new LinearRampPercentage({ initialValue: 0.2, finalValue: 0.8, rampDuration: 10 * 365 * 86_400, initialTime: Math.floor(Date.now() / 1000) - 5 * 365 * 86_400 }),
    }),
  );
  server = await startOfrep({ client: features });
  await OpenFeature.setProviderAndWait('remote', new OFREPProvider({ baseUrl: server.base, headers: [['Authorization', `Bearer ${ALL_KEY}`]], fetchImplementation: validatingFetch(problems) }));
  await OpenFeature.setProviderAndWait('local', new FlipperProvider(features));
  remote = OpenFeature.getClient('remote');
  local = OpenFeature.getClient('local');
});

afterAll(async () => {
  await OpenFeature.close();
  await server?.stop();
});

const contexts: EvaluationContext[] = [
  {},
  { targetingKey: 'user-1' },
  { targetingKey: 'user-2', is_admin: true },
  { targetingKey: 'user-3', is_admin: false },
  { targetingKey: 'user-4', account: { plan: 'pro' } },
  { targetingKey: 'user-5', account: { plan: 'free' }, is_admin: true },
  ...Array.from({ length: 30 }, (_, i) => ({ targetingKey: `rollout-${i}` })),
];

describe('the published OFREP Node provider', () => {
  it('gets the in-process provider’s value, reason and variant for every flag and context', async () => {
    let compared = 0;
    const halfAnswers = new Set<boolean>();
    for (const flag of ['plain', 'off', 'admins', 'half', 'nobody', 'ramp']) {
      for (const context of contexts) {
        const over = await remote.getBooleanDetails(flag, !(await local.getBooleanValue(flag, false, context)), context);
        const here = await local.getBooleanDetails(flag, false, context);
        expect([flag, context, over.value, over.reason, over.variant, over.errorCode]).toEqual([flag, context, here.value, here.reason, here.variant, undefined]);
        expect(over.flagMetadata).toEqual({ 'flipper.rule': here.flagMetadata['flipper.rule'] });
        if (flag === 'half') halfAnswers.add(over.value);
        compared++;
      }
    }
    expect(compared).toBe(6 * contexts.length);
    expect(halfAnswers).toEqual(new Set([true, false]));
    expect(problems).toEqual([]);
  });

  it('never carries the flag’s client data, conditions or bucketer', async () => {
    const answer = await server.call('POST', '/ofrep/v1/evaluate/flags/admins', { json: { context: { targetingKey: 'u', is_admin: true } } });
    expect(answer.body).toEqual({ key: 'admins', value: true, reason: 'TARGETING_MATCH', variant: 'on', metadata: { 'flipper.rule': 'conditions_matched' } });
    expect(answer.text).not.toMatch(/secret-team|enterprise|is_admin|percentage/);
  });

  it('answers FLAG_NOT_FOUND for a missing flag, with the default', async () => {
    const details = await remote.getBooleanDetails('missing', true, { targetingKey: 'u' });
    expect(details).toMatchObject({ value: true, errorCode: 'FLAG_NOT_FOUND' });
    expect(problems).toEqual([]);
  });
});
