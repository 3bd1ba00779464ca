import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import type { S3rverFilesystemStore, S3rverObject } from 's3rver';

async function readAll(content: Buffer | Readable): Promise<Buffer> {
  if (Buffer.isBuffer(content)) return content;
  const chunks: Buffer[] = [];
  for await (const chunk of content) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}

/**
 * s3rver 3.7 answers a PutObject once the body has streamed through its hash, before the file
 * stream has written it, and rewrites the object's file in place: a read right after the answer
 * can see a truncated object. Amazon S3 guarantees read-after-write, and tests depend on it, so
 * the server process replaces the store's `putObject`: the body is written to a temporary file
 * and renamed over the object (a whole old or a whole new object, never a mix), and only then is
 * the metadata (ETag) written and the request answered.
 */
export function makePutsDurable(store: S3rverFilesystemStore): void {
  store.putObject = async (object: S3rverObject) => {
    const content = await readAll(object.content);
    const md5 = createHash('md5').update(content).digest('hex');
    const objectPath = store.getResourcePath(object.bucket, object.key, 'object');
    await mkdir(dirname(objectPath), { recursive: true });
    // The suffix keeps the temporary file out of listings, which only take `._S3rver_object` files.
    const temporary = `${objectPath}.${randomBytes(6).toString('hex')}.partial`;
    await writeFile(temporary, content);
    await rename(temporary, objectPath);
    await store.putMetadata(object.bucket, object.key, object.metadata, md5);
    return { size: content.length, md5 };
  };
}
