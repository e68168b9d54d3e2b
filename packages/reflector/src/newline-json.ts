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
  let pending = '';
  for await (const chunk of chunks) {
    pending += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let newline = pending.indexOf('\n');
    while (newline !== -1) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      if (line.trim() !== '') yield parseLine(line);
      newline = pending.indexOf('\n');
    }
  }
  pending += decoder.decode();
  if (pending.trim() !== '') yield parseLine(pending);
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch (error) {
    throw new WatchDecodeError('a watch line is not valid JSON', line, { cause: error });
  }
}
