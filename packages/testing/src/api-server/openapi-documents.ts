import { createHash } from 'node:crypto';
import type { ResourceDefinition } from '../cluster/resource-definition';
import { groupVersionPath } from '../cluster/resource-definition';

function groupVersionKey(definition: ResourceDefinition): string {
  return groupVersionPath(definition).slice(1);
}

function groupVersionDocument(definitions: readonly ResourceDefinition[]): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const definition of definitions) {
    const itemPath = definition.namespaced
      ? `${groupVersionPath(definition)}/namespaces/{namespace}/${definition.plural}/{name}`
      : `${groupVersionPath(definition)}/${definition.plural}/{name}`;
    const groupVersionKind = {
      group: definition.group,
      version: definition.version,
      kind: definition.kind,
    };
    paths[itemPath] = {
      patch: {
        operationId: `patch${definition.kind}`,
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': groupVersionKind,
        parameters: [
          { name: 'fieldValidation', in: 'query', schema: { type: 'string', uniqueItems: true } },
          { name: 'fieldManager', in: 'query', schema: { type: 'string', uniqueItems: true } },
        ],
        responses: { '200': { description: 'OK' } },
      },
    };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.0-kube-cache-fake' },
    paths,
  };
}

function hashOf(document: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(document))
    .digest('hex')
    .slice(0, 32)
    .toUpperCase();
}

/**
 * A minimal OpenAPI v3 surface: the `/openapi/v3` index and, per group version, a document with
 * each resource's PATCH operation declaring the `fieldValidation` query parameter. That is what
 * kubectl checks to delegate `apply` validation to the server, so `kubectl apply -f` works
 * without `--validate=false`. There are no schemas: kubectl then builds its patches from its
 * compiled-in types. `/openapi/v2` stays a 404, which the real server also allows.
 *
 * @param path - the request path.
 * @param definitions - the registered resources.
 * @returns the document, or undefined when `path` is not an OpenAPI v3 path we serve.
 */
export function openApiDocument(path: string, definitions: readonly ResourceDefinition[]): unknown {
  const groups = new Map<string, ResourceDefinition[]>();
  for (const definition of definitions) {
    const key = groupVersionKey(definition);
    groups.set(key, [...(groups.get(key) ?? []), definition]);
  }
  if (path === '/openapi/v3') {
    const paths: Record<string, unknown> = {};
    for (const [key, members] of groups) {
      paths[key] = {
        serverRelativeURL: `/openapi/v3/${key}?hash=${hashOf(groupVersionDocument(members))}`,
      };
    }
    return { paths };
  }
  if (!path.startsWith('/openapi/v3/')) return undefined;
  const members = groups.get(path.slice('/openapi/v3/'.length));
  return members === undefined ? undefined : groupVersionDocument(members);
}
