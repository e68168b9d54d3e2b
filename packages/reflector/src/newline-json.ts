import { WatchDecodeError } from './watch-decode-error';

/**
 * Splits a byte stream into newline-delimited JSON values, incrementally (a value may span many
 * chunks, a chunk may hold many values, a UTF-8 character may be split between chunks). Blank
 * lines are skipped; anything else that is not JSON is an error.
 *
 * @param chunks - the response body.
 * @returns the parsed values, in order.
 * @throws {@link WatchDecodeError} for a line that is not JSON, or a trailing unterminated line
 *   that is not JSON.
 * @since 0.1.0
 */
export async function* decodeNewlineJson(
  chunks: AsyncIterable<Uint8Array | string>,
): AsyncGenerator<unknown> {
  const decoder = new TextDecoder('utf-8');
  // Only the new text is searched for newlines, so a large object split into many chunks costs
  // linear time, not quadratic.
  let pending = '';
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let newline = text.indexOf('\n');
    if (newline === -1) {
      pending += text;
      continue;
    }
    const first = pending + text.slice(0, newline);
    pending = '';
    if (!isBlank(first)) yield parseLine(first);
    let start = newline + 1;
    newline = text.indexOf('\n', start);
    while (newline !== -1) {
      const line = text.slice(start, newline);
      if (!isBlank(line)) yield parseLine(line);
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    pending = text.slice(start);
  }
  pending += decoder.decode();
  if (!isBlank(pending)) yield parseLine(pending);
}

function isBlank(line: string): boolean {
  return !/\S/.test(line);
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch (error) {
    throw new WatchDecodeError('a watch line is not valid JSON', line, { cause: error });
  }
}
