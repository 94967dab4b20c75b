import * as Y from "yjs";
import { fromBase64, toBase64 } from "../base64";
import type { SignalClient } from "../signal/SignalClient";
import { RoomFeature } from "./RoomFeature";

export interface NotesEvents extends Record<string, unknown[]> {
  /** Our document and the server's were merged (after each join and rejoin). */
  synced: [];
}

/** Origin of Yjs updates that came from the server (not sent back). */
const REMOTE = Symbol("remote");

/**
 * The room's shared notes (`room.notes`): a Yjs document the SFU keeps. Local edits go
 * to the server while we are in the room; edits made offline are merged at the next
 * join. Bind any Yjs editor binding to `doc` (the text is `text`).
 */
export class Notes extends RoomFeature<NotesEvents> {
  readonly doc = new Y.Doc();
  /** Whether local edits go out at once (joined and connected). */
  private live = false;

  constructor() {
    super();
    // The document lives as long as this object: one listener for its lifetime.
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE || !this.live) return;
      void this.request("updateNotes", { update: toBase64(update) }).catch(() => undefined);
    });
  }

  /** The notes' text. */
  get text(): Y.Text {
    return this.doc.getText("notes");
  }

  protected subscribe(signal: SignalClient): Array<() => void> {
    return [
      signal.onNotification("notesUpdate", ({ update }) => {
        Y.applyUpdate(this.doc, fromBase64(update), REMOTE);
      }),
    ];
  }

  /** @internal Joined: edits go out from now on; merges with the server's document. */
  async sync(): Promise<void> {
    this.live = true;
    const { state } = await this.request("getNotes", {});
    if (state) Y.applyUpdate(this.doc, fromBase64(state), REMOTE);
    const ours = Y.encodeStateAsUpdate(this.doc, Y.encodeStateVectorFromUpdate(fromBase64(state)));
    // An update that adds nothing is a few bytes; skip it.
    if (ours.length > 2) {
      await this.request("updateNotes", { update: toBase64(ours) }).catch(() => undefined);
    }
    this.emit("synced");
  }

  /** @internal The connection dropped: edits stay local until the next `sync()`. */
  suspend(): void {
    this.live = false;
  }

  /** @internal */
  override detach(): void {
    super.detach();
    this.live = false;
  }
}
