import type { ReflectorEvent } from '@kube-cache/reflector';
import type { InformerMetrics } from './informer-metrics';

/**
 * Feeds a reflector's events into an informer's metrics hook: relists (and 410s among them),
 * reconnects (every watch opened after the first) and the resourceVersion of each list.
 *
 * @internal
 */
export function reflectorMetricsListener(
  informerName: string,
  metrics: InformerMetrics,
): (event: ReflectorEvent) => void {
  let watchesStarted = 0;
  return (event) => {
    switch (event.type) {
      case 'relisting':
        metrics.relist?.(informerName, event.reason);
        if (event.reason === 'expired') metrics.expired?.(informerName);
        break;
      case 'watch-started':
        watchesStarted += 1;
        if (watchesStarted > 1) metrics.reconnect?.(informerName);
        break;
      case 'synced':
        metrics.lastResourceVersion?.(informerName, event.resourceVersion);
        break;
      default:
        break;
    }
  };
}
