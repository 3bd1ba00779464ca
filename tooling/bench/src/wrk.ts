import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCommands, MissingSystemPackageError } from '@flipper-client/system-packages';

/** One request of a wrk run; the run sends them in turn, over and over. */
export interface WrkRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface WrkRun {
  readonly url: string;
  readonly connections: number;
  readonly seconds: number;
  readonly requests: readonly WrkRequest[];
  /** Counts every answer of another status as unexpected (it makes wrk parse each answer). */
  readonly expectStatus?: number;
}

export interface WrkResult {
  readonly requests: number;
  readonly seconds: number;
  readonly perSecond: number;
  /** From wrk's histogram of every request (microsecond resolution). */
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
  /** Connect, read and write errors, timeouts, and statuses ≥ 400. */
  readonly errors: number;
  /** Answers whose status was not `expectStatus`. */
  readonly unexpected: number;
}

/** wrk answers `-v` with its version and exit code 1, so `ensureCommands`' `--version` probe cannot tell it is there. */
function hasWrk(): boolean {
  const probe = spawnSync('wrk', ['-v'], { encoding: 'utf8', timeout: 10_000 });
  return probe.error === undefined && `${probe.stdout}${probe.stderr}`.includes('wrk ');
}

let ensured = false;

/** Installs Debian's wrk when it is missing (as root, through apt-get), or throws saying how to. */
export function ensureWrk(): void {
  if (ensured || hasWrk()) {
    ensured = true;
    return;
  }
  try {
    ensureCommands({ purpose: 'the OFREP bench (its load generator)', commands: ['wrk'], debianPackages: ['wrk'] });
  } catch (error) {
    // After a successful install the `--version` probe still fails (exit code 1): look again our way.
    if (!(error instanceof MissingSystemPackageError) || !hasWrk()) throw error;
  }
  ensured = true;
}

/** A Lua string literal (wrk's scripts are Lua 5.1, which has no \u escapes). */
function lua(text: string): string {
  return `"${[...Buffer.from(text, 'utf8')].map((byte) => (byte === 0x22 || byte === 0x5c ? `\\${String.fromCharCode(byte)}` : byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : `\\${byte}`)).join('')}"`;
}

/** The script: formats the requests once per thread, sends them in turn, and prints one result line. */
function script(run: WrkRun): string {
  const specs = run.requests.map((request) => {
    const headers = Object.entries(request.headers).map(([name, value]) => `[${lua(name)}] = ${lua(value)}`).join(', ');
    return `  { ${lua(request.method)}, ${lua(request.path)}, { ${headers} }, ${lua(request.body)} },`;
  });
  return [
    'local threads = {}',
    'function setup(thread) table.insert(threads, thread) end',
    `local specs = {\n${specs.join('\n')}\n}`,
    'local formatted = {}',
    'local n = 0',
    'unexpected = 0',
    'function init(args) for i, s in ipairs(specs) do formatted[i] = wrk.format(s[1], s[2], s[3], s[4]) end end',
    'function request() n = n + 1; if n > #formatted then n = 1 end; return formatted[n] end',
    ...(run.expectStatus === undefined ? [] : [`function response(status, headers, body) if status ~= ${run.expectStatus} then unexpected = unexpected + 1 end end`]),
    'function done(summary, latency, requests)',
    '  local u = 0',
    '  for _, t in ipairs(threads) do u = u + (t:get("unexpected") or 0) end',
    '  local e = summary.errors',
    '  io.write(string.format("WRK_RESULT %d %d %d %d %d %d %d\\n", summary.duration, summary.requests, latency:percentile(50), latency:percentile(95), latency.max, e.connect + e.read + e.write + e.status + e.timeout, u))',
    'end',
    '',
  ].join('\n');
}

/**
 * One run of wrk (one thread: the other core is the server's) in a child process, so that the
 * load generator does not share the server's event loop. Resolves when wrk has exited.
 */
export async function runWrk(run: WrkRun): Promise<WrkResult> {
  ensureWrk();
  const folder = mkdtempSync(join(tmpdir(), 'flipper-bench-wrk-'));
  const file = join(folder, 'requests.lua');
  writeFileSync(file, script(run));
  try {
    const args = ['-t1', `-c${run.connections}`, `-d${run.seconds}s`, '--timeout', '5s', '-s', file, run.url];
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk exited with ${code}: ${text.slice(-500)}`))));
    });
    const line = /WRK_RESULT (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)/.exec(output);
    if (line === null) throw new Error(`wrk printed no result: ${output.slice(-500)}`);
    const [durationUs, requests, p50Us, p95Us, maxUs, errors, unexpected] = line.slice(1).map(Number) as [number, number, number, number, number, number, number];
    const seconds = durationUs / 1e6;
    return { requests, seconds, perSecond: requests / seconds, p50Ms: p50Us / 1000, p95Ms: p95Us / 1000, maxMs: maxUs / 1000, errors, unexpected };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
