import { DeletedFinalStateUnknown } from '@kube-cache/indexer';
import type { KubeObject } from '@kube-cache/indexer';
import type { ResourceEventHandler } from '../handlers/resource-event-handler';

/** A pod as far as the informer tests read it. */
export interface TestPod extends KubeObject {
  apiVersion?: string;
  kind?: string;
  spec?: { nodeName?: string | undefined };
}

/** Builds a pod. */
export function pod(name: string, namespace = 'default', nodeName?: string): TestPod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: { app: name.replace(/-\d+$/, '') } },
    spec: nodeName === undefined ? {} : { nodeName },
  };
}

function describePod(object: TestPod): string {
  return `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}@${object.metadata?.resourceVersion ?? ''}`;
}

/** A handler that records its calls as readable strings, and a view built from its callbacks. */
export function recordingHandler(): ResourceEventHandler<TestPod> & {
  events: string[];
  view: Map<string, TestPod>;
} {
  const events: string[] = [];
  const view = new Map<string, TestPod>();
  const keyOf = (object: TestPod): string =>
    `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
  return {
    events,
    view,
    onAdd(object, isInInitialList) {
      events.push(`add ${describePod(object)}${isInInitialList ? ' initial' : ''}`);
      view.set(keyOf(object), object);
    },
    onUpdate(oldObject, newObject) {
      events.push(`update ${describePod(oldObject)} -> ${describePod(newObject)}`);
      view.set(keyOf(newObject), newObject);
    },
    onDelete(object) {
      if (DeletedFinalStateUnknown.isInstance<TestPod>(object)) {
        events.push(`delete tombstone ${object.key}`);
        view.delete(object.key);
      } else {
        events.push(`delete ${describePod(object)}`);
        view.delete(keyOf(object));
      }
    },
  };
}
