import { UsageError } from '../errors.js';
import type { StoreSpec } from '../store-url.js';
import type { OpenedStore, OpenOptions } from './opened-store.js';
import { loadOptional } from './optional-package.js';

type S3Spec = Extract<StoreSpec, { kind: 's3' }>;

/**
 * The S3 client is configured the SDK's usual way — region, credentials and endpoint from the
 * environment or the shared config files (`AWS_REGION`, `AWS_ACCESS_KEY_ID`, `AWS_PROFILE`,
 * `AWS_ENDPOINT_URL_S3` / `AWS_ENDPOINT_URL`...). With a custom endpoint (MinIO, s3rver, a local
 * server) requests are path-style, as such servers expect, unless the URL says otherwise.
 */
export async function openS3Store(spec: S3Spec, options: OpenOptions): Promise<OpenedStore> {
  const { S3FeatureFlagStore } = await loadOptional('s3', () => import('@flipper-client/store-s3'));
  const { S3Client } = await loadOptional('s3', () => import('@aws-sdk/client-s3'));
  // The SDK warns on every run that its releases from 2027 on need Node 22: a notice for the
  // application's developers, noise on a command's stderr (set it to false to see it).
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  const customEndpoint = (process.env['AWS_ENDPOINT_URL_S3'] ?? process.env['AWS_ENDPOINT_URL'] ?? '') !== '';
  const client = new S3Client({ forcePathStyle: spec.pathStyle ?? customEndpoint });
  try {
    await client.config.region().catch((error: unknown) => {
      throw new UsageError('s3 store: no AWS region is configured; set AWS_REGION (or a region in the AWS config file)', { cause: error });
    });
    // Throws an InvalidArgumentError (a usage error) for a prefix S3 cannot hold.
    const store = new S3FeatureFlagStore(client, spec.bucket, {
      prefix: spec.prefix,
      requestTimeoutMs: options.timeoutMs,
      conditionalWrites: spec.conditionalWrites,
      listConcurrency: 32,
      ...(spec.pageSize === undefined ? {} : { pageSize: spec.pageSize }),
    });
    return {
      store,
      spec,
      async close() {
        client.destroy();
      },
    };
  } catch (error) {
    client.destroy();
    throw error;
  }
}
