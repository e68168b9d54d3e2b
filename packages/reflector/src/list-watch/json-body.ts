import { constants } from 'node:buffer';
import { asBuffer, byteLimit } from './newline-json';
import { ResponseDecodeError } from '../errors/response-decode-error';

/**
 * The default largest list response (1 GiB). Node.js cannot hold a string much over 512 MiB, so
 * a body between that and this limit fails with a {@link ResponseDecodeError} saying so; ask for
 * pages (`limit`) instead.
 */
export const defaultMaxListBytes = 1024 * 1024 * 1024;

/**
 * Options of {@link readJsonBody}.
 */
export interface JsonBodyOptions {
  /** The largest body in bytes; default {@link defaultMaxListBytes}. */
  maxBytes?: number | undefined;
}

/**
 * Reads a whole JSON response body (a list) and parses it once, from the joined bytes. The bytes
 * are counted as they arrive: a body over the limit fails as soon as it passes it, and the rest is
 * not read (the stream is released).
 *
 * @param chunks - the response body (`Buffer`s as they arrive).
 * @param options - the size limit.
 * @returns the parsed value (of unknown shape; the caller checks it).
 * @throws {@link ResponseDecodeError} for a body over `maxBytes`, too large for a string, or not
 *   JSON; the error gives the length, never the text. What the stream throws (an abort, a reset).
 *   `RangeError` for a `maxBytes` that is not a positive integer.
 */
export async function readJsonBody(
  chunks: AsyncIterable<Uint8Array | string>,
  options: JsonBodyOptions = {},
): Promise<unknown> {
  const maxBytes = byteLimit(options.maxBytes, defaultMaxListBytes, 'maxBytes');
  const parts: Buffer[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    const bytes = asBuffer(chunk);
    total += bytes.length;
    if (total > maxBytes) {
      throw new ResponseDecodeError(
        `the list response is larger than the limit of ${maxBytes} bytes (maxListBytes; ${total} bytes read); list in pages or raise the limit`,
        { bodyBytes: total, maxBytes },
      );
    }
    parts.push(bytes);
  }
  if (total > constants.MAX_STRING_LENGTH) {
    throw new ResponseDecodeError(
      `the list response of ${total} bytes is larger than the longest string Node.js can parse (${constants.MAX_STRING_LENGTH} characters); list in pages`,
      { bodyBytes: total, maxBytes },
    );
  }
  const text = joinedText(parts, total, maxBytes);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    // V8's SyntaxError quotes the text, which must not travel on: keep its position only.
    const position = /position (\d+)/.exec(String(error))?.[1];
    throw new ResponseDecodeError(
      `the list response is not valid JSON (${total} bytes${
        position === undefined ? '' : `, error at character ${position}`
      })`,
      { bodyBytes: total, maxBytes },
    );
  }
}

/**
 * The body as one string, from its chunks joined once. The joined bytes die with this call (and
 * the chunks are let go as soon as they are joined), so only the string is held while it is
 * parsed.
 */
function joinedText(parts: Buffer[], total: number, maxBytes: number): string {
  const joined =
    parts.length === 1 && parts[0] !== undefined ? parts[0] : Buffer.concat(parts, total);
  parts.length = 0;
  try {
    return joined.toString('utf8');
  } catch (error) {
    // Multi-byte text can still pass the string limit after the check above.
    throw new ResponseDecodeError(
      `the list response of ${total} bytes is too long for a Node.js string; list in pages`,
      { cause: error, bodyBytes: total, maxBytes },
    );
  }
}
