import { readMeta } from '../watch/object-meta';
import { applyWatchEvent } from '../watch/watch-event-handler';
import type { WatchEventSink } from '../watch/watch-event-handler';
import type { WatchSession } from '../watch/watch-session';
import {
  classifyListWatchError,
  isResourceVersionUnavailable,
  isRetriableWatchFailure,
} from './list-watch-error-policy';
import type { ResourceVersionTracker } from './resource-version-tracker';
import type { RetryBackoff } from './retry-backoff';
import type { WatchRunner } from './watch-runner';

/**
 * The parts of its reflector a watch-list works with.
 */
export interface WatchListParts<T> {
  /** Opens and ends the watch. */
  watches: WatchRunner<T>;
  /** Where the watch starts, and told when that version turns out to be unavailable. */
  resourceVersions: ResourceVersionTracker;
  /** The pause before another attempt. */
  retry: RetryBackoff;
  /** Reports each failure. */
  report: (error: unknown) => void;
}

/** A watch-list that reached the end of its initial events. */
export interface WatchListResult<T> {
  /** The still-open watch, which goes on as the normal watch. */
  session: WatchSession<T>;
  /** The objects of the initial events, to replace the store's content with. */
  items: T[];
  /** The resourceVersion of the end-of-initial-events bookmark. */
  resourceVersion: string;
}

/**
 * A streaming list (KEP-3157, `sendInitialEvents`): one watch whose initial events fill a
 * temporary collection until the bookmark annotated `k8s.io/initial-events-end: "true"`; the
 * reflector then replaces the store with it and the same watch goes on as the normal watch.
 *
 * - 429 or a refused connection: back off and try again.
 * - Expired or too-large resourceVersion: try again from "" (a consistent read).
 * - The stream closes before the bookmark: try again (as client-go).
 * - The server refuses the request (another 4xx) or any other failure: `fallback` to one list
 *   and watch; the next cycle tries watch-list again (as client-go).
 * - The server shows it ignores `sendInitialEvents` (a plain bookmark first, or silence until the
 *   inactivity limit): `unsupported`, so the reflector lists and watches from now on.
 *
 * @param parts - the reflector's watches, resourceVersions, backoff and error reporter.
 * @param signal - stops everything.
 * @returns the still-open watch with the collected objects after a successful sync, `fallback`,
 *   or `unsupported` (also `fallback` when `signal` aborted).
 */
export async function runWatchList<T>(
  parts: WatchListParts<T>,
  signal: AbortSignal,
): Promise<WatchListResult<T> | 'fallback' | 'unsupported'> {
  const { watches, resourceVersions, retry, report } = parts;
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
      session = await watches.open(signal, {
        resourceVersion: resourceVersions.watchListResourceVersion(),
        resourceVersionMatch: 'NotOlderThan',
        sendInitialEvents: true,
        allowWatchBookmarks: true,
      });
    } catch (error) {
      if (signal.aborted) break;
      report(error);
      const kind = classifyListWatchError(error);
      const unavailable = isResourceVersionUnavailable(kind);
      if (unavailable) resourceVersions.markUnavailable();
      if (isRetriableWatchFailure(kind) || kind === 'inactivity' || unavailable) {
        await retry.sleep(signal, error);
        continue;
      }
      // A refusal (a 4xx: a 403 while RBAC propagates, a 422 from a server without watch-list)
      // falls back for this cycle only, as client-go: the next relist tries watch-list again.
      return 'fallback';
    }

    let error: unknown;
    let endResourceVersion: string | undefined;
    let ignoredByServer = false;
    const context = watches.eventContext(sink);
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
      return { session, items: [...collected.values()], resourceVersion: endResourceVersion };
    }
    watches.end(session, error);
    if (signal.aborted) break;
    if (ignoredByServer) return 'unsupported';
    if (error === undefined) {
      // Closed before the bookmark: start over, after a pause if it closed at once.
      if (session.events === 0) await retry.sleep(signal, error);
      continue;
    }
    report(error);
    const kind = classifyListWatchError(error);
    if (kind === 'inactivity') return 'unsupported';
    if (isResourceVersionUnavailable(kind)) {
      resourceVersions.markUnavailable();
      continue;
    }
    if (isRetriableWatchFailure(kind) || kind === 'broken-stream') {
      await retry.sleep(signal, error);
      continue;
    }
    return 'fallback';
  }
  return 'fallback';
}
