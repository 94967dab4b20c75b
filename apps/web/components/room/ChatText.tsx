import { linkify } from "@/lib/linkify";

/**
 * A chat message's text: React text nodes (so markup stays text) with http(s) URLs as links
 * that open in a new tab without access to this page.
 */
export function ChatText({ text }: { text: string }) {
  return (
    <>
      {linkify(text).map((part, i) =>
        part.kind === "link" ? (
          <a
            // biome-ignore lint/suspicious/noArrayIndexKey: parts of one immutable message.
            key={i}
            href={part.href}
            target="_blank"
            rel="noopener noreferrer"
            className="break-all text-sky-300 underline underline-offset-2 hover:text-sky-200"
          >
            {part.text}
          </a>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts of one immutable message.
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}
