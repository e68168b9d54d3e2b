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
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value, strategic);
  }
  return result;
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function parentOf(
  document: unknown,
  pointer: string,
): { parent: Record<string, unknown> | unknown[]; key: string } {
  if (!pointer.startsWith('/')) throw statusErrors.badRequest(`invalid JSON pointer: "${pointer}"`);
  const segments = pointer.slice(1).split('/').map(unescapePointer);
  const key = segments.pop() ?? '';
  let parent: unknown = document;
  for (const segment of segments) {
    parent = Array.isArray(parent)
      ? parent[Number(segment)]
      : isPlainObject(parent)
        ? parent[segment]
        : undefined;
  }
  if (!Array.isArray(parent) && !isPlainObject(parent))
    throw statusErrors.invalid('Patch', '', '', [
      { message: `doc is missing path: "${pointer}"`, field: 'patch' },
    ]);
  return { parent, key };
}

function read(document: unknown, pointer: string): unknown {
  if (pointer === '') return document;
  const { parent, key } = parentOf(document, pointer);
  const value = Array.isArray(parent) ? parent[Number(key)] : parent[key];
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
