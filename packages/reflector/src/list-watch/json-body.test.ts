import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readJsonBody } from './json-body';
import { ResponseDecodeError } from '../errors/response-decode-error';

async function* chunksOf(parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) {
    await Promise.resolve();
    yield part;
  }
}

const encode = (text: string): Buffer => Buffer.from(text, 'utf8');

describe('readJsonBody', () => {
  it('should parse a body split into many chunks, with a character split between two', async () => {
    const bytes = encode(JSON.stringify({ items: [{ name: 'café ☃' }], metadata: {} }));
    const cut = bytes.indexOf(0xe2) + 1; // inside the three bytes of the snowman
    expect(
      await readJsonBody(
        chunksOf([bytes.subarray(0, 5), bytes.subarray(5, cut), bytes.subarray(cut)]),
      ),
    ).toEqual({ items: [{ name: 'café ☃' }], metadata: {} });
  });

  it('should parse the same value however the body is chunked', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.jsonValue(),
        fc.array(fc.nat(), { maxLength: 8 }),
        async (value, cuts) => {
          const bytes = encode(JSON.stringify(value));
          const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort(
            (a, b) => a - b,
          );
          const parts: Uint8Array[] = [];
          let start = 0;
          for (const point of [...points, bytes.length]) {
            parts.push(bytes.subarray(start, point));
            start = point;
          }
          expect(await readJsonBody(chunksOf(parts))).toEqual(JSON.parse(JSON.stringify(value)));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('should fail as soon as the body passes the limit and stop reading', async () => {
    let chunksRead = 0;
    let released = false;
    async function* endless(): AsyncGenerator<Uint8Array> {
      const piece = Buffer.alloc(1024 * 1024, 0x20);
      try {
        for (;;) {
          await Promise.resolve();
          chunksRead += 1;
          yield piece;
        }
      } finally {
        released = true;
      }
    }
    const error: unknown = await readJsonBody(endless(), { maxBytes: 3 * 1024 * 1024 }).catch(
      (caught: unknown) => caught,
    );
    expect(ResponseDecodeError.isInstance(error)).toBe(true);
    const decodeError = error as ResponseDecodeError;
    expect(decodeError.maxBytes).toBe(3 * 1024 * 1024);
    expect(decodeError.bodyBytes).toBe(4 * 1024 * 1024);
    expect(decodeError.message).toContain(`limit of ${3 * 1024 * 1024} bytes`);
    expect(chunksRead).toBe(4);
    expect(released).toBe(true);
  });

  it('should accept a body of exactly the limit', async () => {
    expect(await readJsonBody(chunksOf([encode('[1, 2]')]), { maxBytes: 6 })).toEqual([1, 2]);
  });

  it('should say the body is not JSON without quoting it', async () => {
    const body = 'Authorization: Bearer secret-token-123';
    const error: unknown = await readJsonBody(chunksOf([encode(body)])).catch(
      (caught: unknown) => caught,
    );
    expect(ResponseDecodeError.isInstance(error)).toBe(true);
    const decodeError = error as ResponseDecodeError;
    expect(decodeError.bodyBytes).toBe(body.length);
    expect(decodeError.message).toContain(`${body.length} bytes`);
    expect(decodeError.message).not.toContain('secret');
    expect(decodeError.cause).toBeUndefined();
  });

  it('should pass on what the stream throws', async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      await Promise.resolve();
      yield encode('{"a"');
      throw new Error('socket hang up');
    }
    await expect(readJsonBody(failing())).rejects.toThrow('socket hang up');
  });

  it('should reject a limit that is not a positive integer', async () => {
    await expect(readJsonBody(chunksOf([]), { maxBytes: -1 })).rejects.toThrow(RangeError);
  });
});
