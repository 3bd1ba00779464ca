import { describe, expect, it } from '@jest/globals';
import { Condition, MemoryFeatureFlagStore, Percentage, PercentageBucketer } from '@flipper-client/core';
import { ErrorCode, StandardResolutionReasons, type EvaluationContext } from '@openfeature/server-sdk';
import { resetOpenFeatureAfterEach, startProvider } from './support/harness.js';

const { SPLIT, TARGETING_MATCH, ERROR } = StandardResolutionReasons;

resetOpenFeatureAfterEach();

describe('evaluation context to checks', () => {
  it('passes the targeting key as the user_id check by default', async () => {
    const { features, flags } = await startProvider();
    await features.create('ALICE_ONLY', { isEnabled: true });
    await features.addCondition('ALICE_ONLY', new Condition({ user_id: 'alice' }));

    expect(await flags.getBooleanDetails('ALICE_ONLY', false, { targetingKey: 'alice' })).toMatchObject({ value: true, reason: TARGETING_MATCH });
    expect(await flags.getBooleanDetails('ALICE_ONLY', true, { targetingKey: 'bob' })).toMatchObject({ value: false, reason: TARGETING_MATCH });
  });

  it('passes the targeting key under the configured check name instead', async () => {
    const { features, flags } = await startProvider({ provider: { targetingKeyCheck: 'account_id' } });
    await features.create('ACME', { isEnabled: true });
    await features.addCondition('ACME', new Condition({ account_id: 'acme' }));
    await features.create('BY_USER', { isEnabled: true });
    await features.addCondition('BY_USER', new Condition({ user_id: 'someone-else' }));

    expect(await flags.getBooleanDetails('ACME', false, { targetingKey: 'acme' })).toMatchObject({ value: true, reason: TARGETING_MATCH });
    expect(await flags.getBooleanDetails('ACME', true, { targetingKey: 'globex' })).toMatchObject({ value: false, reason: TARGETING_MATCH });
    // No user_id check was given, so BY_USER's condition is not in play.
    expect(await flags.getBooleanDetails('BY_USER', false, { targetingKey: 'acme' })).toMatchObject({ value: true, reason: TARGETING_MATCH });
    expect((await flags.getBooleanDetails('BY_USER', false, { targetingKey: 'acme' })).flagMetadata).toEqual({ 'flipper.rule': 'no_rule_applied' });
  });

  it('lets the targeting key win over an attribute of the same name', async () => {
    const { features, flags } = await startProvider();
    await features.create('ALICE_ONLY', { isEnabled: true });
    await features.addCondition('ALICE_ONLY', new Condition({ user_id: 'alice' }));

    expect(await flags.getBooleanDetails('ALICE_ONLY', false, { targetingKey: 'alice', user_id: 'mallory' })).toMatchObject({ value: true });
    expect(await flags.getBooleanDetails('ALICE_ONLY', false, { user_id: 'alice' })).toMatchObject({ value: true });
  });

  it('turns the targeting key into the value targetingKeyValue gives, e.g. the integer ids of Python services', async () => {
    const store = new MemoryFeatureFlagStore();
    const asString = await startProvider({ store });
    await asString.features.create('SEVEN', { isEnabled: true });
    await asString.features.addCondition('SEVEN', new Condition({ user_id: 7 }));
    expect(await asString.flags.getBooleanDetails('SEVEN', true, { targetingKey: '7' })).toMatchObject({ value: false, reason: TARGETING_MATCH });

    const asNumber = await startProvider({ store, provider: { targetingKeyValue: Number } });
    expect(await asNumber.flags.getBooleanDetails('SEVEN', false, { targetingKey: '7' })).toMatchObject({ value: true, reason: TARGETING_MATCH });
  });

  it('passes every other attribute as a check of the same name', async () => {
    const { features, flags } = await startProvider();
    await features.create('ADULTS_NEAR_BY', { isEnabled: true });
    await features.addCondition('ADULTS_NEAR_BY', new Condition({ age__gte: 18, country__in: ['NL', 'BE'], beta: true }));

    const base = { targetingKey: 'u1', age: 30, country: 'NL', beta: true };
    expect((await flags.getBooleanDetails('ADULTS_NEAR_BY', false, base)).value).toBe(true);
    expect((await flags.getBooleanDetails('ADULTS_NEAR_BY', true, { ...base, age: 17 })).value).toBe(false);
    expect((await flags.getBooleanDetails('ADULTS_NEAR_BY', true, { ...base, country: 'FR' })).value).toBe(false);
    expect((await flags.getBooleanDetails('ADULTS_NEAR_BY', true, { ...base, beta: false })).value).toBe(false);
  });

  it('passes Dates as ISO 8601 strings in UTC, at any depth, as JSON would carry them', async () => {
    const { features, flags } = await startProvider();
    await features.create('EARLY_BIRDS', { isEnabled: true });
    await features.addCondition('EARLY_BIRDS', new Condition({ signed_up__lt: '2024-01-01' }));
    await features.create('EXACT', { isEnabled: true });
    await features.addCondition('EXACT', new Condition({ 'profile.joined': '2024-03-01T12:00:00.000Z', 'profile.tiers': ['gold', '2025-01-01T00:00:00.000Z'] }));
    await features.create('NEVER_RENEWED', { isEnabled: true });
    await features.addCondition('NEVER_RENEWED', new Condition({ renewed: null }));

    expect((await flags.getBooleanDetails('EARLY_BIRDS', false, { signed_up: new Date(Date.UTC(2023, 5, 1)) })).value).toBe(true);
    expect((await flags.getBooleanDetails('EARLY_BIRDS', true, { signed_up: new Date(Date.UTC(2024, 5, 1)) })).value).toBe(false);
    const profile = { joined: new Date('2024-03-01T13:00:00+01:00'), tiers: ['gold', new Date(Date.UTC(2025, 0, 1))] };
    expect(await flags.getBooleanDetails('EXACT', false, { profile })).toMatchObject({ value: true, reason: TARGETING_MATCH });
    expect(await flags.getBooleanDetails('EXACT', true, { profile: { ...profile, joined: new Date(0) } })).toMatchObject({ value: false, reason: TARGETING_MATCH });
    // An invalid Date is what JSON makes of it: null.
    expect((await flags.getBooleanDetails('NEVER_RENEWED', false, { renewed: new Date('not a date') })).value).toBe(true);
  });

  it('flattens nested attributes into dotted check names, and refuses two attributes that give the same name', async () => {
    const { features, flags } = await startProvider();
    await features.create('PRO_IN_NL', { isEnabled: true });
    await features.addCondition('PRO_IN_NL', new Condition({ 'account.plan': 'pro', 'account.address.country': 'NL' }));

    const account = { plan: 'pro', address: { country: 'NL', city: 'Delft' } };
    expect(await flags.getBooleanDetails('PRO_IN_NL', false, { account })).toMatchObject({ value: true, reason: TARGETING_MATCH });
    expect((await flags.getBooleanDetails('PRO_IN_NL', true, { account: { ...account, plan: 'free' } })).value).toBe(false);
    // The object itself is no check: a condition on "account" is not in play.
    await features.create('WHOLE', { isEnabled: true });
    await features.addCondition('WHOLE', new Condition({ account: { plan: 'free' } }));
    expect(await flags.getBooleanDetails('WHOLE', false, { account })).toMatchObject({ value: true, reason: TARGETING_MATCH });
    expect((await flags.getBooleanDetails('WHOLE', false, { account })).flagMetadata).toMatchObject({ 'flipper.rule': 'no_rule_applied' });

    const clash = await flags.getBooleanDetails('PRO_IN_NL', true, { 'account.plan': 'free', account: { plan: 'pro' } });
    expect(clash).toMatchObject({ value: true, reason: ERROR, errorCode: ErrorCode.INVALID_CONTEXT });
    expect(clash.errorMessage).toMatch(/gives the check "account.plan", which another attribute gives too/);
  });

  it('answers INVALID_CONTEXT with the default for a context no check can hold', async () => {
    const { features, flags } = await startProvider();
    await features.create('ANY', { isEnabled: true, clientData: { owner: 'team-a' } });
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;

    const cases: Array<[EvaluationContext, RegExp]> = [
      [{ circle: circular } as unknown as EvaluationContext, /"circle"(\.self)+ is nested deeper than 64 levels/],
      [{ tags: new Map([['a', 1]]) } as unknown as EvaluationContext, /"tags" is a Map/],
    ];
    for (const [context, message] of cases) {
      const details = await flags.getBooleanDetails('ANY', true, context);
      expect(details).toMatchObject({ value: true, reason: ERROR, errorCode: ErrorCode.INVALID_CONTEXT });
      expect(details.errorMessage).toMatch(/flag "ANY"/);
      expect(details.errorMessage).toMatch(message);
    }
  });

  it('keeps a "__proto__" attribute an ordinary check rather than a prototype whose keys leak in as checks', async () => {
    const { features, flags } = await startProvider();
    await features.create('ADMINS', { isEnabled: true });
    await features.addCondition('ADMINS', new Condition({ is_admin: true }));
    await features.setBucketer('ADMINS', new PercentageBucketer({ percentage: new Percentage(0) }));

    const hostile = JSON.parse('{"__proto__": {"is_admin": true}}') as EvaluationContext;
    expect(await flags.getBooleanDetails('ADMINS', true, hostile)).toMatchObject({ value: false, reason: SPLIT });
    expect(Object.prototype).not.toHaveProperty('is_admin');
  });
});
