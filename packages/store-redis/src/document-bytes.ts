import { isUtf8 } from 'node:buffer';
import { InvalidDocumentError } from '@flipper-client/core/store';

/**
 * The stored bytes of a flag as text, refusing bytes that are not UTF-8: such a document is not
 * JSON (RFC 8259), the Python library cannot read it either (`json.loads` raises), and decoding
 * it anyway would turn each bad byte into U+FFFD — an export or a copy would then write other
 * bytes than the ones stored, without a word.
 */
export function strictDocumentText(featureName: string, bytes: Buffer): string {
  if (!isUtf8(bytes)) {
    throw new InvalidDocumentError(featureName, 'document', 'holds bytes that are not valid UTF-8; it cannot be listed, exported or copied as it is (an update, create or delete still works)');
  }
  return bytes.toString('utf8');
}
