/**
 * User ids for "a new user each call": every library reads the same pool, in the same order,
 * and each subject keeps its own cursor, so a user comes back only after 131,072 calls (none of
 * the libraries caches per user, so a larger pool would change nothing but memory).
 */
export const USER_POOL_SIZE = 1 << 17;
export const USER_MASK = USER_POOL_SIZE - 1;
export const USER_IDS: readonly string[] = Array.from({ length: USER_POOL_SIZE }, (_, i) => `user-${i}`);

/** A fixed xorshift32 sequence: the pools are the same in every run and every process. */
function seededWords(seed: number): () => number {
  let state = seed | 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state >>> 0;
  };
}

// The pools below are built by the scenario that uses them, so that a process running one
// scenario (the callgrind driver) builds only its own.

/** Random (version 4) UUIDs as `crypto.randomUUID()` writes them: 36 lowercase characters. */
export function uuidPool(): readonly string[] {
  const next = seededWords(0x5eed_0001);
  // The ids' characters written into one buffer and read out 36 at a time: formatting each id
  // from small strings took a third of a second, a long start for the callgrind driver.
  const text = Buffer.alloc(USER_POOL_SIZE * 36);
  const HEX = '0123456789abcdef';
  for (let id = 0; id < USER_POOL_SIZE; id++) {
    const start = id * 36;
    for (let at = 0; at < 36; at++) {
      const position = start + at;
      if (at === 8 || at === 13 || at === 18 || at === 23) text[position] = 0x2d;
      else if (at === 14) text[position] = 0x34; // version 4
      else if (at === 19) text[position] = HEX.charCodeAt(8 + (next() & 3)); // variant 10xx
      else text[position] = HEX.charCodeAt(next() & 15);
    }
  }
  return Array.from({ length: USER_POOL_SIZE }, (_, id) => text.toString('latin1', id * 36, id * 36 + 36));
}

const FIRST_NAMES = ['ana', 'bo', 'chen', 'dmitri', 'elif', 'fatima', 'giulia', 'hiro', 'isabel', 'jonas', 'kwame', 'lucia', 'mohammed', 'nadia', 'oliver', 'priya'];
const LAST_NAMES = ['ng', 'silva', 'kowalski', 'okafor', 'johansson', 'fernandez', 'tanaka', 'muller', 'haddad', 'oconnor', 'petrov', 'garcia'];
const DOMAINS = ['gmail.com', 'example.org', 'outlook.com', 'company.co.uk', 'mail.example.com', 'yahoo.fr'];

/** ASCII e-mail addresses of 16 to 42 characters (`first.last123@domain`), each one distinct. */
export function emailPool(): readonly string[] {
  const next = seededWords(0x5eed_0002);
  return Array.from({ length: USER_POOL_SIZE }, (_, i) => {
    const first = FIRST_NAMES[next() % FIRST_NAMES.length]!;
    const last = LAST_NAMES[next() % LAST_NAMES.length]!;
    return `${first}.${last}${i}@${DOMAINS[next() % DOMAINS.length]!}`;
  });
}

/** Integer user ids as a database hands them out, and the organisation each user belongs to. */
export function userNumberPool(): readonly number[] {
  return Array.from({ length: USER_POOL_SIZE }, (_, i) => 100_000 + i);
}

export function orgIdPool(): readonly string[] {
  const next = seededWords(0x5eed_0003);
  return Array.from({ length: USER_POOL_SIZE }, () => `org-${next() % 5_000}`);
}
