export { ensureRedisServer } from './install.js';
export { startRedis } from './redis-server.js';
export type { RedisServer, StartRedisOptions } from './redis-server.js';
export { startRedisCluster } from './redis-cluster.js';
export type { RedisCluster, StartRedisClusterOptions } from './redis-cluster.js';
export { findFreePort, isPortFree } from './free-port.js';
export { sendCommand, RespError } from './resp.js';
export type { RespReply } from './resp.js';
