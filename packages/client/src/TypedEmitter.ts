type AnyListener = (...args: unknown[]) => void;

/** A minimal typed event emitter that works in browsers (no Node `events`). */
export class TypedEmitter<Events extends Record<string, unknown[]>> {
  private readonly listeners = new Map<keyof Events, Set<AnyListener>>();

  on<E extends keyof Events>(event: E, listener: (...args: Events[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener as unknown as AnyListener);
    return () => this.off(event, listener);
  }

  off<E extends keyof Events>(event: E, listener: (...args: Events[E]) => void): void {
    this.listeners.get(event)?.delete(listener as unknown as AnyListener);
  }

  protected emit<E extends keyof Events>(event: E, ...args: Events[E]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) {
      try {
        listener(...(args as unknown[]));
      } catch (error) {
        // A listener's bug must not break signaling; surface it asynchronously.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  removeAllListeners(): void {
    this.listeners.clear();
  }
}
