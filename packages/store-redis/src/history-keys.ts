import { createHash } from 'node:crypto';
import { clusterSlot, hashedPart } from './cluster-slot.js';
import { escapeGlob, type KeyLayout } from './keys.js';

const MARKER = ':history:';

/** A tag of `slot` that holds no brace: searched once per slot, then remembered. */
const slotTags = new Map<number, string>();
function tagOfSlot(slot: number): string {
  let tag = slotTags.get(slot);
  for (let n = 0; tag === undefined; n++) {
    if (clusterSlot(`{s${n}}`) === slot) slotTags.set(slot, (tag = `s${n}`));
  }
  return tag;
}

/**
 * Where a flag's history lives: one Redis stream per flag at `{<tag>}:history:<baseKey>/<name>`.
 *
 * - `<tag>` is the part of the flag's key that Redis Cluster hashes (the whole key, or the text
 *   of its own hash tag): the stream sits in the flag's slot, so one script can write both.
 *   A key whose hashed part holds a `}` (which would end the tag early) gets a brace-free tag
 *   of the same slot instead.
 * - The key starts with `{`, never with `<baseKey>/`: neither this store's SCAN nor the Python
 *   library's (`<base_key>/*`) lists it, and keyspace notifications on the flags skip it.
 */
export class HistoryKeys {
  readonly scanPattern: string;
  private readonly marker: string;

  constructor(private readonly layout: KeyLayout) {
    this.marker = `${MARKER}${layout.prefix}`;
    this.scanPattern = `{*}${escapeGlob(this.marker)}*`;
  }

  key(featureName: string): string {
    const flagKey = this.layout.key(featureName);
    const hashed = hashedPart(Buffer.from(flagKey, 'utf8')).toString('utf8');
    const tag = hashed.includes('}') ? tagOfSlot(clusterSlot(flagKey)) : hashed;
    return `{${tag}}${this.marker}${featureName}`;
  }

  /** The flag whose history `key` holds, or undefined for any other key. */
  nameOf(key: string): string | undefined {
    const close = key.indexOf('}');
    if (!key.startsWith('{') || close < 0 || !key.startsWith(this.marker, close + 1)) return undefined;
    const name = key.slice(close + 1 + this.marker.length);
    return name.length > 0 && this.key(name) === key ? name : undefined;
  }
}

/**
 * Entry ids are `<ms>-<seq>-<discriminator>`: the stream id and this number of the flag's name,
 * which makes entry ids unique across flags: a stream's ids
 * (`<ms>-<seq>`) are unique within the stream only, and two flags written in one millisecond
 * would otherwise share one. The first 48 bits of the name's SHA-1, in decimal.
 */
export function flagDiscriminator(featureName: string): string {
  return BigInt(`0x${createHash('sha1').update(featureName, 'utf8').digest('hex').slice(0, 12)}`).toString();
}

/** The stream id inside an entry id of this flag, or undefined for an id of another shape or flag. */
export function streamIdOf(id: string, featureName: string): string | undefined {
  const parts = id.split('-');
  if (parts.length !== 3 || parts.some((part) => !/^\d+$/.test(part))) return undefined;
  if (BigInt(parts[2]!).toString() !== flagDiscriminator(featureName)) return undefined;
  return `${BigInt(parts[0]!)}-${BigInt(parts[1]!)}`;
}

/** The stream id part (`<ms>-<seq>`) of any id of entry shape, for range bounds; undefined otherwise. */
export function streamBound(id: string): string | undefined {
  const parts = id.split('-');
  if (parts.length === 0 || parts.length > 3) return undefined;
  return `${BigInt(parts[0]!)}-${BigInt(parts[1] ?? '0')}`;
}
