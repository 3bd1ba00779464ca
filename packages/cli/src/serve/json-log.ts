/** One JSON object per line on stdout: what a log collector reads. */
export type JsonLog = (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;

export function jsonLog(write: (line: string) => void = (line) => void process.stdout.write(line)): JsonLog {
  return (level, message, fields = {}) => write(`${JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...fields })}\n`);
}
