/** One edit that turns `before` into `after`: delete `remove` characters at `index`, insert `insert`. */
export interface TextEdit {
  index: number;
  remove: number;
  insert: string;
}

/**
 * The smallest single edit between two values of a text field, using the caret (where the
 * selection ends after the change) to place it where the user typed: "aa" → "aaa" with the
 * caret at 2 is an insert at 1, not at 2. Returns null when nothing changed.
 */
export function diffText(
  before: string,
  after: string,
  caret: number = after.length,
): TextEdit | null {
  if (before === after) return null;
  const growth = after.length - before.length;
  const limit = Math.min(before.length, after.length);
  // What was typed ends at the caret, so the common prefix can't reach past its start.
  const prefixLimit = Math.max(0, Math.min(limit, caret - Math.max(0, growth)));
  let prefix = 0;
  while (prefix < prefixLimit && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < limit - prefix &&
    before[before.length - 1 - suffix] === after[after.length - 1 - suffix]
  ) {
    suffix++;
  }
  return {
    index: prefix,
    remove: before.length - prefix - suffix,
    insert: after.slice(prefix, after.length - suffix),
  };
}

/** Yjs-style delta operations (what `Y.YTextEvent.delta` holds). */
export type DeltaOp = { retain?: number; insert?: unknown; delete?: number };

/** Where a caret at `position` ends up after a remote change described by `delta`. */
export function transformPosition(position: number, delta: readonly DeltaOp[]): number {
  let index = 0;
  let pos = position;
  for (const op of delta) {
    if (op.retain !== undefined) {
      index += op.retain;
    } else if (op.insert !== undefined) {
      const length = typeof op.insert === "string" ? op.insert.length : 1;
      // Text inserted right at the caret goes before it only if it's strictly before.
      if (index < pos) pos += length;
      index += length;
    } else if (op.delete !== undefined) {
      if (index < pos) pos -= Math.min(op.delete, pos - index);
    }
  }
  return pos;
}
