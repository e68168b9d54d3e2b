import { apiVersionOf, defaultResourceDefinitions } from '../cluster/resource-definition';
import type { ResourceDefinition } from '../cluster/resource-definition';
import type { TypeMeta } from './bookmark-object';

/**
 * The resource of objects whose kind the fake does not serve by default: only metadata.name and
 * metadata.namespace are selectable, as for any kind on the real server.
 */
export const anyResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'Object',
  plural: 'objects',
  namespaced: true,
};

/**
 * The resource whose selectable fields a field selector may name: the one given, else the served
 * kind the objects say they are, else {@link anyResource}.
 *
 * @param given - the resource from the options, if any.
 * @param typeMeta - the apiVersion and kind the objects carry.
 * @returns the resource.
 */
export function selectableResource(
  given: ResourceDefinition | undefined,
  typeMeta: TypeMeta,
): ResourceDefinition {
  if (given !== undefined) return given;
  const served = defaultResourceDefinitions.find(
    (definition) =>
      definition.kind === typeMeta.kind && apiVersionOf(definition) === typeMeta.apiVersion,
  );
  return served ?? anyResource;
}
