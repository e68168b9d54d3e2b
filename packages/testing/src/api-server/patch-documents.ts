import { statusErrors } from './api-status';

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
 * @since 0.1.0
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

// Names that would reach a prototype through plain property access: a patch path through them
// could change Object.prototype in the process hosting the fake.
const forbiddenSegments = new Set(['__proto__', 'constructor', 'prototype']);

function pointerSegments(pointer: string): string[] {
  if (!pointer.startsWith('/')) throw statusErrors.badRequest(`invalid JSON pointer: "${pointer}"`);
  const segments = pointer.slice(1).split('/').map(unescapePointer);
  const forbidden = segments.find((segment) => forbiddenSegments.has(segment));
  if (forbidden !== undefined)
    throw statusErrors.invalid('Patch', '', '', [
      {
        reason: 'FieldValueInvalid',
        message: `invalid path: "${pointer}": the segment "${forbidden}" is not allowed`,
        field: 'patch',
      },
    ]);
  return segments;
}

// Own properties only, so that no lookup ever walks up a prototype chain.
function child(parent: unknown, segment: string): unknown {
  if (Array.isArray(parent)) return /^\d+$/.test(segment) ? parent[Number(segment)] : undefined;
  return isPlainObject(parent) && Object.hasOwn(parent, segment) ? parent[segment] : undefined;
}

function parentOf(
  document: unknown,
  pointer: string,
): { parent: Record<string, unknown> | unknown[]; key: string } {
  const segments = pointerSegments(pointer);
  const key = segments.pop() ?? '';
  let parent: unknown = document;
  for (const segment of segments) parent = child(parent, segment);
  if (!Array.isArray(parent) && !isPlainObject(parent))
    throw statusErrors.invalid('Patch', '', '', [
      { message: `doc is missing path: "${pointer}"`, field: 'patch' },
    ]);
  return { parent, key };
}

function read(document: unknown, pointer: string): unknown {
  if (pointer === '') return document;
  const { parent, key } = parentOf(document, pointer);
  const value = child(parent, key);
  if (value === undefined)
    throw statusErrors.invalid('Patch', '', '', [
      { message: `doc is missing path: "${pointer}"`, field: 'patch' },
    ]);
  return value;
}

function write(document: unknown, pointer: string, value: unknown, insert: boolean): void {
  const { parent, key } = parentOf(document, pointer);
  if (Array.isArray(parent)) {
    const index = key === '-' ? parent.length : Number(key);
    if (insert) parent.splice(index, 0, value);
    else parent[index] = value;
  } else parent[key] = value;
}

function remove(document: unknown, pointer: string): void {
  read(document, pointer);
  const { parent, key } = parentOf(document, pointer);
  if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else delete parent[key];
}

/**
 * Applies a JSON patch (RFC 6902): add, remove, replace, move, copy and test.
 *
 * @param target - the current document (not modified).
 * @param operations - the patch, an array of operations.
 * @returns the patched document.
 * @throws ApiStatusError 400 for a malformed patch, 422 when an operation cannot apply.
 * @since 0.1.0
 */
export function applyJsonPatch(target: unknown, operations: unknown): unknown {
  if (!Array.isArray(operations))
    throw statusErrors.badRequest('json patch must be an array of operations');
  const document = structuredClone(target);
  for (const operation of operations) {
    if (!isPlainObject(operation) || typeof operation['path'] !== 'string')
      throw statusErrors.badRequest('invalid json patch operation');
    const path = operation['path'];
    const from = typeof operation['from'] === 'string' ? operation['from'] : '';
    switch (operation['op']) {
      case 'add':
        write(document, path, structuredClone(operation['value']), true);
        break;
      case 'remove':
        remove(document, path);
        break;
      case 'replace':
        read(document, path);
        write(document, path, structuredClone(operation['value']), false);
        break;
      case 'move': {
        const value = read(document, from);
        remove(document, from);
        write(document, path, value, true);
        break;
      }
      case 'copy':
        write(document, path, structuredClone(read(document, from)), true);
        break;
      case 'test':
        if (JSON.stringify(read(document, path)) !== JSON.stringify(operation['value'])) {
          throw statusErrors.invalid('Patch', '', '', [
            { message: `testing value ${path} failed`, field: 'patch' },
          ]);
        }
        break;
      default:
        throw statusErrors.badRequest(
          `unexpected json patch operation: ${String(operation['op'])}`,
        );
    }
  }
  return document;
}
