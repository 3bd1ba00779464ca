import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  Condition,
  FeatureFlagClient,
  FlipperError,
  InvalidArgumentError,
  NoOpBucketer,
  type Bucketer,
  type ErrorEvent,
} from '@flipper-client/core';
import { flagKeys, startBackends, stopBackends, type Backends } from './support/bad-input-backends.js';
import { TARGETS, type BadInputTarget } from './support/bad-input-targets.js';
import { BAD_CLIENT_DATA, BAD_DOCUMENTS, AWKWARD_NAMES, LONGEST_NAME } from './support/bad-inputs.js';

/**
 * Bad input on every store, through the client, each store over its real backend. Each case
 * checks: a typed error naming the flag and the cause; the backend's whole contents unchanged
 * byte for byte (nothing half-written); the other flag (GOOD) untouched; no prototype pollution.
 */
let backends: Backends;

beforeAll(async () => {
  backends = await startBackends();
}, 60_000);

afterAll(async () => {
  await stopBackends(backends);
});

/** The rejection of `call` (a sync throw counts), or a failure if it resolved. */
async function rejectionOf(call: () => unknown): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but the call resolved');
}

function expectNamesFlag(error: unknown, featureName: string, cause: RegExp | string): void {
  expect(error).toBeInstanceOf(FlipperError);
  const flipperError = error as FlipperError;
  expect(flipperError.featureName).toBe(featureName);
  expect(flipperError.message).toContain(`flag ${JSON.stringify(featureName.length > 80 ? `${featureName.slice(0, 80)}…` : featureName)}`);
  if (typeof cause === 'string') expect(flipperError.message).toContain(cause);
  else expect(flipperError.message).toMatch(cause);
}

function expectNoPollution(): void {
  for (const key of ['polluted', 'isAdmin', 'injected']) expect(Object.prototype).not.toHaveProperty(key);
}

describe.each(TARGETS.map((factory) => [factory.label, factory] as const))('%s', (_label, factory) => {
  let target: BadInputTarget;
  let features: FeatureFlagClient;
  let errorEvents: ErrorEvent[];

  beforeAll(async () => {
    target = await factory.open(backends);
  });

  afterAll(async () => {
    await target?.close();
  });

  beforeEach(async () => {
    features = new FeatureFlagClient(await target.reset());
    errorEvents = [];
    features.events.on('error', (event) => errorEvents.push(event));
    await features.create('GOOD', { isEnabled: true, clientData: { keep: true } });
  });

  /** Runs `bad` (which must reject, typed), and checks the backend is byte for byte as before and GOOD unchanged. */
  async function expectRefusedUnwritten(bad: () => unknown, check: (error: unknown) => void): Promise<void> {
    const before = await target.snapshot();
    check(await rejectionOf(bad));
    expect(await target.snapshot()).toEqual(before);
    expect(await features.isEnabled('GOOD')).toBe(true);
    expect(await features.getClientData('GOOD')).toEqual({ keep: true });
    expectNoPollution();
  }

  describe('flag names', () => {
    const invalidNames: [string, string, string | undefined, RegExp][] = [
      ['empty', '', undefined, /a flag name must not be empty/],
      ['10 kB', 'N'.repeat(10 * 1024), 'N'.repeat(10 * 1024), /longer than 1024 UTF-8 bytes/],
      ['a lone surrogate', 'half\ud800', 'half\ud800', /lone UTF-16 surrogate/],
    ];

    it.each(invalidNames)('%s: refused with an InvalidArgumentError before anything is sent', async (_what, name, named, cause) => {
      const calls: (() => unknown)[] = [
        () => features.create(name),
        () => features.enable(name),
        () => features.setClientData(name, { a: 1 }),
        () => features.addCondition(name, new Condition({ is_admin: true })),
        () => features.getMeta(name),
        () => features.exists(name),
        () => features.destroy(name),
      ];
      for (const call of calls) {
        await expectRefusedUnwritten(call, (error) => {
          expect(error).toBeInstanceOf(InvalidArgumentError);
          if (named === undefined) expect((error as FlipperError).message).toMatch(cause);
          else expectNamesFlag(error, named, cause);
          // A hostile name does not flood a log line.
          expect((error as Error).message.length).toBeLessThan(300);
        });
      }
      expect(await features.isEnabled(name, {}, { default: true })).toBe(true);
      expect(errorEvents.every((event) => event.error instanceof InvalidArgumentError)).toBe(true);
    });

    const names = AWKWARD_NAMES.filter((name) => !factory.unsupportedNames.has(name));

    it('awkward names (paths, globs, dots, unicode, the longest allowed) each reach exactly their own key', async () => {
      for (const name of names) await features.create(name, { clientData: { name } });
      const keysFor = (list: readonly string[]): string[] => ['GOOD', ...list].flatMap((name) => target.keysOf(name)).sort();
      expect((await flagKeys(target))).toEqual(keysFor(names));
      for (const name of names) expect(await features.getClientData(name)).toEqual({ name });
      const listed: string[] = [];
      for await (const flag of features.list()) listed.push(flag.name);
      expect(listed.sort()).toEqual(['GOOD', ...names].sort());

      // Deleting a name that looks like a pattern or a path removes that key alone.
      const doomed = ['a*', 'a?', 'a[bc]', '..', 'a/b'].filter((name) => names.includes(name));
      for (const name of doomed) await features.destroy(name);
      expect((await flagKeys(target))).toEqual(keysFor(names.filter((name) => !doomed.includes(name))));
    });

    it(`the longest name allowed (${Buffer.byteLength(LONGEST_NAME)} UTF-8 bytes) is a name like any other`, async () => {
      await features.create(LONGEST_NAME, { isEnabled: true });
      expect(await features.isEnabled(LONGEST_NAME)).toBe(true);
      expect((await flagKeys(target))).toEqual(['GOOD', LONGEST_NAME].flatMap((name) => target.keysOf(name)).sort());
    });
  });

  describe('client data that is not JSON', () => {
    it.each(BAD_CLIENT_DATA)('%s: refused for create and setClientData, naming the flag and the member', async (_what, makeData, cause) => {
      await expectRefusedUnwritten(() => features.create('NEW', { clientData: makeData() as Record<string, unknown> }), (error) => {
        expect(error).toBeInstanceOf(InvalidArgumentError);
        expectNamesFlag(error, 'NEW', cause);
      });
      await expectRefusedUnwritten(() => features.setClientData('GOOD', makeData() as Record<string, unknown>), (error) => {
        expect(error).toBeInstanceOf(InvalidArgumentError);
        expectNamesFlag(error, 'GOOD', cause);
      });
    });
  });

  describe('conditions and bucketers that are not what they claim', () => {
    it.each([
      ['a plain object as a condition', () => features.addCondition('GOOD', { is_admin: true } as unknown as Condition), /expected a Condition/],
      ['a list of plain objects as conditions', () => features.setConditions('GOOD', [{ is_admin: true } as unknown as Condition]), /expected a Condition/],
      ['a look-alike bucketer', () => features.setBucketer('GOOD', { type: 'MysteryBucketer' } as unknown as Bucketer), /expected a bucketer/],
      ['an unknown operator', () => features.addCondition('GOOD', new Condition({ age__matches: '.*' })), /unknown operator "matches"/],
    ] as const)('%s is refused and nothing is written', async (_what, call, cause) => {
      await expectRefusedUnwritten(call, (error) => {
        expect(error).toBeInstanceOf(InvalidArgumentError);
        expect((error as Error).message).toMatch(cause);
      });
    });
  });

  if (!factory.rawDocuments) return;

  describe('documents written by others', () => {
    it.each(BAD_DOCUMENTS)('%s: a typed error naming the flag and the part; writes refused; the document left as it was', async (_what, text, part) => {
      await target.writeRaw('BAD', text);
      const check = (error: unknown): void => expectNamesFlag(error, 'BAD', part);

      expect(await features.isEnabled('BAD', {}, { default: true })).toBe(true);
      if (factory.reportsCorruptOnEvaluation) {
        expect(errorEvents).toHaveLength(1);
        check(errorEvents[0]!.error);
      }
      check(await rejectionOf(() => features.getMeta('BAD')));
      for (const write of [
        () => features.enable('BAD'),
        () => features.addCondition('BAD', new Condition({ is_admin: true })),
        () => features.setClientData('BAD', { a: 1 }),
        () => features.setBucketer('BAD', new NoOpBucketer()),
      ]) {
        await expectRefusedUnwritten(write, check);
      }
      expect((await target.snapshot()).get(target.keysOf('BAD')[0]!)).toBe(text);

      // The listing goes past it and reports it.
      errorEvents.length = 0;
      const listed: string[] = [];
      for await (const flag of features.list()) listed.push(flag.name);
      expect(listed).toEqual(['GOOD']);
      if (factory.listReportsInvalid) expect(errorEvents.map((event) => event.featureName)).toEqual(['BAD']);
    });
  });
});
