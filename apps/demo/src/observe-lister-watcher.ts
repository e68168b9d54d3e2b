import { ApiStatusError } from '@kube-cache/indexer';
import type { ListerWatcher, ListOptions, WatchEvent } from '@kube-cache/indexer';
import type { ReflectorEvent } from '@kube-cache/reflector';

/**
 * Wraps a ListerWatcher so that every list page and every watch is reported as a
 * {@link ReflectorEvent}, as the reflector inside an informer would report them. The informer
 * keeps its reflector to itself, so the demo watches the traffic instead: list pages give the
 * progress bar (items so far, `remainingItemCount`, pages), watches give the state.
 *
 * Events derived this way: `relisting` (a list without a continue token starts), `list-page`,
 * `listed` and, after the first complete list, `synced`; `watch-started` and `watch-ended` (with
 * the error that ended it); `error` for a failed list or watch request and for a watch `ERROR`
 * event (as an `ApiStatusError`).
 *
 * @param inner - the real ListerWatcher.
 * @param emit - receives the events.
 * @returns a ListerWatcher that behaves exactly as `inner`.
 * @example
 * ```ts
 * const informer = new SharedIndexInformer({ listerWatcher: observeListerWatcher(listWatch, (event) => status.apply(event)) });
 * ```
 * @since 0.1.0
 */
export function observeListerWatcher<T>(
  inner: ListerWatcher<T>,
  emit: (event: ReflectorEvent) => void,
): ListerWatcher<T> {
  let listed = 0;
  let pages = 0;
  let lists = 0;
  return {
    async list(options: ListOptions, signal: AbortSignal) {
      if (options.continue === undefined) {
        emit({ type: 'relisting', reason: lists === 0 ? 'initial' : 'watch-error' });
        listed = 0;
        pages = 0;
      }
      try {
        const page = await inner.list(options, signal);
        listed += page.items.length;
        pages += 1;
        emit({
          type: 'list-page',
          items: page.items.length,
          totalSoFar: listed,
          remainingItemCount: page.remainingItemCount,
        });
        if (page.continue === undefined) {
          emit({ type: 'listed', items: listed, resourceVersion: page.resourceVersion, pages });
          if (lists === 0) emit({ type: 'synced', resourceVersion: page.resourceVersion });
          lists += 1;
        }
        return page;
      } catch (error) {
        emit({ type: 'error', error });
        throw error;
      }
    },

    async watch(options: ListOptions, signal: AbortSignal) {
      let events: AsyncIterable<WatchEvent<T>>;
      try {
        events = await inner.watch(options, signal);
      } catch (error) {
        emit({ type: 'error', error });
        throw error;
      }
      const resourceVersion = options.resourceVersion ?? '';
      emit({ type: 'watch-started', resourceVersion, timeoutSeconds: options.timeoutSeconds ?? 0 });
      return observedEvents(events, resourceVersion, emit);
    },
  };
}

async function* observedEvents<T>(
  events: AsyncIterable<WatchEvent<T>>,
  startResourceVersion: string,
  emit: (event: ReflectorEvent) => void,
): AsyncGenerator<WatchEvent<T>> {
  let count = 0;
  let resourceVersion = startResourceVersion;
  let failure: unknown;
  try {
    for await (const event of events) {
      count += 1;
      // An ERROR event (410 Expired after compaction, typically) ends the watch from the
      // reflector's side; report what the server said.
      if (event.type === 'ERROR')
        emit({ type: 'error', error: ApiStatusError.fromStatus(event.object) });
      const version = (event.object as { metadata?: { resourceVersion?: unknown } }).metadata
        ?.resourceVersion;
      if (typeof version === 'string') resourceVersion = version;
      yield event;
    }
  } catch (error) {
    failure = error;
    throw error;
  } finally {
    emit({ type: 'watch-ended', resourceVersion, events: count, error: failure });
  }
}
