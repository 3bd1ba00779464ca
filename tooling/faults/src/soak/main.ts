/**
 * `pnpm --filter @flipper-client/faults soak [--seconds 60] [--workers 4]`: the bounded soak on
 * Redis, with its figures printed. Exits with 1 when a write was lost or duplicated, or a worker
 * or this process had an unhandled rejection.
 */
import { RejectionCollector } from '../rejection-collector.js';
import { runSoak, type SoakReport } from './run-soak.js';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at === -1 ? undefined : Number(process.argv[at + 1]);
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const signedMb = (bytes: number): string => `${bytes >= 0 ? '+' : ''}${mb(bytes)}`;

function print(report: SoakReport): void {
  const { operations, audit } = report;
  const seconds = report.durationMs / 1000;
  console.log(`soak: ${seconds} s of mixed load on one Redis from ${report.memory.length} worker processes`);
  console.log(
    `operations: ${operations.evaluations} evaluations (${Math.round(operations.evaluations / seconds)}/s), ` +
      `${operations.writes} ledger writes (${Math.round(operations.writes / seconds)}/s), ` +
      `${operations.creates} creates, ${operations.deletes} deletes, ${operations.lists} listings, ${operations.failures} failed calls`,
  );
  console.log(
    `ledger: ${audit.acked} acknowledged, ${audit.failed} failed, ${audit.lost.length} lost, ` +
      `${audit.duplicated.length} duplicated, ${audit.unaccounted.length} unaccounted`,
  );
  console.log(`unhandled rejections / uncaught exceptions in workers: ${report.rejections}`);
  console.log(`memory per worker (after GC: ${report.gcAvailable ? 'yes' : 'no'}), from the end of the warm-up to the end:`);
  console.log('worker  store          heap base   heap end   heap growth  heap peak   rss base   rss end    rss growth');
  for (const figures of report.memory) {
    console.log(
      [
        String(figures.worker).padEnd(6),
        figures.store.padEnd(13),
        mb(figures.baseline.heapUsed).padStart(10),
        mb(figures.final.heapUsed).padStart(10),
        signedMb(figures.heapGrowth).padStart(12),
        mb(figures.peakHeapUsed).padStart(10),
        mb(figures.baseline.rss).padStart(10),
        mb(figures.final.rss).padStart(10),
        signedMb(figures.rssGrowth).padStart(11),
      ].join(' '),
    );
  }
  console.log('heap after GC every 10 s (MB), per worker:');
  for (const figures of report.memory) {
    const series = figures.samples.filter((sample, i) => i === 0 || Math.floor(sample.atMs / 10_000) !== Math.floor(figures.samples[i - 1]!.atMs / 10_000));
    console.log(`  ${figures.worker}: ${series.map((sample) => (sample.heapUsed / 1024 / 1024).toFixed(1)).join(' ')}`);
  }
}

const collector = new RejectionCollector().install();
const report = await runSoak({ durationMs: option('seconds', 60) * 1000, workers: option('workers', 4) });
print(report);
console.log(`unhandled rejections / uncaught exceptions in this process: ${collector.collected.length}`);
const healthy =
  report.audit.lost.length === 0 && report.audit.duplicated.length === 0 && report.rejections === 0 && collector.collected.length === 0;
process.exitCode = healthy ? 0 : 1;
