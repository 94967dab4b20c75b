type AnyListener = (...args: unknown[]) => void;

/** A minimal typed event emitter for browsers and Node alike (no Node `events`). */
export class TypedEmitter<Events extends Record<string, unknown[]>> {
  /** Type only (no runtime field): the event map, for helpers typed over any emitter. */
  declare readonly eventMap?: Events;
  private readonly listeners = new Map<PropertyKey, Set<AnyListener>>();

  /** Adds a listener; returns the function that removes it. */
  on<E extends keyof Events>(event: E, listener: (...args: Events[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener as unknown as AnyListener);
    return () => this.off(event, listener);
  }

  /** Like `on`, removed after the first call. */
  once<E extends keyof Events>(event: E, listener: (...args: Events[E]) => void): () => void {
    const off = this.on(event, (...args) => {
      off();
      listener(...args);
    });
    return off;
  }

  off<E extends keyof Events>(event: E, listener: (...args: Events[E]) => void): void {
    const set = this.listeners.get(event);
    set?.delete(listener as unknown as AnyListener);
    if (set?.size === 0) this.listeners.delete(event);
  }

  /** Listeners of one event, or of all events. */
  listenerCount(event?: keyof Events): number {
    if (event !== undefined) return this.listeners.get(event)?.size ?? 0;
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  removeAllListeners(): void {
    this.listeners.clear();
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
}

/** An emitter whose owner emits from outside (a channel one object feeds, others read). */
export class EventChannel<Events extends Record<string, unknown[]>> extends TypedEmitter<Events> {
  override emit<E extends keyof Events>(event: E, ...args: Events[E]): void {
    super.emit(event, ...args);
  }
}
