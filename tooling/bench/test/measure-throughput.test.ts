import { once } from 'node:events';
import { createConnection, createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectAll } from '../src/answers.js';
import { measureThroughput } from '../src/measure-throughput.js';
import { NetworkGuard } from '../src/network-guard.js';
import { createRunContext } from '../src/run-context.js';
import { NotApplicableError, type ThroughputScenario, type ThroughputSubject } from '../src/scenario.js';
import type { ThroughputSettings } from '../src/settings.js';

// Tiny rounds: these tests check what the runner reports, never how fast anything is.
const settings: ThroughputSettings = { warmupMs: 1, roundMs: 1, rounds: 2, checkIterations: 100 };
const context = createRunContext({ quick: true });

function syncSubject(id: string, answer: (i: number) => boolean): ThroughputSubject {
  return {
    id,
    library: id,
    call: 'call()',
    mode: 'sync',
    setup: async () => ({
      run(iterations) {
        let on = 0;
        for (let i = 0; i < iterations; i++) if (answer(i)) on++;
        return on;
      },
    }),
  };
}

function scenario(subjects: ThroughputSubject[]): ThroughputScenario {
  return { kind: 'throughput', id: 'test', title: 'test', description: '', order: 1, baseline: subjects[0]!.id, checkAnswers: expectAll, subjects };
}

describe('measureThroughput', () => {
  const server = createServer((socket) => socket.destroy());
  let port = 0;
  beforeAll(async () => {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => {
    server.close();
  });

  it('reports best and median rates for a subject that answers right', async () => {
    const right = syncSubject('right', () => true);
    const results = await measureThroughput(scenario([right]), [right], context, settings, undefined, () => {});
    const result = results.get('right');
    expect(result?.status).toBe('ok');
    if (result?.status === 'ok') {
      expect(result.best).toBeGreaterThan(0);
      expect(result.best).toBeGreaterThanOrEqual(result.median);
    }
  });

  it('turns wrong answers into an error instead of a number', async () => {
    const right = syncSubject('right', () => true);
    const wrong = syncSubject('wrong', (i) => i % 2 === 0);
    const results = await measureThroughput(scenario([right, wrong]), [right, wrong], context, settings, undefined, () => {});
    expect(results.get('right')?.status).toBe('ok');
    expect(results.get('wrong')).toEqual({ status: 'error', message: expect.stringMatching(/^wrong answers: 50 of 100 calls answered false/) });
  });

  it("checks a row's answers with its own check where it has one", async () => {
    // One alternating sequence across every batch, whatever sizes the runner picks: any stretch
    // of it is half true, give or take the one call an odd-sized stretch has over.
    let call = 0;
    const checkHalf = (on: number, calls: number) => (Math.abs(on * 2 - calls) <= 1 ? undefined : 'not half');
    const half = { ...syncSubject('half', () => call++ % 2 === 0), checkAnswers: checkHalf };
    const notHalf = { ...syncSubject('not-half', () => true), checkAnswers: checkHalf };
    const results = await measureThroughput(scenario([half, notHalf]), [half, notHalf], context, settings, undefined, () => {});
    expect(results.get('half')?.status).toBe('ok');
    expect(results.get('not-half')).toEqual({ status: 'error', message: 'wrong answers: not half' });
  });

  it('prints a not-applicable reason without counting it as an error, and reports failed setups', async () => {
    const skipped: ThroughputSubject = { ...syncSubject('skipped', () => true), setup: () => Promise.reject(new NotApplicableError('no local copy')) };
    const broken: ThroughputSubject = { ...syncSubject('broken', () => true), setup: () => Promise.reject(new Error('cannot start')) };
    const results = await measureThroughput(scenario([skipped, broken]), [skipped, broken], context, settings, undefined, () => {});
    expect(results.get('skipped')).toEqual({ status: 'n/a', message: 'no local copy' });
    expect(results.get('broken')).toEqual({ status: 'error', message: 'cannot start' });
  });

  it('rejects a subject that opens a network connection', async () => {
    const guard = new NetworkGuard();
    const chatty: ThroughputSubject = {
      ...syncSubject('chatty', () => true),
      setup: async () => {
        createConnection({ host: '127.0.0.1', port }).on('error', () => {});
        return { run: (iterations: number) => iterations };
      },
    };
    try {
      const results = await measureThroughput(scenario([chatty]), [chatty], context, settings, guard, () => {});
      expect(results.get('chatty')).toEqual({ status: 'error', message: 'opened 1 network connection(s) during setup or warm-up' });
    } finally {
      guard.dispose();
    }
  });
});
