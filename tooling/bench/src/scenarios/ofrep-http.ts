import { ask, bulkRequests, FLAGS, OFREP, revalidationRequest, serveFloor, serveOfrep, singleRequests, type BenchServer } from '../ofrep-servers.js';
import type { RunContext } from '../run-context.js';
import { defineScenario, type LatencySamples, type LatencySubject } from '../scenario.js';
import { runWrk, type WrkRequest, type WrkResult } from '../wrk.js';

const CLIENTS = 64;
const SINGLE_GOAL = 20_000;
const BULK_GOAL_MS = 5;
const REVALIDATION_GOAL_MS = 1;

let ofrepServer: Promise<BenchServer> | undefined;
let floorServer: Promise<BenchServer> | undefined;

const rate = (perSecond: number): string => Math.round(perSecond).toLocaleString('en-US');

/** One wrk run and the server's CPU time per request it served meanwhile (this process is the server's, wrk runs in its own). */
interface Round {
  readonly wrk: WrkResult;
  readonly cpuUsPerRequest: number;
}

async function round(server: BenchServer, seconds: number, requests: readonly WrkRequest[], connections: number, expectStatus?: number): Promise<Round> {
  const cpu = process.cpuUsage();
  const before = server.served();
  const wrk = await runWrk({ url: server.url, connections, seconds, requests, ...(expectStatus === undefined ? {} : { expectStatus }) });
  const used = process.cpuUsage(cpu);
  if (wrk.errors > 0 || wrk.unexpected > 0) throw new Error(`${server.url}: ${wrk.errors} failed requests and ${wrk.unexpected} unexpected statuses out of ${wrk.requests}`);
  return { wrk, cpuUsPerRequest: (used.user + used.system) / Math.max(1, server.served() - before) };
}

/** The round of median throughput, whose latencies the row prints. */
function medianRound(rounds: readonly Round[]): Round {
  return [...rounds].sort((a, b) => a.wrk.perSecond - b.wrk.perSecond)[Math.floor((rounds.length - 1) / 2)]!;
}

function samplesOf(rounds: readonly Round[], note: string): LatencySamples {
  const median = medianRound(rounds).wrk;
  const count = rounds.reduce((sum, each) => sum + each.wrk.requests, 0);
  return { delaysMs: [], timeouts: 0, summary: { count, p50Ms: median.p50Ms, p95Ms: median.p95Ms, maxMs: median.maxMs }, note };
}

interface Pair {
  readonly floor: readonly Round[];
  readonly ofrep: readonly Round[];
}

let pair: Promise<Pair> | undefined;

/** The floor and the app under the same load, rounds interleaved (floor, app, floor, app...) so that a busy moment of the machine is shared out. */
async function measurePair(run: RunContext): Promise<Pair> {
  const floor = await (floorServer ??= serveFloor(run));
  const ofrep = await (ofrepServer ??= serveOfrep(run));
  for (const request of singleRequests.slice(0, 20)) {
    const answer = await ask(ofrep, request);
    const body = answer.body as { key?: unknown; value?: unknown } | undefined;
    if (answer.status !== 200 || typeof body?.value !== 'boolean' || `/ofrep/v1/evaluate/flags/${String(body.key)}` !== request.path) {
      throw new Error(`${request.path} answered ${answer.status} ${JSON.stringify(answer.body)}`);
    }
  }
  const seconds = run.quick ? 1 : 3;
  const rounds = run.quick ? 1 : 3;
  // Warm-up: the JIT has optimized the path before anything is counted.
  await round(floor, 1, singleRequests, CLIENTS);
  await round(ofrep, run.quick ? 1 : 2, singleRequests, CLIENTS);
  const result = { floor: [] as Round[], ofrep: [] as Round[] };
  for (let i = 0; i < rounds; i++) {
    result.floor.push(await round(floor, seconds, singleRequests, CLIENTS));
    result.ofrep.push(await round(ofrep, seconds, singleRequests, CLIENTS));
  }
  return result;
}

function throughputNote(rounds: readonly Round[]): string {
  const median = medianRound(rounds);
  const best = Math.max(...rounds.map((each) => each.wrk.perSecond));
  return `${rate(median.wrk.perSecond)} requests/s (median of ${rounds.length} round(s), best ${rate(best)}), server CPU ${median.cpuUsPerRequest.toFixed(1)} µs per request`;
}

const LOAD = `wrk in its own process (1 thread, ${CLIENTS} keep-alive connections)`;

const floor: LatencySubject = {
  id: 'floor-node-http-64',
  library: 'floor: bare node:http',
  call: `the same ${CLIENTS} clients against node:http answering a fixed JSON body (no app)`,
  async measure(run) {
    const { floor: rounds } = await (pair ??= measurePair(run));
    return samplesOf(rounds, `${throughputNote(rounds)}; load: ${LOAD}`);
  },
};

const single: LatencySubject = {
  id: 'ofrep-single-64',
  library: '@flipper-client/ofrep (memory store)',
  call: `POST /ofrep/v1/evaluate/flags/{key}, ${CLIENTS} concurrent keep-alive clients, a flag and a user of their own per request`,
  async measure(run) {
    const measured = await (pair ??= measurePair(run));
    const ofrep = medianRound(measured.ofrep);
    const bare = medianRound(measured.floor);
    const goal = ofrep.wrk.perSecond >= SINGLE_GOAL ? 'met' : 'NOT met';
    return samplesOf(
      measured.ofrep,
      `${throughputNote(measured.ofrep)}; ${(ofrep.wrk.perSecond / bare.wrk.perSecond).toFixed(2)}× the floor's requests/s, ` +
        `${(ofrep.cpuUsPerRequest / bare.cpuUsPerRequest).toFixed(2)}× its CPU per request (medians, rounds interleaved); goal ≥ ${rate(SINGLE_GOAL)}/s: ${goal}`,
    );
  },
};

/**
 * One connection, one request at a time: the latency of a bulk answer (or of its 304). Rounds,
 * and the row prints the round of median p95: one busy moment of a shared machine moves one
 * round, not the row; the note lists every round's p95.
 */
async function oneAtATime(run: RunContext, requests: readonly WrkRequest[], expectStatus: number, goalMs: number): Promise<LatencySamples> {
  const server = await (ofrepServer ??= serveOfrep(run));
  await round(server, 1, requests, 1, expectStatus);
  const rounds: Round[] = [];
  for (let i = 0; i < (run.quick ? 1 : 3); i++) rounds.push(await round(server, run.quick ? 1 : 2, requests, 1, expectStatus));
  const byP95 = [...rounds].sort((a, b) => a.wrk.p95Ms - b.wrk.p95Ms);
  const median = byP95[Math.floor((byP95.length - 1) / 2)]!;
  const { p50Ms, p95Ms, maxMs, perSecond } = median.wrk;
  const count = rounds.reduce((sum, each) => sum + each.wrk.requests, 0);
  const p95s = rounds.map((each) => `${each.wrk.p95Ms.toFixed(2)} ms`).join(', ');
  return {
    delaysMs: [],
    timeouts: 0,
    summary: { count, p50Ms, p95Ms, maxMs },
    note:
      `goal p95 < ${goalMs} ms: ${p95Ms < goalMs ? 'met' : 'NOT met'} (round of median p95; rounds: ${p95s}); ` +
      `${rate(perSecond)} requests/s, server CPU ${median.cpuUsPerRequest.toFixed(1)} µs per request`,
  };
}

const bulk: LatencySubject = {
  id: 'ofrep-bulk-500',
  library: '@flipper-client/ofrep (memory store)',
  call: `POST /ofrep/v1/evaluate/flags (${FLAGS} flags for one context, one request at a time)`,
  async measure(run) {
    const server = await (ofrepServer ??= serveOfrep(run));
    const answer = await ask(server, bulkRequests[0]!);
    const flags = (answer.body as { flags?: unknown[] } | undefined)?.flags;
    if (answer.status !== 200 || flags?.length !== FLAGS) throw new Error(`the bulk answer is ${answer.status} with ${flags?.length ?? 'no'} flags, not ${FLAGS}`);
    return oneAtATime(run, bulkRequests, 200, BULK_GOAL_MS);
  },
};

const revalidation: LatencySubject = {
  id: 'ofrep-bulk-304',
  library: '@flipper-client/ofrep (memory store)',
  call: `POST /ofrep/v1/evaluate/flags with If-None-Match of the current ETag (${FLAGS} flags) → 304`,
  async measure(run) {
    const server = await (ofrepServer ??= serveOfrep(run));
    const { etag } = await ask(server, bulkRequests[7]!);
    if (etag === null) throw new Error('the bulk answer has no ETag');
    return oneAtATime(run, [revalidationRequest(7, etag)], 304, REVALIDATION_GOAL_MS);
  },
};

export default defineScenario({
  kind: 'latency',
  id: 'ofrep-http',
  title: 'OFREP server over loopback node:http',
  description:
    `@flipper-client/ofrep on node:http in this process with ${FLAGS} flags on the memory store, loaded by ${LOAD}: single evaluation with ${CLIENTS} concurrent clients beside the floor ` +
    `(bare node:http, same load), bulk evaluation of all ${FLAGS} for one context, and a 304 revalidation of that answer, one request at a time. ` +
    `Goals: ≥ ${rate(SINGLE_GOAL)} single evaluations/s, bulk p95 < ${BULK_GOAL_MS} ms, 304 p95 < ${REVALIDATION_GOAL_MS} ms.`,
  order: 105,
  requires: [OFREP],
  samples: 1,
  quickSamples: 1,
  subjects: [floor, single, bulk, revalidation],
});
