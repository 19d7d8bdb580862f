import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';

/**
 * A value read from a Yjs type that Svelte re-reads when the type (or anything inside it) changes,
 * local or remote. Read `.value` in markup or `$derived`; the observer lives while something reads it.
 */
export class Observed<T> {
  private readonly subscribe: () => void;
  private cache: T | undefined;
  private stale = true;
  private watchers = 0;

  constructor(
    // Any event type: a Y.Map<Y.Map<unknown>> is not an AbstractType<unknown> (its event handler type is invariant).
    type: Y.AbstractType<any>,
    private readonly read: () => T,
  ) {
    this.subscribe = createSubscriber((update) => {
      const onChange = () => {
        this.stale = true;
        update();
      };
      this.watchers++;
      type.observeDeep(onChange);
      return () => {
        this.watchers--;
        type.unobserveDeep(onChange);
      };
    });
  }

  get value(): T {
    this.subscribe();
    // Unwatched reads (event handlers) always read afresh; watched ones reuse until the next change.
    if (this.stale || this.watchers === 0) {
      this.cache = this.read();
      this.stale = this.watchers === 0;
    }
    return this.cache as T;
  }
}
