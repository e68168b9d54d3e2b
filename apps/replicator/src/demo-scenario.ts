import type { KubeObject } from '@kube-cache/indexer';
import type { FakeApiServer, ResourceDefinition } from '@kube-cache/testing';
import type { NamespaceObject, ReplicatedObject } from './replicated-object';
import { replicateToAnnotation, replicateToSelectorAnnotation } from './replicated-object';

/**
 * Secrets, served by the fake API server beside its default resources (it serves ConfigMaps and
 * Namespaces out of the box).
 */
export const secretResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'Secret',
  plural: 'secrets',
  namespaced: true,
  deleteAnswer: 'status',
};

/**
 * A Namespace object.
 *
 * @param name - its name.
 * @param labels - its labels.
 * @returns the object.
 */
export function namespaceObject(
  name: string,
  labels: Record<string, string> = {},
): NamespaceObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

/**
 * A ConfigMap or Secret with data and annotations.
 *
 * @param kind - `ConfigMap` or `Secret`.
 * @param namespace - its namespace.
 * @param name - its name.
 * @param data - its data (for a Secret, base64 values).
 * @param annotations - its annotations.
 * @returns the object.
 */
export function dataObject(
  kind: 'ConfigMap' | 'Secret',
  namespace: string,
  name: string,
  data: Record<string, string>,
  annotations: Record<string, string> = {},
): ReplicatedObject {
  return {
    apiVersion: 'v1',
    kind,
    metadata: { name, namespace, annotations },
    data,
    ...(kind === 'Secret' ? { type: 'Opaque' } : {}),
  };
}

/**
 * One step of the demo's script: what it shows, and the change it makes.
 */
export interface DemoStep {
  title: string;
  apply(server: FakeApiServer): void;
}

const base64 = (text: string): string => Buffer.from(text).toString('base64');

/**
 * The demo's starting cluster: a `platform` namespace holding three sources (a ConfigMap for
 * two named namespaces, a Secret for the `env=prod` namespaces, a ConfigMap for all), four team
 * namespaces, and a foreign ConfigMap in `team-d` that takes one source's name.
 *
 * @returns the objects to seed.
 */
export function demoSeed(): KubeObject[] {
  return [
    namespaceObject('platform'),
    namespaceObject('team-a', { env: 'prod' }),
    namespaceObject('team-b', { env: 'dev' }),
    namespaceObject('team-c', { env: 'prod' }),
    namespaceObject('team-d'),
    dataObject(
      'ConfigMap',
      'platform',
      'app-config',
      { logLevel: 'info' },
      {
        [replicateToAnnotation]: 'team-a,team-b',
      },
    ),
    dataObject(
      'Secret',
      'platform',
      'db-credentials',
      { password: base64('s3cret') },
      {
        [replicateToSelectorAnnotation]: 'env=prod',
      },
    ),
    dataObject(
      'ConfigMap',
      'platform',
      'ca-bundle',
      { 'ca.crt': 'CERT-1' },
      {
        [replicateToAnnotation]: '*',
      },
    ),
    dataObject('ConfigMap', 'team-d', 'ca-bundle', { 'ca.crt': 'THEIR-OWN' }),
  ];
}

function updateObject(
  server: FakeApiServer,
  kind: 'ConfigMap' | 'Secret',
  namespace: string,
  name: string,
  change: (object: ReplicatedObject) => ReplicatedObject,
): void {
  const current = server.get('v1', kind, namespace, name) as ReplicatedObject | undefined;
  if (current !== undefined) server.update(change(current));
}

/**
 * The demo's script, one step at a time: an edited source, a deleted copy, an edited copy, a new
 * `env=prod` namespace, a changed target list, a removed annotation, a deleted source.
 *
 * @returns the steps.
 */
export function demoSteps(): DemoStep[] {
  return [
    {
      title: 'edit the source platform/app-config (logLevel: debug)',
      apply: (server) =>
        updateObject(server, 'ConfigMap', 'platform', 'app-config', (object) => ({
          ...object,
          data: { logLevel: 'debug' },
        })),
    },
    {
      title: 'someone deletes the copy team-a/app-config',
      apply: (server) => void server.delete('v1', 'ConfigMap', 'team-a', 'app-config'),
    },
    {
      title: 'someone edits the copy team-c/db-credentials',
      apply: (server) =>
        updateObject(server, 'Secret', 'team-c', 'db-credentials', (object) => ({
          ...object,
          data: { password: base64('hacked') },
        })),
    },
    {
      title: 'a new namespace team-e (env=prod) is created',
      apply: (server) => void server.create(namespaceObject('team-e', { env: 'prod' })),
    },
    {
      title: 'platform/app-config now targets team-b,team-c only',
      apply: (server) =>
        updateObject(server, 'ConfigMap', 'platform', 'app-config', (object) => ({
          ...object,
          metadata: {
            ...object.metadata,
            annotations: { [replicateToAnnotation]: 'team-b,team-c' },
          },
        })),
    },
    {
      title: 'the annotation is removed from platform/db-credentials',
      apply: (server) =>
        updateObject(server, 'Secret', 'platform', 'db-credentials', (object) => ({
          ...object,
          metadata: { ...object.metadata, annotations: {} },
        })),
    },
    {
      title: 'the source platform/ca-bundle is deleted',
      apply: (server) => void server.delete('v1', 'ConfigMap', 'platform', 'ca-bundle'),
    },
  ];
}
