// The few members of s3rver 3.7 (CommonJS, untyped) that the server process uses.
declare module 's3rver' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  import type { Readable } from 'node:stream';

  interface S3rverOptions {
    directory: string;
    silent?: boolean;
    resetOnClose?: boolean;
    allowMismatchedSignatures?: boolean;
    vhostBuckets?: boolean;
  }

  /** An object on its way into the store: `content` is the request stream. */
  export interface S3rverObject {
    bucket: string;
    key: string;
    content: Readable | Buffer;
    metadata: Record<string, string>;
  }

  export interface S3rverFilesystemStore {
    getResourcePath(bucket: string, key: string, resource: string): string;
    putMetadata(bucket: string, key: string, metadata: Record<string, string>, md5?: string): Promise<void>;
    putObject(object: S3rverObject): Promise<{ size: number; md5: string }>;
  }

  class S3rver {
    constructor(options: S3rverOptions);
    readonly store: S3rverFilesystemStore;
    /** The Koa request handler, to be mounted on a server of our own. */
    callback(): (request: IncomingMessage, response: ServerResponse) => void;
  }

  export default S3rver;
}
