export { startConsulKv } from './start.js';
export type { ConsulKvHandle } from './start.js';
export type { ConsulKvOptions, RecordedRequest, RestartOptions } from './consul-kv-server.js';
export { parseGoDuration } from './duration.js';
