import { STATUS_CODES } from 'node:http';
import { ApiStatusError } from '@kube-cache/indexer';
import type { Status } from '@kube-cache/indexer';
import { redactSecrets } from './request-credentials';
import { parseRetryAfter } from './retry-after';

// An error body larger than this is not read further: a Status is a few hundred bytes.
const maximumErrorBodyBytes = 1024 * 1024;

/**
 * Builds the `ApiStatusError` of a non-2xx answer. A body that is a Kubernetes `Status` becomes
 * the error's `status` (with any credential of the request redacted); any other body is described
 * by its length and type only, never quoted: a proxy that echoes request headers would otherwise
 * put the bearer token into the message. `Retry-After` (whole seconds) becomes
 * `retryAfterMilliseconds`.
 *
 * @param parts - the status code, the `Retry-After` and `Content-Type` headers, the body and the
 *   request's credential values.
 * @returns the error.
 * @internal
 */
export async function statusError(parts: {
  code: number;
  retryAfter: string | readonly string[] | undefined;
  contentType: string | readonly string[] | undefined;
  body: AsyncIterable<Uint8Array | string>;
  secrets: readonly string[];
}): Promise<ApiStatusError> {
  const { code, secrets } = parts;
  const retryAfterMilliseconds = parseRetryAfter(parts.retryAfter);
  const chunks: Buffer[] = [];
  let bytes = 0;
  let truncated = false;
  try {
    for await (const chunk of parts.body) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
      bytes += buffer.length;
      if (bytes > maximumErrorBodyBytes) {
        truncated = true;
        break;
      }
      chunks.push(buffer);
    }
  } catch (error) {
    return new ApiStatusError(code, {
      message: `${describeCode(code)}; reading the body failed`,
      cause: error,
      retryAfterMilliseconds,
    });
  }
  const status = truncated
    ? undefined
    : parseStatus(Buffer.concat(chunks).toString('utf8'), secrets);
  if (status !== undefined) return new ApiStatusError(code, { status, retryAfterMilliseconds });
  const contentType = String(
    (Array.isArray(parts.contentType) ? parts.contentType[0] : parts.contentType) ?? 'unknown',
  );
  const size = truncated ? `more than ${maximumErrorBodyBytes}` : `${bytes}`;
  const body =
    bytes === 0
      ? 'an empty body'
      : `a body of ${size} bytes (${safeToken(contentType)}) that is not a Status`;
  return new ApiStatusError(code, {
    message: `${describeCode(code)} with ${body}`,
    retryAfterMilliseconds,
  });
}

function parseStatus(text: string, secrets: readonly string[]): Status | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(redactSecrets(text, secrets));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  return (parsed as { kind?: unknown }).kind === 'Status' ? parsed : undefined;
}

function describeCode(code: number): string {
  const phrase = STATUS_CODES[code];
  return `the API server answered ${code}${phrase === undefined ? '' : ` ${phrase}`}`;
}

// A media type is a server-chosen string too: keep only the shape of one.
function safeToken(contentType: string): string {
  const match = /^[\w.+-]+\/[\w.+-]+/.exec(contentType.trim());
  return match === null ? 'unknown' : match[0].slice(0, 60);
}
