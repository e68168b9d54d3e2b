import { WatchDecodeError } from '../errors/watch-decode-error';

/**
 * The default longest watch line (64 MiB): far above any object the API server stores (etcd's
 * default request limit is 1.5 MiB), far below what hurts a process.
 */
export const defaultMaxWatchLineBytes = 64 * 1024 * 1024;

/**
 * Options of {@link decodeNewlineJson}.
 */
export interface NewlineJsonOptions {
  /** The longest line in bytes (without its newline); default {@link defaultMaxWatchLineBytes}. */
  maxLineBytes?: number | undefined;
}

const newline = 0x0a;

/**
 * Splits a byte stream into newline-delimited JSON values, incrementally and on the bytes: the
 * newlines are found in the `Buffer`s, each complete line is decoded and parsed once, and only
 * the unterminated tail is kept (a value may span many chunks, a chunk may hold many values, a
 * UTF-8 character may be split between chunks). Blank lines (also `\r`) are skipped; anything
 * else that is not JSON is an error. A line is counted in bytes as they arrive, so a line that
 * never ends fails at the limit instead of growing the process.
 *
 * @param chunks - the response body (`Buffer`s as they arrive; strings are accepted too).
 * @param options - the line limit.
 * @returns the parsed values, in order.
 * @throws {@link WatchDecodeError} for a line that is not JSON (also a trailing unterminated
 *   one) or a line longer than `maxLineBytes`; the error gives the line's length and position,
 *   never its text. `RangeError` for a `maxLineBytes` that is not a positive integer.
 */
export async function* decodeNewlineJson(
  chunks: AsyncIterable<Uint8Array | string>,
  options: NewlineJsonOptions = {},
): AsyncGenerator<unknown> {
  const maxLineBytes = byteLimit(options.maxLineBytes, defaultMaxWatchLineBytes, 'maxLineBytes');
  // The unterminated line so far, as pieces (joined once, when its newline arrives).
  let tail: Buffer[] = [];
  let tailBytes = 0;
  let chunkOffset = 0; // bytes of the body before the current chunk
  let lineOffset = 0; // where the current line starts in the body
  for await (const chunk of chunks) {
    const bytes = asBuffer(chunk);
    let start = 0;
    let end = bytes.indexOf(newline);
    while (end !== -1) {
      const lineBytes = tailBytes + end - start;
      if (lineBytes > maxLineBytes) throw tooLong(lineBytes, lineOffset, maxLineBytes);
      let value: unknown;
      if (tailBytes === 0) {
        value = parseLine(bytes, start, end, lineOffset);
      } else {
        tail.push(bytes.subarray(start, end));
        const joined = Buffer.concat(tail, lineBytes);
        tail = [];
        tailBytes = 0;
        value = parseLine(joined, 0, lineBytes, lineOffset);
      }
      start = end + 1;
      lineOffset = chunkOffset + start;
      if (value !== blank) yield value;
      end = bytes.indexOf(newline, start);
    }
    const rest = bytes.length - start;
    if (rest > 0) {
      if (tailBytes + rest > maxLineBytes) {
        throw tooLong(tailBytes + rest, lineOffset, maxLineBytes);
      }
      // A whole chunk is kept as is; a piece is copied so the rest of the chunk can be freed.
      tail.push(start === 0 ? bytes : Buffer.from(bytes.subarray(start)));
      tailBytes += rest;
    }
    chunkOffset += bytes.length;
  }
  if (tailBytes > 0) {
    const value = parseLine(Buffer.concat(tail, tailBytes), 0, tailBytes, lineOffset);
    if (value !== blank) yield value;
  }
}

/**
 * Checks a byte limit option.
 *
 * @param value - the option as given.
 * @param fallback - the default.
 * @param name - the option's name, for the error.
 * @returns the limit.
 * @throws `RangeError` when `value` is not a positive integer.
 * @internal
 */
export function byteLimit(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`\`${name}\` must be a positive integer`);
  }
  return value;
}

/**
 * A chunk as a `Buffer` over the same memory (no copy for a `Buffer` or `Uint8Array`).
 *
 * @param chunk - a body chunk.
 * @returns its bytes.
 * @internal
 */
export function asBuffer(chunk: Uint8Array | string): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  if (Buffer.isBuffer(chunk)) return chunk;
  return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** Marks a blank line (distinct from every JSON value). */
const blank: unique symbol = Symbol('blank');

function parseLine(bytes: Buffer, start: number, end: number, offset: number): unknown {
  // JSON.parse skips whitespace itself; only an all-whitespace line needs looking at here.
  let first = start;
  while (first < end && isWhitespace(bytes[first] ?? 0)) first += 1;
  if (first === end) return blank;
  try {
    return JSON.parse(bytes.toString('utf8', start, end)) as unknown;
  } catch (error) {
    // V8's SyntaxError quotes the text, which must not travel on: keep its position only.
    const position = /position (\d+)/.exec(String(error))?.[1];
    throw new WatchDecodeError(
      `a watch line is not valid JSON (${end - start} bytes at byte ${offset} of the stream${
        position === undefined ? '' : `, error at character ${position} of the line`
      })`,
      { lineBytes: end - start, streamOffset: offset },
    );
  }
}

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0d || byte === 0x09;
}

function tooLong(lineBytes: number, offset: number, maxLineBytes: number): WatchDecodeError {
  return new WatchDecodeError(
    `a watch line is longer than the limit of ${maxLineBytes} bytes (maxWatchLineBytes; ${lineBytes} bytes read of the line starting at byte ${offset} of the stream)`,
    { lineBytes, streamOffset: offset, maxLineBytes },
  );
}
