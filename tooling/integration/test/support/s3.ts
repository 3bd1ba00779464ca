import { afterAll, beforeAll } from '@jest/globals';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { S3RVER_CREDENTIALS, startS3Server, type S3Server } from '@flipper-client/s3-server';

/** An S3 server of this test file (s3rver behind the conditional-write front) and a real SDK client. */
export interface S3Fixture {
  readonly server: S3Server;
  readonly client: S3Client;
  /** Creates an empty bucket no other test uses. */
  newBucket(label: string): Promise<string>;
}

let buckets = 0;

export function useS3(): () => S3Fixture {
  let fixture: S3Fixture | undefined;

  beforeAll(async () => {
    // With the front, If-Match is enforced as on Amazon S3, so the S3 store updates atomically.
    const server = await startS3Server({ conditionalWrites: true });
    const client = new S3Client({
      endpoint: server.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: S3RVER_CREDENTIALS,
    });
    fixture = {
      server,
      client,
      async newBucket(label) {
        const name = `${label}-${process.pid}-${++buckets}`;
        await server.createBucket(name);
        return name;
      },
    };
  });

  afterAll(async () => {
    fixture?.client.destroy();
    await fixture?.server.stop();
  });

  return () => {
    if (fixture === undefined) throw new Error('s3 fixture: used outside a test');
    return fixture;
  };
}

/** Every key at the bucket's root, sorted. */
export async function bucketKeys(client: S3Client, bucket: string): Promise<string[]> {
  const listing = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
  return (listing.Contents ?? []).map((object) => object.Key ?? '').sort();
}

/** An object's body as text, and its content type, read with a raw GetObject. */
export async function readObject(client: S3Client, bucket: string, key: string): Promise<{ text: string; contentType: string | undefined }> {
  const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return { text: (await object.Body?.transformToString('utf8')) ?? '', contentType: object.ContentType };
}
