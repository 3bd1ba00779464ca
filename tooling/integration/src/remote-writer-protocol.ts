/**
 * The messages between a test and the remote writer (`remote-writer.ts`), a separate Node
 * process that writes flags to Redis on its own connection, as another instance of an
 * application (or the Python library) would.
 */

/** What the remote writer is asked to do. */
export type RemoteCommand =
  /** Through its own `FeatureFlagClient` over a `RedisFeatureFlagStore`: the library's write path. */
  | { readonly id: number; readonly op: 'create'; readonly featureName: string; readonly isEnabled: boolean }
  | { readonly id: number; readonly op: 'enable' | 'disable' | 'destroy'; readonly featureName: string }
  /** A plain `SET key text` on its connection, publishing nothing: how the Python library writes. */
  | { readonly id: number; readonly op: 'raw-set'; readonly key: string; readonly text: string };

/** What it answers. `done` is sent once the write has resolved. */
export type RemoteReply =
  | { readonly type: 'ready'; readonly pid: number }
  | { readonly type: 'done'; readonly id: number }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };

/** Command-line arguments of the remote writer, in order. */
export interface RemoteWriterArguments {
  readonly host: string;
  readonly port: number;
  readonly baseKey: string;
}

export function toArgv({ host, port, baseKey }: RemoteWriterArguments): string[] {
  return [host, String(port), baseKey];
}

export function fromArgv(argv: readonly string[]): RemoteWriterArguments {
  const [host, port, baseKey] = argv;
  if (host === undefined || port === undefined || baseKey === undefined || !Number.isInteger(Number(port))) {
    throw new Error(`remote writer: expected <host> <port> <baseKey>, got ${JSON.stringify(argv)}`);
  }
  return { host, port: Number(port), baseKey };
}
