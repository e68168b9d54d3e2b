// A minimal protobuf encoder for tests: builds the bytes kubectl would send.

function varint(value: bigint): Buffer {
  const bytes: number[] = [];
  let rest = BigInt.asUintN(64, value);
  do {
    const low = Number(rest & 0x7fn);
    rest >>= 7n;
    bytes.push(rest === 0n ? low : low | 0x80);
  } while (rest !== 0n);
  return Buffer.from(bytes);
}

/** A field: a number and a string, bytes, a nested message (array of fields), or an integer. */
export type TestField = readonly [number, string | Buffer | readonly TestField[] | bigint];

/**
 * Encodes fields as a protobuf message.
 *
 * @param fields - the fields, in order.
 * @returns the bytes.
 */
export function encodeMessage(fields: readonly TestField[]): Buffer {
  return Buffer.concat(
    fields.map(([number, value]) => {
      if (typeof value === 'bigint')
        return Buffer.concat([varint(BigInt(number << 3)), varint(value)]);
      const payload =
        typeof value === 'string'
          ? Buffer.from(value, 'utf8')
          : Buffer.isBuffer(value)
            ? value
            : encodeMessage(value);
      return Buffer.concat([
        varint(BigInt((number << 3) | 2)),
        varint(BigInt(payload.length)),
        payload,
      ]);
    }),
  );
}

/**
 * Wraps an object's encoded message in the `k8s\0` envelope (a `runtime.Unknown`).
 *
 * @param apiVersion - the object's apiVersion.
 * @param kind - its kind.
 * @param raw - the encoded object.
 * @param contentEncoding - an encoding of raw, if any.
 * @returns the request body.
 */
export function envelope(
  apiVersion: string,
  kind: string,
  raw: Buffer,
  contentEncoding = '',
): Buffer {
  return Buffer.concat([
    Buffer.from([0x6b, 0x38, 0x73, 0x00]),
    encodeMessage([
      [
        1,
        [
          [1, apiVersion],
          [2, kind],
        ],
      ],
      [2, raw],
      [3, contentEncoding],
      [4, ''],
    ]),
  ]);
}

/**
 * One map entry (`map<string, string>` fields are repeated entries with key 1 and value 2).
 *
 * @param key - the key.
 * @param value - the value.
 * @returns the entry's fields.
 */
export function mapEntry(key: string, value: string | Buffer): readonly TestField[] {
  return [
    [1, key],
    [2, value],
  ];
}
