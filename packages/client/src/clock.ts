/**
 * Time as the SDK sees it: request timeouts, reconnect back-off. Injected so that tests
 * can move time forward instead of waiting it out. Works in browsers and Node alike.
 */
export interface Clock {
  now(): number;
  /** Runs `fn` once after `ms`; returns a function that cancels it. */
  after(ms: number, fn: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  after(ms, fn) {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
};
