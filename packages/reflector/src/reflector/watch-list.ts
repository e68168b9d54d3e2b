import type { ListOptions } from '@kube-cache/indexer';
import {
  isBrokenStreamError,
  isExpiredError,
  isRetriableWatchError,
  isTooLargeResourceVersionError,
} from '../errors/api-error-predicates';
import { InactivityTimeoutError } from '../errors/inactivity-timeout-error';
import { readMeta } from '../watch/object-meta';
import type { ReflectorSettings } from './reflector-settings';
import { applyWatchEvent } from '../watch/watch-event-handler';
import type { WatchEventContext, WatchEventSink } from '../watch/watch-event-handler';
import type { WatchSession } from '../watch/watch-session';

/**
 * What {@link runWatchList} needs from its reflector.
 *
 * @internal
 * @since 0.1.0
 */
export interface WatchListHost<T> {
  settings: ReflectorSettings<T>;
  resourceVersion(): string;
  markUnavailable(): void;
  openWatch(signal: AbortSignal, options: ListOptions): Promise<WatchSession<T>>;
  endWatch(session: WatchSession<T>, error: unknown): void;
  eventContext(sink: WatchEventSink<T>): WatchEventContext<T>;
  synced(items: readonly T[], resourceVersion: string): void;
  report(error: unknown): void;
  backoffSleep(signal: AbortSignal, error: unknown): Promise<void>;
}

/**
 * A streaming list (KEP-3157, `sendInitialEvents`): one watch whose initial events fill a
 * temporary collection until the bookmark annotated `k8s.io/initial-events-end: "true"`; then the
 * store is replaced with it and the same watch goes on as the normal watch.
 *
 * - 429 or a refused connection: back off and try again.
 * - Expired or too-large resourceVersion: try again from "" (a consistent read).
 * - The stream closes before the bookmark: try again (as client-go).
 * - The server refuses the request (another 4xx) or any other failure: `fallback` to one list
 *   and watch; the next cycle tries watch-list again (as client-go).
 * - The server shows it ignores `sendInitialEvents` (a plain bookmark first, or silence until the
 *   inactivity limit): `unsupported`, so the reflector lists and watches from now on.
 *
 * @param host - the reflector's side.
 * @param signal - stops everything.
 * @returns the still-open watch after a successful sync, `fallback`, or `unsupported` (also
 *   `fallback` when `signal` aborted).
 * @throws a `ReflectorCallbackError` when `store.replace` throws.
 * @since 0.1.0
 */
export async function runWatchList<T>(
  host: WatchListHost<T>,
  signal: AbortSignal,
): Promise<WatchSession<T> | 'fallback' | 'unsupported'> {
  while (!signal.aborted) {
    const collected = new Map<string, T>();
    const keyOf = (object: unknown): string => {
      const meta = readMeta(object);
      return `${meta?.namespace ?? ''}/${meta?.name ?? ''}`;
    };
    const sink: WatchEventSink<T> = {
      add: (object) => collected.set(keyOf(object), object),
      update: (object) => collected.set(keyOf(object), object),
      delete: (object) => collected.delete(keyOf(object)),
    };
    let session: WatchSession<T>;
    try {
      session = await host.openWatch(signal, {
        resourceVersion: host.resourceVersion(),
        resourceVersionMatch: 'NotOlderThan',
        sendInitialEvents: true,
        allowWatchBookmarks: true,
      });
    } catch (error) {
      if (signal.aborted) break;
      host.report(error);
      if (isExpiredError(error) || isTooLargeResourceVersionError(error)) host.markUnavailable();
      if (
        isRetriableWatchError(error) ||
        InactivityTimeoutError.isInstance(error) ||
        isExpiredError(error) ||
        isTooLargeResourceVersionError(error)
      ) {
        await host.backoffSleep(signal, error);
        continue;
      }
      // A refusal (a 4xx: a 403 while RBAC propagates, a 422 from a server without watch-list)
      // falls back for this cycle only, as client-go: the next relist tries watch-list again.
      return 'fallback';
    }

    let error: unknown;
    let endResourceVersion: string | undefined;
    let ignoredByServer = false;
    const context = host.eventContext(sink);
    try {
      for (let event = await session.next(); event !== undefined; event = await session.next()) {
        const applied = applyWatchEvent(event, context);
        if (applied.initialEventsEnd) {
          endResourceVersion = applied.resourceVersion;
          break;
        }
        if (applied.bookmark) {
          // A server that knows watch-list sends no bookmark before the end of the initial events.
          ignoredByServer = true;
          break;
        }
      }
    } catch (caught) {
      error = caught;
    }
    if (endResourceVersion !== undefined && error === undefined) {
      try {
        host.synced([...collected.values()], endResourceVersion);
      } catch (replaceError) {
        host.endWatch(session, replaceError);
        throw replaceError;
      }
      return session;
    }
    host.endWatch(session, error);
    if (signal.aborted) break;
    if (ignoredByServer) return 'unsupported';
    if (error === undefined) {
      // Closed before the bookmark: start over, after a pause if it closed at once.
      if (session.events === 0) await host.backoffSleep(signal, error);
      continue;
    }
    host.report(error);
    if (InactivityTimeoutError.isInstance(error)) return 'unsupported';
    if (isExpiredError(error) || isTooLargeResourceVersionError(error)) {
      host.markUnavailable();
      continue;
    }
    if (isRetriableWatchError(error) || isBrokenStreamError(error)) {
      await host.backoffSleep(signal, error);
      continue;
    }
    return 'fallback';
  }
  return 'fallback';
}
