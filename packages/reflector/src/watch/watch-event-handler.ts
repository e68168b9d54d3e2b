import { ApiStatusError } from '@kube-cache/indexer';
import type { DeletedFinalStateUnknown } from '@kube-cache/indexer';
import { MalformedWatchEventError } from '../errors/malformed-watch-event-error';
import { isRecord } from './object-meta';
import { ReflectorCallbackError } from '../errors/reflector-callback-error';
import { UnexpectedObjectKindError } from '../errors/unexpected-object-kind-error';

/**
 * Where applied watch events go: the reflector's store, or the temporary collection of a
 * watch-list.
 */
export interface WatchEventSink<T> {
  add(object: T): void;
  update(object: T): void;
  delete(object: T | DeletedFinalStateUnknown<T>): void;
}

/**
 * What {@link applyWatchEvent} needs from the reflector.
 */
export interface WatchEventContext<T> {
  sink: WatchEventSink<T>;
  expectedType: { apiVersion?: string | undefined; kind: string } | undefined;
  transform: (object: T) => T;
  report: (error: unknown) => void;
}

/**
 * The outcome of one applied event.
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
 * reported and the event still counts (a throwing transform: nothing reaches the sink). A
 * malformed event (unknown type, no object or metadata, a bookmark without resourceVersion) is
 * reported as a {@link MalformedWatchEventError} and skipped, as client-go does; an unknown type
 * still moves to its resourceVersion.
 *
 * @param event - the event as received (of unknown shape).
 * @param context - the sink, the expected type, the transform and the error reporter.
 * @param result - an object to fill in and return instead of a new one (the reflector reuses one
 *   for a whole watch, so nothing is allocated per event).
 * @returns the resourceVersion to record and whether this was the end-of-initial-events bookmark.
 * @throws an `ApiStatusError` for an `ERROR` event (a {@link MalformedWatchEventError} for one
 *   without an object).
 */
export function applyWatchEvent<T>(
  event: unknown,
  context: WatchEventContext<T>,
  result: AppliedWatchEvent = {
    resourceVersion: undefined,
    initialEventsEnd: false,
    bookmark: false,
  },
): AppliedWatchEvent {
  if (!isRecord(event) || !isRecord(event.object)) {
    const error = new MalformedWatchEventError('a watch event has no object', event);
    // An ERROR ends the watch even without its Status; any other bad event is skipped.
    if (isRecord(event) && event.type === 'ERROR') throw error;
    return skipMalformed(error, context, result, undefined);
  }
  const { type, object } = event;
  if (type === 'ERROR') throw ApiStatusError.fromStatus(object);
  // Read in place (no metadata copy per event).
  const metadata = object.metadata;
  const resourceVersion =
    isRecord(metadata) && typeof metadata.resourceVersion === 'string'
      ? metadata.resourceVersion
      : undefined;
  if (type !== 'ADDED' && type !== 'MODIFIED' && type !== 'DELETED' && type !== 'BOOKMARK') {
    // client-go skips it but still moves to its resourceVersion.
    const error = new MalformedWatchEventError(
      `unknown watch event type ${describeType(type)}`,
      event,
    );
    return skipMalformed(error, context, result, resourceVersion);
  }
  if (!isRecord(metadata)) {
    const error = new MalformedWatchEventError(
      `a ${type} watch event object has no metadata`,
      event,
    );
    return skipMalformed(error, context, result, undefined);
  }
  result.initialEventsEnd = false;
  if (type === 'BOOKMARK') {
    if (resourceVersion === undefined) {
      const error = new MalformedWatchEventError(
        'a BOOKMARK has no metadata.resourceVersion',
        event,
      );
      return skipMalformed(error, context, result, undefined);
    }
    const annotations = metadata.annotations;
    result.resourceVersion = resourceVersion;
    result.initialEventsEnd =
      isRecord(annotations) && annotations[initialEventsEndAnnotation] === 'true';
    result.bookmark = true;
    return result;
  }
  result.bookmark = false;
  const expected = context.expectedType;
  if (
    expected !== undefined &&
    (object.kind !== expected.kind ||
      (expected.apiVersion !== undefined && object.apiVersion !== expected.apiVersion))
  ) {
    context.report(
      new UnexpectedObjectKindError(expected, { apiVersion: object.apiVersion, kind: object.kind }),
    );
    result.resourceVersion = undefined;
    return result;
  }
  let transformed: T;
  try {
    transformed = context.transform(object as T);
  } catch (error) {
    // Never store what the transform was meant to change: report, skip, go on (as client-go).
    context.report(
      ReflectorCallbackError.isInstance(error)
        ? error
        : new ReflectorCallbackError('transform', error),
    );
    result.resourceVersion = resourceVersion;
    return result;
  }
  const operation = type === 'ADDED' ? 'add' : type === 'MODIFIED' ? 'update' : 'delete';
  try {
    context.sink[operation](transformed);
  } catch (error) {
    context.report(new ReflectorCallbackError(operation, error));
  }
  result.resourceVersion = resourceVersion;
  return result;
}

/** Reports a malformed event and skips it, moving to `resourceVersion` when it has one. */
function skipMalformed<T>(
  error: MalformedWatchEventError,
  context: WatchEventContext<T>,
  result: AppliedWatchEvent,
  resourceVersion: string | undefined,
): AppliedWatchEvent {
  context.report(error);
  result.resourceVersion = resourceVersion;
  result.initialEventsEnd = false;
  result.bookmark = false;
  return result;
}

/** A type name as sent, when it looks like one; else only its kind and length (no raw text). */
function describeType(type: unknown): string {
  if (typeof type === 'string' && /^[A-Za-z_]{1,32}$/.test(type)) return JSON.stringify(type);
  return typeof type === 'string' ? `(a string of ${type.length} characters)` : `(${typeof type})`;
}
