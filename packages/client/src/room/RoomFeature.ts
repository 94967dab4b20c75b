import type { RequestData, RequestMethod, ResponseData } from "@switchboard/protocol";
import { SwitchboardError } from "../errors";
import type { SignalClient } from "../signal/SignalClient";
import { TypedEmitter } from "../TypedEmitter";

/** Sends one typed request on the room's current connection. */
export type Requester = <M extends RequestMethod>(
  method: M,
  data: RequestData<M>,
) => Promise<ResponseData<M>>;

/**
 * A part of the room that lives as long as the Room (so the UI can keep its listeners)
 * and is attached to one signaling session at a time: it subscribes to that session's
 * notifications in `subscribe` and every subscription is released on `detach`.
 */
export abstract class RoomFeature<
  Events extends Record<string, unknown[]>,
> extends TypedEmitter<Events> {
  private signal: SignalClient | undefined;
  private readonly subscriptions: Array<() => void> = [];

  /** Sends a request on the attached session; DISCONNECTED when there is none. */
  protected readonly request: Requester = (method, data) => {
    if (!this.signal) {
      return Promise.reject(new SwitchboardError("DISCONNECTED", "not connected to the server"));
    }
    return this.signal.request(method, data);
  };

  /** @internal Binds to a session (the Room calls this on connect). */
  attach(signal: SignalClient): void {
    this.detach();
    this.signal = signal;
    this.subscriptions.push(...this.subscribe(signal));
  }

  /** @internal Releases every subscription on the session. */
  detach(): void {
    for (const off of this.subscriptions.splice(0)) off();
    this.signal = undefined;
  }

  protected get attached(): SignalClient | undefined {
    return this.signal;
  }

  /** Subscribes to the session; returns the unsubscribe functions. */
  protected abstract subscribe(signal: SignalClient): Array<() => void>;
}
