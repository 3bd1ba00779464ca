import { describe, expect, it } from '@jest/globals';
import { ErrorCode, StandardResolutionReasons } from '@openfeature/server-sdk';
import { resetOpenFeatureAfterEach, startProvider } from './support/harness.js';

resetOpenFeatureAfterEach();

describe('flag metadata', () => {
  it("carries the client data's strings, numbers and booleans, and leaves out what flag metadata cannot hold", async () => {
    const { features, flags } = await startProvider();
    await features.create('DOCUMENTED', {
      isEnabled: true,
      clientData: {
        owner: 'payments',
        ticket: 4711,
        ratio: 0.25,
        reviewed: false,
        tags: ['checkout'],
        contact: { email: 'payments@example.com' },
        retired: null,
      },
    });

    const details = await flags.getBooleanDetails('DOCUMENTED', false);
    expect(details.flagMetadata).toEqual({ owner: 'payments', ticket: 4711, ratio: 0.25, reviewed: false, 'flipper.rule': 'always_on' });
  });

  it('is there for a disabled flag and for an unusable context, and follows client data changes', async () => {
    const { features, flags } = await startProvider();
    await features.create('OWNED', { clientData: { owner: 'search' } });

    expect(await flags.getBooleanDetails('OWNED', true)).toMatchObject({
      reason: StandardResolutionReasons.DISABLED,
      flagMetadata: { owner: 'search' },
    });
    const badContext = { when: new Map() } as unknown as Record<string, string>;
    expect(await flags.getBooleanDetails('OWNED', true, badContext)).toMatchObject({
      errorCode: ErrorCode.INVALID_CONTEXT,
      flagMetadata: { owner: 'search' },
    });

    await features.setClientData('OWNED', { owner: 'ranking', sprint: 12 });
    expect((await flags.getBooleanDetails('OWNED', true)).flagMetadata).toEqual({ owner: 'ranking', sprint: 12, 'flipper.rule': 'disabled' });
  });
});
