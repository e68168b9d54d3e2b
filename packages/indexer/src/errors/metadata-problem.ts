import { MissingMetadataError } from './missing-metadata-error';

/**
 * Explains why `obj` has no usable `metadata.namespace`/`metadata.name`. Only called on the slow
 * path, after a key or index func found the metadata unusable.
 *
 * @internal
 */
export function metadataProblem(obj: unknown): MissingMetadataError {
  if (typeof obj !== 'object' || obj === null) return new MissingMetadataError(obj);
  const metadata: unknown = (obj as { metadata?: unknown }).metadata;
  if (typeof metadata !== 'object' || metadata === null) return new MissingMetadataError(obj);
  const { namespace } = metadata as { namespace?: unknown };
  if (namespace !== undefined && typeof namespace !== 'string') {
    return new MissingMetadataError(obj, 'metadata.namespace is not a string');
  }
  return new MissingMetadataError(obj, 'metadata.name is not a string');
}
