// The few members of s3rver 3.7 (CommonJS, untyped) that the server process uses.
declare module 's3rver' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  interface S3rverOptions {
    directory: string;
    silent?: boolean;
    resetOnClose?: boolean;
    allowMismatchedSignatures?: boolean;
    vhostBuckets?: boolean;
  }

  class S3rver {
    constructor(options: S3rverOptions);
    /** The Koa request handler, to be mounted on a server of our own. */
    callback(): (request: IncomingMessage, response: ServerResponse) => void;
  }

  export default S3rver;
}
