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

const hex = (word: number, digits: number): string => word.toString(16).padStart(8, '0').slice(0, digits);

/** Random (version 4) UUIDs as `crypto.randomUUID()` writes them: 36 lowercase characters. */
export const USER_UUIDS: readonly string[] = (() => {
  const next = seededWords(0x5eed_0001);
  return Array.from({ length: USER_POOL_SIZE }, () => {
    const variant = (8 + (next() & 3)).toString(16);
    return `${hex(next(), 8)}-${hex(next(), 4)}-4${hex(next(), 3)}-${variant}${hex(next(), 3)}-${hex(next(), 8)}${hex(next(), 4)}`;
  });
})();

const FIRST_NAMES = ['ana', 'bo', 'chen', 'dmitri', 'elif', 'fatima', 'giulia', 'hiro', 'isabel', 'jonas', 'kwame', 'lucia', 'mohammed', 'nadia', 'oliver', 'priya'];
const LAST_NAMES = ['ng', 'silva', 'kowalski', 'okafor', 'johansson', 'fernandez', 'tanaka', 'muller', 'haddad', 'oconnor', 'petrov', 'garcia'];
const DOMAINS = ['gmail.com', 'example.org', 'outlook.com', 'company.co.uk', 'mail.example.com', 'yahoo.fr'];

/** ASCII e-mail addresses of 16 to 42 characters (`first.last123@domain`), each one distinct. */
export const USER_EMAILS: readonly string[] = (() => {
  const next = seededWords(0x5eed_0002);
  return Array.from({ length: USER_POOL_SIZE }, (_, i) => {
    const first = FIRST_NAMES[next() % FIRST_NAMES.length]!;
    const last = LAST_NAMES[next() % LAST_NAMES.length]!;
    return `${first}.${last}${i}@${DOMAINS[next() % DOMAINS.length]!}`;
  });
})();

/** Integer user ids as a database hands them out, and the organisation each user belongs to. */
export const USER_NUMBERS: readonly number[] = Array.from({ length: USER_POOL_SIZE }, (_, i) => 100_000 + i);
export const ORG_IDS: readonly string[] = (() => {
  const next = seededWords(0x5eed_0003);
  return Array.from({ length: USER_POOL_SIZE }, () => `org-${next() % 5_000}`);
})();
