/**
 * What {@link Queue.get} resolves to: an item to process (call `done(item)` when finished), or
 * `shutdown: true` when the queue is shut down and empty.
 *
 * `shutdown: true` is not final: an item that was added again while it was being processed is
 * queued again by its `done`, even after shutdown, and the next `get` returns it. A worker loop
 * exits on `shutdown: true` only.
 *
 * @typeParam T - the item type.
 * @since 0.2.0
 */
export type GetResult<T> = { item: T; shutdown: false } | { item: undefined; shutdown: true };

/** The one shutdown result, shared (it carries no item). @internal */
export const shutdownResult: GetResult<never> = Object.freeze({ item: undefined, shutdown: true });
