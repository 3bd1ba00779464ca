import { FeatureFlagClient } from '@flipper-client/core';
import { hasHistory } from '@flipper-client/core/store';
import { closeStore, STORE_REDIS } from '../flipper-stores.js';
import { defineScenario, type LatencySamples, type LatencySubject } from '../scenario.js';
import { percentile } from '../statistics.js';
import { connectUncachedRedis } from '../uncached-redis.js';

const FLAG = 'TOGGLED';
const WARMUP = 1100;
const GOAL = 1.3;

// The median of the row without history, for the row with it to compare against in its note.
let plainMedianMs: number | undefined;

function subject(history: boolean): LatencySubject {
  return {
    id: history ? 'redis-write-history' : 'redis-write-plain',
    library: history ? 'flipper (Redis store, history on)' : 'flipper (Redis store, history: false)',
    call: `await features.enable('${FLAG}') / disable, one at a time${history ? '  [entry + trim to 1,000 in the same script]' : ''}`,
    async measure(context, samples): Promise<LatencySamples> {
      const { stores, client } = await connectUncachedRedis(context);
      const store = stores.newRedisStore(client, `bench-write-${history ? 'history' : 'plain'}-${process.pid}`, history ? {} : { history: false });
      context.onCleanup(() => closeStore(store));
      if (hasHistory(store) !== history) throw new Error(`the Redis store ${history ? 'keeps no' : 'keeps'} history`);
      const features = new FeatureFlagClient(store, { actor: 'bench:writer' });
      await features.create(FLAG);
      // Past the retention limit first, so that every measured write also trims, as a busy flag's does.
      for (let i = 0; i < WARMUP; i++) await (i % 2 === 0 ? features.enable(FLAG) : features.disable(FLAG));
      const delaysMs: number[] = [];
      for (let i = 0; i < samples; i++) {
        const start = process.hrtime.bigint();
        await (i % 2 === 0 ? features.enable(FLAG) : features.disable(FLAG));
        delaysMs.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
      const median = percentile(delaysMs, 0.5);
      if (history) {
        const kept = (await features.history(FLAG, { limit: 2000 })).length;
        if (kept !== 1000) throw new Error(`history kept ${kept} entries, not the 1,000 of its retention`);
      }
      if (!history) plainMedianMs = median;
      const note =
        history && plainMedianMs !== undefined
          ? `p50 ${(median / plainMedianMs).toFixed(2)}× the p50 without history (goal ≤ ${GOAL}×: ${median / plainMedianMs <= GOAL ? 'met' : 'missed'}); 1,000 entries kept`
          : 'a read (GET) and one write script call (EVALSHA) per write';
      return { delaysMs, timeouts: 0, note };
    },
  };
}

/** Reading back the whole kept history of one flag: what a flag's history page asks the store for. */
const readAll: LatencySubject = {
  id: 'redis-history-read',
  library: 'flipper (Redis store, history on)',
  call: `await features.history('${FLAG}', { limit: 1000 })  [1,000 entries kept, outside-change check included]`,
  async measure(context, samples): Promise<LatencySamples> {
    const { stores, client } = await connectUncachedRedis(context);
    const store = stores.newRedisStore(client, `bench-history-read-${process.pid}`);
    context.onCleanup(() => closeStore(store));
    const features = new FeatureFlagClient(store, { actor: 'bench:writer' });
    await features.create(FLAG);
    for (let i = 0; i < WARMUP; i++) await (i % 2 === 0 ? features.enable(FLAG) : features.disable(FLAG));
    const delaysMs: number[] = [];
    // Each read moves some 500 kB: a tenth of the write rows' samples is plenty for a p95.
    for (let i = 0; i < Math.ceil(samples / 10); i++) {
      const start = process.hrtime.bigint();
      const items = await features.history(FLAG, { limit: 1000 });
      delaysMs.push(Number(process.hrtime.bigint() - start) / 1e6);
      if (items.length !== 1000) throw new Error(`history answered ${items.length} items, not 1,000`);
    }
    const p95 = percentile(delaysMs, 0.95);
    return { delaysMs, timeouts: 0, note: `p95 ${p95.toFixed(1)} ms for 1,000 entries (goal for a flag's history page: < 50 ms)` };
  },
};

export default defineScenario({
  kind: 'latency',
  id: 'redis-write-history',
  title: 'Redis store: one write, with and without history',
  description:
    'enable/disable in turn on one flag of a local redis-server (loopback), one at a time, after 1,100 writes of warm-up: without history, and with it (the entry appended and the stream trimmed to 1,000 in the same Lua script). Goal: p50 with history ≤ 1.3× without. Then the whole kept history of a flag (1,000 entries) read back.',
  order: 82,
  requires: [STORE_REDIS],
  samples: 2000,
  quickSamples: 300,
  subjects: [subject(false), subject(true), readAll],
});
