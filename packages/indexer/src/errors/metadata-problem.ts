import { MissingMetadataError } from './missing-metadata-error';

/**
 * Explains why `object` has no usable `metadata.namespace`/`metadata.name`. Only called on the slow
 * path, after a key or index func found the metadata unusable.
 *
 * @internal
 */
export function metadataProblem(object: unknown): MissingMetadataError {
  if (typeof object !== 'object' || object === null) return new MissingMetadataError(object);
  const metadata: unknown = (object as { metadata?: unknown }).metadata;
  if (typeof metadata !== 'object' || metadata === null) return new MissingMetadataError(object);
  const { namespace } = metadata as { namespace?: unknown };
  if (namespace !== undefined && typeof namespace !== 'string') {
    return new MissingMetadataError(object, 'metadata.namespace is not a string');
  }
  return new MissingMetadataError(object, 'metadata.name is not a string');
}
