import { applyPatch } from 'rfc6902';
import type { Operation } from 'rfc6902';
import { statusErrors } from '../cluster/api-status';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Applies a JSON merge patch (RFC 7386): objects merge recursively, `null` deletes, anything
 * else (arrays included) replaces.
 *
 * @param target - the current document (not modified).
 * @param patch - the patch.
 * @param strategic - strip strategic-merge-patch directives (`$patch`, `$setElementOrder/...`,
 *   `$retainKeys`, `$deleteFromPrimitiveList/...`) and merge the rest the same way; lists are
 *   replaced rather than merged by key, which is enough for `kubectl apply` of simple objects.
 * @returns the patched document.
 */
export function applyMergePatch(target: unknown, patch: unknown, strategic = false): unknown {
  if (!isPlainObject(patch)) return patch;
  const result: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (strategic && key.startsWith('$')) continue;
    if (value === null) {
      delete result[key];
      continue;
    }
    const current = Object.hasOwn(result, key) ? result[key] : undefined;
    // A key such as "__proto__" is data here (as JSON.parse made it), never a prototype setter.
    Object.defineProperty(result, key, {
      value: applyMergePatch(current, value, strategic),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return result;
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

// Names that would reach a prototype through plain property access. rfc6902 skips such segments
// silently (so "/__proto__/x" would patch "/x"), hence this guard runs before it and refuses them.
const forbiddenSegments = new Set(['__proto__', 'constructor', 'prototype']);

function invalidPath(pointer: string, message: string): Error {
  return statusErrors.invalid('Patch', '', '', [
    {
      reason: 'FieldValueInvalid',
      message: `invalid path: "${pointer}": ${message}`,
      field: 'patch',
    },
  ]);
}

function missingPath(pointer: string): Error {
  return statusErrors.invalid('Patch', '', '', [
    { message: `doc is missing path: "${pointer}"`, field: 'patch' },
  ]);
}

function pointerSegments(pointer: string): string[] {
  if (!pointer.startsWith('/')) throw statusErrors.badRequest(`invalid JSON pointer: "${pointer}"`);
  const segments = pointer.slice(1).split('/').map(unescapePointer);
  const forbidden = segments.find((segment) => forbiddenSegments.has(segment));
  if (forbidden !== undefined)
    throw invalidPath(pointer, `the segment "${forbidden}" is not allowed`);
  return segments;
}

// Own properties only: a name such as "toString" that the document does not have itself must not
// resolve to what its prototype inherits (rfc6902 reads with plain property access).
function hasOwnPath(document: unknown, segments: readonly string[]): boolean {
  let current: unknown = document;
  for (const segment of segments) {
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(segment) || Number(segment) >= current.length) return false;
      current = current[Number(segment)];
    } else if (isPlainObject(current) && Object.hasOwn(current, segment))
      current = current[segment];
    else return false;
  }
  return true;
}

const operationNames = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);

// Checks one operation's shape and pointers against the document as it is before the operation.
function checkOperation(document: unknown, operation: unknown): Operation {
  if (!isPlainObject(operation) || typeof operation['path'] !== 'string')
    throw statusErrors.badRequest('invalid json patch operation');
  const op = operation['op'];
  if (typeof op !== 'string' || !operationNames.has(op))
    throw statusErrors.badRequest(`unexpected json patch operation: ${String(op)}`);
  const path = operation['path'];
  const pathSegments = pointerSegments(path);
  const mustExist = op !== 'add' && op !== 'move' && op !== 'copy';
  if (!hasOwnPath(document, mustExist ? pathSegments : pathSegments.slice(0, -1)))
    throw missingPath(path);
  if (op === 'move' || op === 'copy') {
    const from = operation['from'];
    if (typeof from !== 'string') throw statusErrors.badRequest(`${op} operation without "from"`);
    if (!hasOwnPath(document, pointerSegments(from))) throw missingPath(from);
  }
  // The shape was checked above; rfc6902 reads the fields it needs for each kind of operation.
  return operation as unknown as Operation;
}

/**
 * Applies a JSON patch (RFC 6902): add, remove, replace, move, copy and test, with `rfc6902`.
 * All operations apply or none: the target is not modified.
 *
 * @param target - the current document (not modified).
 * @param operations - the patch, an array of operations.
 * @returns the patched document.
 * @throws ApiStatusError 400 for a malformed patch, 422 when an operation cannot apply or a path
 *   goes through `__proto__`, `constructor` or `prototype`.
 */
export function applyJsonPatch(target: unknown, operations: unknown): unknown {
  if (!Array.isArray(operations))
    throw statusErrors.badRequest('json patch must be an array of operations');
  const document = structuredClone(target);
  for (const operation of operations as unknown[]) {
    const checked = checkOperation(document, operation);
    // One operation at a time, so that the next check sees the document the operation left.
    const [failure] = applyPatch(document, [checked]);
    // rfc6902 does not export its error classes from the package root: tell them by name.
    if (failure?.name === 'TestError')
      throw statusErrors.invalid('Patch', '', '', [
        { message: `testing value ${checked.path} failed`, field: 'patch' },
      ]);
    if (failure?.name === 'MissingError') throw missingPath(checked.path);
    if (failure) throw statusErrors.badRequest(failure.message);
  }
  return document;
}
