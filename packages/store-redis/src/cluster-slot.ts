// Redis Cluster hash slots: CRC16 (XMODEM: polynomial 0x1021, initial value 0) of the key, or of
// its hash tag — the text between the first `{` and the next `}` when that text is not empty —
// modulo 16384. Used to batch MGETs on a cluster, where one command may touch one slot only.

const TABLE = new Uint16Array(256);
for (let byte = 0; byte < 256; byte++) {
  let crc = byte << 8;
  for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  TABLE[byte] = crc;
}

function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) crc = ((crc << 8) & 0xffff) ^ TABLE[((crc >> 8) ^ byte) & 0xff]!;
  return crc;
}

/** What Redis Cluster hashes of a key: the text of its hash tag, or the whole key without one. */
export function hashedPart(key: Buffer): Buffer {
  const open = key.indexOf(0x7b);
  if (open < 0) return key;
  const close = key.indexOf(0x7d, open + 1);
  if (close < 0 || close === open + 1) return key;
  return key.subarray(open + 1, close);
}

export const CLUSTER_SLOTS = 16384;

/** The cluster slot of `key` (UTF-8 bytes, as ioredis sends a string key). */
export function clusterSlot(key: string): number {
  return crc16(hashedPart(Buffer.from(key, 'utf8'))) % CLUSTER_SLOTS;
}
