import { type ReactNode, useId } from "react";
import { CloseIcon } from "../Icons";

/** A panel beside the stage (chat, participants, notes) with a heading and a close button. */
export function SidePanel({
  title,
  testId,
  onClose,
  children,
}: {
  title: string;
  testId: string;
  onClose(): void;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <aside
      data-testid={testId}
      aria-labelledby={headingId}
      className="flex h-full w-full flex-col border-l border-neutral-800 bg-neutral-900/60 sm:w-80 lg:w-96"
    >
      <div className="flex items-center justify-between border-b border-neutral-800 px-4 py-2.5">
        <h2 id={headingId} className="text-sm font-semibold">
          {title}
        </h2>
        <button
          type="button"
          aria-label={`Close ${title.toLowerCase()}`}
          title="Close"
          onClick={onClose}
          className="rounded-md p-1.5 text-neutral-300 hover:bg-neutral-800 hover:text-white"
        >
          <CloseIcon className="size-4" />
        </button>
      </div>
      <div className="flex min-h-0 flex-1 flex-col">{children}</div>
    </aside>
  );
}
