import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeNewlineJson } from './newline-json';
import type { NewlineJsonOptions } from './newline-json';
import { WatchDecodeError } from '../errors/watch-decode-error';

async function* chunksOf(parts: (string | Uint8Array)[]): AsyncGenerator<string | Uint8Array> {
  for (const part of parts) {
    await Promise.resolve();
    yield part;
  }
}

async function collect(
  parts: (string | Uint8Array)[],
  options?: NewlineJsonOptions,
): Promise<unknown[]> {
  const values: unknown[] = [];
  for await (const value of decodeNewlineJson(chunksOf(parts), options)) values.push(value);
  return values;
}

const encode = (text: string): Buffer => Buffer.from(text, 'utf8');

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

  it('should throw a WatchDecodeError with the length and position, not the text, of a line that is not JSON', async () => {
    const secret = 'Bearer abc.def';
    const error: unknown = await collect([encode(`{"a":1}\n{"${secret}"}\n{"b":2}\n`)]).catch(
      (caught: unknown) => caught,
    );
    expect(WatchDecodeError.isInstance(error)).toBe(true);
    const decodeError = error as WatchDecodeError;
    expect(decodeError.lineBytes).toBe(secret.length + 4);
    expect(decodeError.streamOffset).toBe(8);
    expect(decodeError.message).toContain(`${secret.length + 4} bytes at byte 8`);
    expect(JSON.stringify({ ...decodeError, message: decodeError.message })).not.toContain('abc');
    expect(decodeError.cause).toBeUndefined();
  });

  it('should decode many lines in one Buffer chunk and CRLF line ends', async () => {
    const lines = Array.from({ length: 100 }, (_, index) => ({ index, name: `pod-${index}` }));
    const text = lines.map((line) => `${JSON.stringify(line)}\r\n`).join('');
    expect(await collect([encode(text)])).toEqual(lines);
  });

  it('should decode one line spread over many small chunks', async () => {
    const value = { data: 'x'.repeat(5000), nested: { list: [1, 2, 3] } };
    const bytes = encode(`${JSON.stringify(value)}\n${JSON.stringify({ next: true })}\n`);
    const parts: Uint8Array[] = [];
    for (let start = 0; start < bytes.length; start += 7) {
      parts.push(new Uint8Array(bytes.subarray(start, start + 7)));
    }
    expect(await collect(parts)).toEqual([value, { next: true }]);
  });

  it('should skip blank and whitespace-only lines however they are chunked', async () => {
    expect(await collect([encode('\n \r\n\t\n{"a"'), encode(':1}\n\r'), encode('\n\n')])).toEqual([
      { a: 1 },
    ]);
  });

  it('should accept a line of exactly the limit and fail one byte over it', async () => {
    const line = JSON.stringify({ data: 'y'.repeat(90) });
    expect(await collect([encode(`${line}\n`)], { maxLineBytes: line.length })).toEqual([
      JSON.parse(line),
    ]);
    const error: unknown = await collect([encode(`${line}\n`)], {
      maxLineBytes: line.length - 1,
    }).catch((caught: unknown) => caught);
    expect(WatchDecodeError.isInstance(error)).toBe(true);
    expect((error as WatchDecodeError).maxLineBytes).toBe(line.length - 1);
    expect((error as WatchDecodeError).message).toContain(`limit of ${line.length - 1} bytes`);
  });

  it('should fail a line that never ends at the limit, without reading on', async () => {
    const maxLineBytes = 4 * 1024 * 1024;
    let chunksRead = 0;
    let released = false;
    async function* endless(): AsyncGenerator<Uint8Array> {
      const piece = Buffer.alloc(1024 * 1024, 0x61);
      try {
        yield encode('{"a":1}\n{"b":"');
        for (;;) {
          await Promise.resolve();
          chunksRead += 1;
          yield piece;
        }
      } finally {
        released = true;
      }
    }
    const values: unknown[] = [];
    const error: unknown = await (async () => {
      for await (const value of decodeNewlineJson(endless(), { maxLineBytes })) values.push(value);
    })().catch((caught: unknown) => caught);
    expect(values).toEqual([{ a: 1 }]);
    expect(WatchDecodeError.isInstance(error)).toBe(true);
    expect((error as WatchDecodeError).maxLineBytes).toBe(maxLineBytes);
    expect((error as WatchDecodeError).streamOffset).toBe(8);
    expect(chunksRead).toBe(4);
    expect(released).toBe(true);
  });

  it('should fail an over-long line held in one chunk before its newline', async () => {
    const error: unknown = await collect([encode(`{"a":"${'z'.repeat(100)}`)], {
      maxLineBytes: 50,
    }).catch((caught: unknown) => caught);
    expect((error as WatchDecodeError).lineBytes).toBe(106);
  });

  it('should reject a limit that is not a positive integer', async () => {
    await expect(collect([], { maxLineBytes: 0 })).rejects.toThrow(RangeError);
  });

  it('should throw for a truncated last line', async () => {
    await expect(collect(['{"a":1}\n{"b":'])).rejects.toSatisfy(WatchDecodeError.isInstance);
  });

  it('should decode the same values with CRLF and blank lines, however chunked, under a tight limit (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            value: fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer())),
            ending: fc.constantFrom('\n', '\r\n', '\n\n', '\n \r\n'),
          }),
          { maxLength: 8 },
        ),
        fc.array(fc.nat(), { maxLength: 10 }),
        async (lines, cuts) => {
          const texts = lines.map(({ value }) => JSON.stringify(value));
          const bytes = encode(
            lines.map(({ ending }, index) => `${texts[index]}${ending}`).join(''),
          );
          // The longest line with its CR: exactly at the limit must pass.
          const maxLineBytes = Math.max(1, ...texts.map((text) => Buffer.byteLength(text) + 1));
          const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort(
            (a, b) => a - b,
          );
          const parts: Uint8Array[] = [];
          let start = 0;
          for (const point of [...points, bytes.length]) {
            parts.push(bytes.subarray(start, point));
            start = point;
          }
          expect(await collect(parts, { maxLineBytes })).toEqual(lines.map(({ value }) => value));
        },
      ),
      { numRuns: 200 },
    );
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
