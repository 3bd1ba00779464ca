import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => XML_ESCAPES[char] ?? char);
}

/** The XML error document S3 answers with: Code, Message, details, RequestId and HostId. */
export function s3ErrorXml(code: string, message: string, details: Record<string, string> = {}): string {
  const requestId = randomBytes(8).toString('hex').toUpperCase();
  const hostId = randomBytes(24).toString('base64');
  const fields = { Code: code, Message: message, ...details, RequestId: requestId, HostId: hostId };
  const body = Object.entries(fields)
    .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${body}</Error>`;
}

/** Answers with an S3 error; the request body, which nobody reads, is discarded. */
export function sendS3Error(
  response: ServerResponse,
  status: number,
  code: string,
  message: string,
  details: Record<string, string> = {},
): void {
  const body = s3ErrorXml(code, message, details);
  response.writeHead(status, {
    'content-type': 'application/xml',
    'content-length': Buffer.byteLength(body),
    'x-amz-error-code': code,
  });
  response.end(body);
}
