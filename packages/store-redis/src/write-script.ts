import { createHash } from 'node:crypto';
import type { RedisClient } from './redis-client.js';
import { DeadlinePassedError } from './write-errors.js';

/**
 * Every write goes through this script, so that the write and its change-feed message happen
 * together and a conditional write compares against the exact text read before. The merge
 * itself happens in JavaScript; the script only compares and sets.
 *
 * It first checks the write's deadline against the server's own clock (`TIME`) and refuses a
 * write that arrives late: one ioredis re-sends after a reconnect, or whose bytes sat in a
 * partitioned link, after the caller was told it failed. A conditional write that finds its own
 * document already stored (a re-send of a write that had landed, its answer lost) reports it as
 * written instead of failing the comparison, so the caller's retry loop never applies it twice.
 *
 * KEYS[1] the flag's key
 * ARGV[1] mode: `always` | `if-absent` | `if-equal` | `delete`
 * ARGV[2] the exact document text expected (mode `if-equal`)
 * ARGV[3] the document to write
 * ARGV[4] the change-feed channel, ARGV[5] the flag name to publish
 * ARGV[6] the deadline, microseconds of the server's clock
 * Returns 1 when it wrote (or deleted something), 2 when its document was already stored, 0
 * when the condition failed, -1 when the deadline had passed (nothing done).
 */
const SCRIPT = `
if redis.replicate_commands then redis.replicate_commands() end
local now = redis.call('TIME')
if tonumber(now[1]) * 1000000 + tonumber(now[2]) >= tonumber(ARGV[6]) then return -1 end
local mode = ARGV[1]
if mode == 'delete' then
  if redis.call('DEL', KEYS[1]) == 0 then return 0 end
else
  if mode ~= 'always' then
    local current = redis.call('GET', KEYS[1])
    if mode == 'if-absent' and current then return 0 end
    if mode == 'if-equal' and current ~= ARGV[2] then
      if current == ARGV[3] then return 2 end
      return 0
    end
  end
  redis.call('SET', KEYS[1], ARGV[3])
end
redis.call('PUBLISH', ARGV[4], ARGV[5])
return 1
`;

const SCRIPT_SHA = createHash('sha1').update(SCRIPT).digest('hex');

export type WriteMode = 'always' | 'if-absent' | 'if-equal' | 'delete';

export interface ScriptedWrite {
  key: string;
  mode: WriteMode;
  /** The stored bytes read (a Buffer, compared byte for byte), mode `if-equal`. */
  expected?: string | Buffer;
  document?: string;
  channel: string;
  featureName: string;
  /** Microseconds of the server's clock after which the script refuses the write. */
  deadlineMicros: number;
}

/**
 * Runs the write script (EVALSHA, then EVAL when the server does not have it cached). Resolves
 * whether the store now holds the write; rejects with `DeadlinePassedError` when the server
 * refused it as late.
 */
export async function runWriteScript(client: RedisClient, write: ScriptedWrite): Promise<boolean> {
  const args = [write.mode, write.expected ?? '', write.document ?? '', write.channel, write.featureName, String(write.deadlineMicros)];
  let result: unknown;
  try {
    result = await client.evalsha(SCRIPT_SHA, 1, write.key, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    result = await client.eval(SCRIPT, 1, write.key, ...args);
  }
  if (result === -1) throw new DeadlinePassedError();
  return result === 1 || result === 2;
}
