import type { ReflectorEvent, ReflectorEvents } from '@kube-cache/reflector';
import type { InformerMetrics } from '../metrics/informer-metrics';
import { reflectorMetricsListener } from '../metrics/informer-reflector-events';

/**
 * What {@link subscribeReflectorEvents} feeds a reflector's events to.
 *
 * @internal
 */
export interface ReflectorEventListenersOptions {
  informerName: string;
  metrics: InformerMetrics | undefined;
  /** The informer's `onReflectorEvent` option. */
  onReflectorEvent: ((event: ReflectorEvent) => void) | undefined;
  /** Receives what `onReflectorEvent` throws. */
  reportError: (error: unknown) => void;
}

/**
 * Subscribes the informer's metrics and its `onReflectorEvent` option (each when given) to a
 * reflector's events; a throwing `onReflectorEvent` is reported, never passed on.
 *
 * @param events - the reflector's events.
 * @param options - the informer's name, metrics, listener and error reporter.
 * @returns a function that unsubscribes both.
 * @internal
 */
export function subscribeReflectorEvents(
  events: ReflectorEvents,
  options: ReflectorEventListenersOptions,
): () => void {
  const { metrics, onReflectorEvent, reportError } = options;
  const unsubscribeMetrics =
    metrics === undefined
      ? () => undefined
      : events.subscribe(reflectorMetricsListener(options.informerName, metrics));
  const unsubscribeListener =
    onReflectorEvent === undefined
      ? () => undefined
      : events.subscribe((event) => {
          try {
            onReflectorEvent(event);
          } catch (error) {
            reportError(error);
          }
        });
  return () => {
    unsubscribeMetrics();
    unsubscribeListener();
  };
}
