import type { ApiStatusError } from '@kube-cache/indexer';
import { statusErrors } from '../cluster/api-status';

/**
 * One field of a protobuf message: its number and either a varint value or the bytes of a
 * length-delimited value (strings, bytes, embedded messages, map entries).
 */
export type ProtobufField =
  | { readonly number: number; readonly type: 'varint'; readonly value: bigint }
  | { readonly number: number; readonly type: 'bytes'; readonly value: Buffer }
  | { readonly number: number; readonly type: 'fixed'; readonly value: Buffer };

function malformed(detail: string): ApiStatusError {
  return statusErrors.badRequest(`the protobuf body of the request is malformed: ${detail}`);
}

function readVarint(buffer: Buffer, start: number): { value: bigint; next: number } {
  let value = 0n;
  let shift = 0n;
  for (let offset = start; offset < buffer.length && shift < 70n; offset += 1) {
    const byte = buffer[offset] ?? 0;
    value |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return { value, next: offset + 1 };
    shift += 7n;
  }
  throw malformed(`truncated varint at byte ${start}`);
}

function slice(buffer: Buffer, start: number, length: number): Buffer {
  if (length < 0 || start + length > buffer.length)
    throw malformed(`a field at byte ${start} runs past the end of the message`);
  return buffer.subarray(start, start + length);
}

/**
 * Reads the fields of one protobuf message, in order (wire types 0, 1, 2 and 5).
 *
 * @param message - the encoded message.
 * @returns the fields.
 * @throws ApiStatusError 400 for malformed bytes or a group (wire types 3, 4).
 */
export function readProtobufFields(message: Buffer): ProtobufField[] {
  const fields: ProtobufField[] = [];
  let offset = 0;
  while (offset < message.length) {
    const key = readVarint(message, offset);
    const number = Number(key.value >> 3n);
    const wireType = Number(key.value & 7n);
    offset = key.next;
    if (wireType === 0) {
      const varint = readVarint(message, offset);
      fields.push({ number, type: 'varint', value: varint.value });
      offset = varint.next;
    } else if (wireType === 2) {
      const length = readVarint(message, offset);
      const value = slice(message, length.next, Number(length.value));
      fields.push({ number, type: 'bytes', value });
      offset = length.next + value.length;
    } else if (wireType === 1 || wireType === 5) {
      const value = slice(message, offset, wireType === 1 ? 8 : 4);
      fields.push({ number, type: 'fixed', value });
      offset += value.length;
    } else throw malformed(`unsupported wire type ${wireType} at byte ${offset}`);
  }
  return fields;
}
