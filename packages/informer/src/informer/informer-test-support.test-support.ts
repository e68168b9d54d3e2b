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

function describePod(obj: TestPod): string {
  return `${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}@${obj.metadata?.resourceVersion ?? ''}`;
}

/** A handler that records its calls as readable strings, and a view built from its callbacks. */
export function recordingHandler(): ResourceEventHandler<TestPod> & {
  events: string[];
  view: Map<string, TestPod>;
} {
  const events: string[] = [];
  const view = new Map<string, TestPod>();
  const keyOf = (obj: TestPod): string =>
    `${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}`;
  return {
    events,
    view,
    onAdd(obj, isInInitialList) {
      events.push(`add ${describePod(obj)}${isInInitialList ? ' initial' : ''}`);
      view.set(keyOf(obj), obj);
    },
    onUpdate(oldObj, newObj) {
      events.push(`update ${describePod(oldObj)} -> ${describePod(newObj)}`);
      view.set(keyOf(newObj), newObj);
    },
    onDelete(obj) {
      if (DeletedFinalStateUnknown.isInstance<TestPod>(obj)) {
        events.push(`delete tombstone ${obj.key}`);
        view.delete(obj.key);
      } else {
        events.push(`delete ${describePod(obj)}`);
        view.delete(keyOf(obj));
      }
    },
  };
}
