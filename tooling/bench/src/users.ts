/**
 * User ids for "a new user each call": every library reads the same pool, in the same order,
 * and each subject keeps its own cursor, so a user comes back only after 131,072 calls (none of
 * the libraries caches per user, so a larger pool would change nothing but memory).
 */
export const USER_POOL_SIZE = 1 << 17;
export const USER_MASK = USER_POOL_SIZE - 1;
export const USER_IDS: readonly string[] = Array.from({ length: USER_POOL_SIZE }, (_, i) => `user-${i}`);
