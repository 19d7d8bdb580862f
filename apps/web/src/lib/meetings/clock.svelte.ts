import { createSubscriber } from 'svelte/reactivity';

/**
 * The time now, re-read every second while something on screen shows it (running timers); nothing
 * ticks when no timer is on screen.
 */
class Clock {
  private readonly subscribe = createSubscriber((update) => {
    const timer = setInterval(update, 1000);
    return () => clearInterval(timer);
  });

  get now(): number {
    this.subscribe();
    return Date.now();
  }
}

export const clock = new Clock();
