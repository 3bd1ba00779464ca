import { InvalidDocumentError } from './errors.js';

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The stored bytes of a flag as text, refusing bytes that are not UTF-8 with an
 * `InvalidDocumentError` naming the flag. Such a document is not JSON (RFC 8259) and the Python
 * library cannot read it either (`json.loads` raises); decoding it anyway would turn each bad
 * byte into U+FFFD, so a listing feeding an export or a copy would write other bytes than the
 * stored ones without a word. Stores use it where they list.
 */
export function strictDocumentText(featureName: string, bytes: Uint8Array): string {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch (error) {
    throw new InvalidDocumentError(
      featureName,
      'document',
      'holds bytes that are not valid UTF-8; it cannot be listed, exported or copied as it is (an update, create or delete still works)',
      { cause: error },
    );
  }
}
