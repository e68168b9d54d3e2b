import type { RelistReason } from '@kube-cache/reflector';

/**
 * A pluggable metrics hook: every method is optional and called synchronously from the informer,
 * so keep them cheap (increment a counter, set a gauge). Wire it to any metrics library; see
 * {@link createPrometheusMetrics} for `prom-client`.
 *
 * @example
 * ```ts
 * const metrics: InformerMetrics = {
 *   relist: (informer, reason) => console.log(`${informer} relists (${reason})`),
 *   handlerError: (informer, handler) => console.log(`${informer}/${handler} threw`),
 * };
 * new SharedIndexInformer({ listerWatcher, metrics });
 * ```
 * @since 0.1.0
 */
export interface InformerMetrics {
  /** The informer's queue (FIFO) depth, after each change to it. */
  queueDepth?(informer: string, depth: number): void;
  /** Events waiting in one handler's own queue, after each change to it. */
  handlerQueueDepth?(informer: string, handler: string, depth: number): void;
  /** How long one handler call took (until its promise settled, for an async handler). */
  handlerLatency?(informer: string, handler: string, milliseconds: number): void;
  /** A handler call threw or rejected. */
  handlerError?(informer: string, handler: string): void;
  /** A list started (the first one has reason `initial`). */
  relist?(informer: string, reason: RelistReason): void;
  /** The server answered 410 Gone / Expired: the resourceVersion was too old. */
  expired?(informer: string): void;
  /** A watch was opened again after the first one. */
  reconnect?(informer: string): void;
  /** The resourceVersion the informer has reached (list, event or bookmark). */
  lastResourceVersion?(informer: string, resourceVersion: string): void;
}
