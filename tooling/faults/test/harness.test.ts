import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Condition, StoreError } from '@flipper-client/core';
import { FeatureFlagMeta, FeatureFlagStoreItem } from '@flipper-client/core/store';
import { connect, createServer, type Server } from 'node:net';
import {
  auditLedger,
  findDynamicCode,
  findSecretDeep,
  findSecretInLogForms,
  TcpFaultProxy,
  WorkerPool,
  type LedgerEntry,
} from '../src/index.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What the harness's own parts do, so that a green fault test cannot be a blind one. */

function entry(id: string, kind: LedgerEntry['kind'], outcome: LedgerEntry['outcome']): LedgerEntry {
  return { flag: 'LEDGER', id, kind, outcome, startedAt: 0, settledAt: 0 };
}

describe('auditLedger', () => {
  const stored = new FeatureFlagStoreItem(
    'LEDGER',
    true,
    new FeatureFlagMeta({
      clientData: { a: 1, b: 2, stray: 3 },
      conditions: [new Condition({ c: true }), new Condition({ c: true }), new Condition({ d: true })],
    }),
  );

  it('finds lost, duplicated and unaccounted writes and counts failed writes that landed', () => {
    const audit = auditLedger(
      [
        entry('a', 'clientData', 'acked'),
        entry('b', 'clientData', 'failed'),
        entry('c', 'condition', 'acked'),
        entry('d', 'condition', 'acked'),
        entry('e', 'condition', 'acked'),
        entry('f', 'clientData', 'failed'),
      ],
      new Map([['LEDGER', stored]]),
    );
    expect(audit).toEqual({
      acked: 4,
      failed: 2,
      lost: ['e'],
      duplicated: ['c'],
      failedButPresent: 1,
      reportedFailedButApplied: 1,
      unknownApplied: 0,
      unknownNotApplied: 0,
      unaccounted: ['stray'],
    });
  });

  it('tells failed writes that landed although reported not applied from those whose outcome was unknown', () => {
    const unknown = (id: string): LedgerEntry => ({ ...entry(id, 'clientData', 'failed'), errorCode: 'WRITE_OUTCOME_UNKNOWN' });
    const notApplied = (id: string): LedgerEntry => ({ ...entry(id, 'clientData', 'failed'), errorCode: 'WRITE_NOT_APPLIED' });
    const audit = auditLedger([unknown('a'), unknown('x'), notApplied('b'), notApplied('y')], new Map([['LEDGER', stored]]));
    expect(audit).toMatchObject({ failed: 4, failedButPresent: 2, reportedFailedButApplied: 1, unknownApplied: 1, unknownNotApplied: 1 });
  });

  it('treats a missing flag as holding nothing', () => {
    const audit = auditLedger([entry('a', 'clientData', 'acked')], new Map([['LEDGER', undefined]]));
    expect(audit.lost).toEqual(['a']);
  });
});

describe('TcpFaultProxy', () => {
  let echo: Server;
  let echoPort: number;

  beforeAll(async () => {
    echo = createServer((socket) => {
      socket.on('error', () => undefined);
      socket.pipe(socket);
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', () => resolve()));
    echoPort = (echo.address() as { port: number }).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => echo.close(() => resolve()));
  });

  /** Sends a line and waits up to `timeoutMs` for it to come back; resolves what happened. */
  function roundTrip(port: number, timeoutMs = 300): Promise<'echoed' | 'refused' | 'silent' | 'reset'> {
    return new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      const done = (outcome: 'echoed' | 'refused' | 'silent' | 'reset'): void => {
        clearTimeout(timer);
        socket.destroy();
        resolve(outcome);
      };
      const timer = setTimeout(() => done('silent'), timeoutMs);
      socket.on('connect', () => socket.write('ping'));
      socket.on('data', () => done('echoed'));
      socket.on('error', (error: NodeJS.ErrnoException) => done(error.code === 'ECONNREFUSED' ? 'refused' : 'reset'));
    });
  }

  it('forwards, refuses when cut, swallows when blackholed, and forwards again on the same port', async () => {
    const proxy = await TcpFaultProxy.start({ host: '127.0.0.1', port: echoPort });
    try {
      const port = proxy.port;
      expect(await roundTrip(port)).toBe('echoed');
      await proxy.cut();
      expect(proxy.state).toBe('cut');
      expect(await roundTrip(port)).toBe('refused');
      await proxy.restore();
      expect(proxy.port).toBe(port);
      expect(await roundTrip(port)).toBe('echoed');
      proxy.blackhole();
      expect(await roundTrip(port)).toBe('silent');
      await proxy.restore();
      expect(await roundTrip(port)).toBe('echoed');
    } finally {
      await proxy.close();
    }
  });
});

describe('WorkerPool', () => {
  it('runs a task in separate processes and reports a rejection a worker left unhandled', async () => {
    const pool = await WorkerPool.start(2);
    try {
      const outcomes = await pool.run({ kind: 'memory' }, (index) => ({ name: 'probe', leaveRejectionUnhandled: index === 1 })).results;
      const pids = outcomes.map((outcome) => outcome.result.pid);
      expect(new Set(pids).size).toBe(2);
      expect(pids).not.toContain(process.pid);
      expect(outcomes.map((outcome) => outcome.result.storeName)).toEqual(['memory', 'memory']);
      expect(pool.rejections).toEqual([
        { kind: 'unhandledRejection', worker: 1, error: { name: 'Error', message: 'probe: a rejection left unhandled on purpose' } },
      ]);
    } finally {
      await pool.close();
    }
  });
});

describe('secret scans', () => {
  const SECRET = 'hunter2-secret';

  it('finds a secret in a message down the cause chain and in what a logger prints', () => {
    const error = new StoreError('redis', 'get', 'failed', { cause: new Error(`AUTH ${SECRET} refused`) });
    expect(findSecretInLogForms({ type: 'error', error }, SECRET)).toEqual(
      expect.arrayContaining(['$.error.cause.message', 'util.inspect($)']),
    );
    expect(findSecretInLogForms(new StoreError('redis', 'get', 'failed'), SECRET)).toEqual([]);
  });

  it('finds a secret only the deep scan reaches (a hidden property of a cause)', () => {
    const cause = new Error('refused');
    Object.defineProperty(cause, 'request', { value: { headers: new Map([['x-token', SECRET]]) }, enumerable: false });
    const error = new StoreError('consul', 'get', 'failed', { cause });
    expect(findSecretInLogForms(error, SECRET)).toEqual([]);
    expect(findSecretDeep(error, SECRET)).toEqual(['$.cause.request.headers.get(x-token)']);
  });
});

describe('findDynamicCode', () => {
  it('flags eval, the Function constructor, vm and string timers, not a method named eval', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faults-scan-'));
    try {
      writeFileSync(
        join(dir, 'sample.ts'),
        [
          'redis.eval(SCRIPT, 1, key);',
          'const a = eval("1 + 1");',
          'const f = new Function("return 1");',
          "import vm from 'node:vm';",
          'vm.runInNewContext(code);',
          'setTimeout("alert(1)", 10);',
          'const g = Function("return 2");',
        ].join('\n'),
      );
      const { files, findings } = findDynamicCode([dir], dir);
      expect(files).toEqual(['sample.ts']);
      expect(findings.map((finding) => [finding.line, finding.rule])).toEqual([
        [2, 'eval'],
        [3, 'Function constructor'],
        [4, 'vm module'],
        [5, 'vm.runIn*'],
        [6, 'string timer'],
        [7, 'Function constructor'],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
