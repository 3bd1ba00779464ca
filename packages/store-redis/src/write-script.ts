import { createHash } from 'node:crypto';
import type { RedisClient } from './redis-client.js';

/**
 * Every write goes through this script, so that the write and its change-feed message happen
 * together and a conditional write compares against the exact text read before. The merge
 * itself happens in JavaScript; the script only compares and sets.
 *
 * KEYS[1] the flag's key
 * ARGV[1] mode: `always` | `if-absent` | `if-equal` | `delete`
 * ARGV[2] the exact document text expected (mode `if-equal`)
 * ARGV[3] the document to write
 * ARGV[4] the change-feed channel, ARGV[5] the flag name to publish
 * Returns 1 when it wrote (or deleted something), 0 otherwise.
 */
const SCRIPT = `
local mode = ARGV[1]
if mode == 'delete' then
  if redis.call('DEL', KEYS[1]) == 0 then return 0 end
else
  if mode == 'if-absent' then
    if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
  elseif mode == 'if-equal' then
    if redis.call('GET', KEYS[1]) ~= ARGV[2] then return 0 end
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
  expected?: string;
  document?: string;
  channel: string;
  featureName: string;
}

/** Runs the write script (EVALSHA, then EVAL when the server does not have it cached). */
export async function runWriteScript(client: RedisClient, write: ScriptedWrite): Promise<boolean> {
  const args = [write.mode, write.expected ?? '', write.document ?? '', write.channel, write.featureName];
  let result: unknown;
  try {
    result = await client.evalsha(SCRIPT_SHA, 1, write.key, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    result = await client.eval(SCRIPT, 1, write.key, ...args);
  }
  return result === 1;
}
