import type { ChangeEvent } from './change-event';
import type { ResourceStore } from './resource-store';

/**
 * Who hears the changes of each resource: the open watches of both fakes register here, and
 * every committed change is told to the listeners of its resource, synchronously.
 */
export class ChangeSubscriptions {
  readonly #listeners = new Map<ResourceStore, Set<(event: ChangeEvent) => void>>();

  /**
   * Registers a listener for the changes of one resource.
   *
   * @param store - the resource.
   * @param listener - called synchronously with every change.
   * @returns a function that unregisters.
   */
  subscribe(store: ResourceStore, listener: (event: ChangeEvent) => void): () => void {
    let listeners = this.#listeners.get(store);
    if (listeners === undefined) {
      listeners = new Set();
      this.#listeners.set(store, listeners);
    }
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  /**
   * Tells a change to the listeners of its resource registered now (one that registers while
   * being told does not hear this change).
   *
   * @param event - the change.
   */
  notify(event: ChangeEvent): void {
    const listeners = this.#listeners.get(event.store);
    if (listeners !== undefined) for (const listener of [...listeners]) listener(event);
  }
}
