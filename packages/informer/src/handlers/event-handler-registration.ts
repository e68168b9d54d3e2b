/**
 * What `addEventHandler` returns: a handle for `removeEventHandler`, and the handler's own sync
 * state.
 *
 * @since 0.1.0
 */
export interface EventHandlerRegistration {
  /** The handler's name (given in the options, else `handler-<n>`), used in errors and metrics. */
  readonly name: string;
  /**
   * Whether the informer has synced and this handler has finished every initial-list `onAdd`
   * (including the synthetic adds of a handler added late).
   */
  hasSynced(): boolean;
}
