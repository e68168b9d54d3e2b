import { ApiStatusError } from '@kube-cache/indexer';
import type { DeletedFinalStateUnknown } from '@kube-cache/indexer';
import { MalformedWatchEventError } from './malformed-watch-event-error';
import { isRecord, readMeta } from './object-meta';
import { ReflectorCallbackError } from './reflector-callback-error';
import { UnexpectedObjectKindError } from './unexpected-object-kind-error';

/**
 * Where applied watch events go: the reflector's store, or the temporary collection of a
 * watch-list.
 *
 * @since 0.1.0
 */
export interface WatchEventSink<T> {
  add(object: T): void;
  update(object: T): void;
  delete(object: T | DeletedFinalStateUnknown<T>): void;
}

/**
 * What {@link applyWatchEvent} needs from the reflector.
 *
 * @since 0.1.0
 */
export interface WatchEventContext<T> {
  sink: WatchEventSink<T>;
  expectedType: { apiVersion?: string | undefined; kind: string } | undefined;
  transform: (object: T) => T;
  report: (error: unknown) => void;
}

/**
 * The outcome of one applied event.
 *
 * @since 0.1.0
 */
export interface AppliedWatchEvent {
  /** The new resourceVersion to record, if the event carried one. */
  resourceVersion: string | undefined;
  /** A bookmark with `k8s.io/initial-events-end: "true"` (the end of a watch-list's initial events). */
  initialEventsEnd: boolean;
  /** Whether the event was a bookmark. */
  bookmark: boolean;
}

const initialEventsEndAnnotation = 'k8s.io/initial-events-end';

/**
 * Applies one watch event: `ADDED`/`MODIFIED`/`DELETED` go to the sink (after the kind check and
 * the transform), a `BOOKMARK` only moves the resourceVersion, an `ERROR` is thrown as an
 * `ApiStatusError`. A wrong kind is reported and dropped; a throwing sink or transform is
 * reported and the event still counts.
 *
 * @param event - the event as received (of unknown shape).
 * @param context - the sink, the expected type, the transform and the error reporter.
 * @returns the resourceVersion to record and whether this was the end-of-initial-events bookmark.
 * @throws an `ApiStatusError` for an `ERROR` event; a {@link MalformedWatchEventError} for an
 *   unknown type or an object without metadata.
 * @since 0.1.0
 */
export function applyWatchEvent<T>(
  event: unknown,
  context: WatchEventContext<T>,
): AppliedWatchEvent {
  if (!isRecord(event) || !isRecord(event.object)) {
    throw new MalformedWatchEventError('a watch event has no object', event);
  }
  const { type, object } = event;
  if (type === 'ERROR') throw ApiStatusError.fromStatus(object);
  if (type !== 'ADDED' && type !== 'MODIFIED' && type !== 'DELETED' && type !== 'BOOKMARK') {
    throw new MalformedWatchEventError(`unknown watch event type ${JSON.stringify(type)}`, event);
  }
  const meta = readMeta(object);
  if (meta === undefined) {
    throw new MalformedWatchEventError(`a ${type} watch event object has no metadata`, event);
  }
  if (type === 'BOOKMARK') {
    if (meta.resourceVersion === undefined) {
      throw new MalformedWatchEventError('a BOOKMARK has no metadata.resourceVersion', event);
    }
    const initialEventsEnd = meta.annotations?.[initialEventsEndAnnotation] === 'true';
    return { resourceVersion: meta.resourceVersion, initialEventsEnd, bookmark: true };
  }
  const expected = context.expectedType;
  if (
    expected !== undefined &&
    (object.kind !== expected.kind ||
      (expected.apiVersion !== undefined && object.apiVersion !== expected.apiVersion))
  ) {
    context.report(
      new UnexpectedObjectKindError(expected, { apiVersion: object.apiVersion, kind: object.kind }),
    );
    return { resourceVersion: undefined, initialEventsEnd: false, bookmark: false };
  }
  const transformed = context.transform(object as T);
  const operation = type === 'ADDED' ? 'add' : type === 'MODIFIED' ? 'update' : 'delete';
  try {
    context.sink[operation](transformed);
  } catch (error) {
    context.report(new ReflectorCallbackError(operation, error));
  }
  return { resourceVersion: meta.resourceVersion, initialEventsEnd: false, bookmark: false };
}
