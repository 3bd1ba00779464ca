import { createHash } from 'node:crypto';
import type { RedisClient } from './redis-client.js';
import { DeadlinePassedError } from './write-errors.js';
import type { ScriptedWrite } from './write-script.js';

/**
 * The write script of a store that keeps history: the same compare-and-set as the plain write
 * script, and in the same script call the entry (XADD to the flag's stream, in the flag's hash
 * slot), its trimming (MAXLEN, then MINID for the age limit) and the change-feed message. Redis
 * runs a script whole or not at all, so a change never lands without its entry nor an entry
 * without its change, whatever runs beside it or however the connection fails.
 *
 * KEYS[1] the flag's key, KEYS[2] its history stream
 * ARGV[1..5] as the plain script: mode, expected text, document, channel, flag name
 * ARGV[6] actor, ARGV[7] action, ARGV[8] entries kept, ARGV[9] max age in ms or ''
 * ARGV[10] the write's deadline, microseconds of the server's clock (see the plain script)
 * Returns the new entry's stream id, nil when nothing was written, '=' when a conditional write
 * found its own document already stored (a re-send of a write that landed: no second entry), -1
 * when the deadline had passed (nothing done).
 */
const SCRIPT = `
if redis.replicate_commands then redis.replicate_commands() end
local time = redis.call('TIME')
if tonumber(time[1]) * 1000000 + tonumber(time[2]) >= tonumber(ARGV[10]) then return -1 end
local mode = ARGV[1]
local before = redis.call('GET', KEYS[1])
if mode == 'if-equal' and before ~= ARGV[2] and before == ARGV[3] then return '=' end
if mode == 'delete' then
  if not before then return nil end
  redis.call('DEL', KEYS[1])
else
  if mode == 'if-absent' then
    if before then return nil end
  elseif mode == 'if-equal' then
    if before ~= ARGV[2] then return nil end
  end
  redis.call('SET', KEYS[1], ARGV[3])
end
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local fields = {'at', tostring(now), 'actor', ARGV[6], 'action', ARGV[7]}
if before then
  fields[#fields + 1] = 'before'
  fields[#fields + 1] = before
end
if mode ~= 'delete' then
  fields[#fields + 1] = 'after'
  fields[#fields + 1] = ARGV[3]
end
local id = redis.call('XADD', KEYS[2], 'MAXLEN', ARGV[8], '*', unpack(fields))
if ARGV[9] ~= '' then
  redis.call('XTRIM', KEYS[2], 'MINID', string.format('%d', now - tonumber(ARGV[9])))
end
redis.call('PUBLISH', ARGV[4], ARGV[5])
return id
`;

const SCRIPT_SHA = createHash('sha1').update(SCRIPT).digest('hex');

export interface HistoryWrite extends ScriptedWrite {
  historyKey: string;
  actor: string;
  action: string;
  limit: number;
  maxAgeMs: number | undefined;
}

/** Runs the history write script; resolves to the entry's stream id, or undefined when nothing was written. */
export async function runHistoryWriteScript(client: RedisClient, write: HistoryWrite): Promise<string | undefined> {
  const args = [
    write.mode,
    write.expected ?? '',
    write.document ?? '',
    write.channel,
    write.featureName,
    write.actor,
    write.action,
    String(write.limit),
    write.maxAgeMs === undefined ? '' : String(write.maxAgeMs),
    String(write.deadlineMicros),
  ];
  let result: unknown;
  try {
    result = await client.evalsha(SCRIPT_SHA, 2, write.key, write.historyKey, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    result = await client.eval(SCRIPT, 2, write.key, write.historyKey, ...args);
  }
  if (result === -1) throw new DeadlinePassedError();
  return typeof result === 'string' ? result : undefined;
}
