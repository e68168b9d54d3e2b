import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeNewlineJson } from './newline-json';
import { WatchDecodeError } from './watch-decode-error';

async function* chunksOf(parts: (string | Uint8Array)[]): AsyncGenerator<string | Uint8Array> {
  for (const part of parts) {
    await Promise.resolve();
    yield part;
  }
}

async function collect(parts: (string | Uint8Array)[]): Promise<unknown[]> {
  const values: unknown[] = [];
  for await (const value of decodeNewlineJson(chunksOf(parts))) values.push(value);
  return values;
}

describe('decodeNewlineJson', () => {
  it('should decode values split across chunks and several values in one chunk', async () => {
    expect(await collect(['{"a":', '1}\n{"b":2}\n{"c"', ':3}\n'])).toEqual([
      { a: 1 },
      { b: 2 },
      { c: 3 },
    ]);
  });

  it('should decode a multi-byte character split between chunks', async () => {
    const bytes = new TextEncoder().encode('{"name":"café ☃"}\n');
    expect(await collect([bytes.slice(0, 12), bytes.slice(12, 14), bytes.slice(14)])).toEqual([
      { name: 'café ☃' },
    ]);
  });

  it('should skip blank lines and accept a final line without a newline', async () => {
    expect(await collect(['\n{"a":1}\r\n\n', '{"b":2}'])).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('should throw a WatchDecodeError carrying the line for a line that is not JSON', async () => {
    const error: unknown = await collect(['{"a":1}\n{oops}\n{"b":2}\n']).catch(
      (caught: unknown) => caught,
    );
    expect(WatchDecodeError.isInstance(error)).toBe(true);
    expect((error as WatchDecodeError).line).toBe('{oops}');
  });

  it('should throw for a truncated last line', async () => {
    await expect(collect(['{"a":1}\n{"b":'])).rejects.toSatisfy(WatchDecodeError.isInstance);
  });

  it('should decode the same values however the stream is chunked', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.boolean())), {
          maxLength: 8,
        }),
        fc.array(fc.nat(), { maxLength: 10 }),
        async (values, cuts) => {
          const bytes = new TextEncoder().encode(
            values.map((value) => `${JSON.stringify(value)}\n`).join(''),
          );
          const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort(
            (a, b) => a - b,
          );
          const parts: Uint8Array[] = [];
          let start = 0;
          for (const point of [...points, bytes.length]) {
            parts.push(bytes.slice(start, point));
            start = point;
          }
          expect(await collect(parts)).toEqual(values);
        },
      ),
      { numRuns: 200 },
    );
  });
});
