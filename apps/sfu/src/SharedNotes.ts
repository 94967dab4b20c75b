import * as Y from "yjs";
import type { Logger } from "./logger";

export interface NotesStore {
  load(): Promise<Uint8Array | null>;
  save(state: Uint8Array): Promise<void>;
}

/**
 * A room's shared notes: one Yjs document that every participant's edits merge into
 * (a CRDT, so concurrent edits converge), loaded from the database when the room opens
 * and saved a moment after each change and when the room closes.
 */
export class SharedNotes {
  private readonly doc = new Y.Doc();
  private readonly loaded: Promise<void>;
  private saveTimer: NodeJS.Timeout | undefined;
  private dirty = false;
  private closed = false;

  constructor(
    private readonly store: NotesStore,
    private readonly log: Logger,
    private readonly saveDelayMs = 1000,
  ) {
    this.loaded = store
      .load()
      .then((state) => {
        if (state && state.length > 0) Y.applyUpdate(this.doc, state);
      })
      .catch((err) => this.log.error({ err }, "could not load the shared notes"));
  }

  /** The whole document as one update. */
  async state(): Promise<Uint8Array> {
    await this.loaded;
    return Y.encodeStateAsUpdate(this.doc);
  }

  /** Merges a client's update; throws on a malformed one (nothing is changed then). */
  async apply(update: Uint8Array): Promise<void> {
    await this.loaded;
    if (this.closed) return;
    // Validate on a scratch document first: a bad update must not poison the room's.
    const scratch = new Y.Doc();
    try {
      Y.applyUpdate(scratch, update);
    } finally {
      scratch.destroy();
    }
    Y.applyUpdate(this.doc, update);
    this.dirty = true;
    this.saveTimer ??= setTimeout(() => {
      this.saveTimer = undefined;
      void this.flush();
    }, this.saveDelayMs);
  }

  /** Saves pending changes now. */
  async flush(): Promise<void> {
    if (!this.dirty) return;
    this.dirty = false;
    try {
      await this.store.save(Y.encodeStateAsUpdate(this.doc));
    } catch (err) {
      this.log.error({ err }, "could not save the shared notes");
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    await this.loaded;
    await this.flush();
    this.doc.destroy();
  }
}
