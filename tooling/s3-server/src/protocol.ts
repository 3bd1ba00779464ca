/** Messages between the launcher and the server process, over the fork IPC channel. */

export interface ServerProcessConfig {
  directory: string;
  conditionalWrites: boolean;
}

export type ServerProcessMessage =
  | { readonly type: 'ready'; readonly port: number }
  | { readonly type: 'failed'; readonly message: string };

export type LauncherMessage = { readonly type: 'stop' };

/** The environment variable that carries the JSON `ServerProcessConfig` to the child. */
export const CONFIG_VARIABLE = 'FLIPPER_S3_SERVER_CONFIG';
