"use client";

import { type ChatMessage, type Room, SwitchboardError } from "@switchboard/client";
import { COLLABORATION_LIMITS } from "@switchboard/protocol";
import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { Button } from "../Button";
import { ChatText } from "./ChatText";
import { SidePanel } from "./SidePanel";

const MAX = COLLABORATION_LIMITS.chatMax;

function time(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

function describeSendError(error: unknown): string {
  if (error instanceof SwitchboardError) {
    if (error.code === "INVALID_REQUEST") {
      return error.issues?.[0]?.message
        ? `Not sent: ${error.issues[0].message}.`
        : "Not sent: the server refused this message.";
    }
    if (error.code === "DISCONNECTED") return "Not sent: you are disconnected.";
    if (error.code === "TIMEOUT") return "Not sent: the server did not answer. Try again.";
  }
  return "Not sent. Try again.";
}

/** The room chat: history, new messages, a composer with a length counter. */
export function ChatPanel({
  room,
  messages,
  onClose,
}: {
  room: Room;
  messages: ChatMessage[];
  onClose(): void;
}) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const counterId = useId();
  const errorId = useId();
  const listRef = useRef<HTMLDivElement>(null);
  const length = text.trim().length;
  const tooLong = length > MAX;

  // Keep the newest message in view.
  const count = messages.length;
  useEffect(() => {
    const list = listRef.current;
    if (list && count > 0) list.scrollTop = list.scrollHeight;
  }, [count]);

  const send = () => {
    const body = text.trim();
    if (!body) return;
    if (body.length > MAX) {
      setError(
        `This message is too long: ${body.length} characters, the limit is ${MAX}. Shorten it to send.`,
      );
      return;
    }
    setError(null);
    setText("");
    room.chat.send(body).catch((e: unknown) => {
      setText((current) => current || body);
      setError(describeSendError(e));
    });
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    send();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    }
  };

  return (
    <SidePanel title="Chat" testId="chat-panel" onClose={onClose}>
      <div
        ref={listRef}
        role="log"
        aria-live="polite"
        aria-label="Chat messages"
        className="min-h-0 flex-1 overflow-y-auto px-4 py-3"
      >
        <ol className="flex flex-col gap-3">
          {messages.length === 0 ? (
            <li className="text-sm text-neutral-400">No messages yet. Say hello!</li>
          ) : null}
          {messages.map((m) => (
            <li key={m.id} data-testid="chat-message" data-from={m.displayName} className="text-sm">
              <p className="flex items-baseline gap-2">
                <span className="font-semibold text-neutral-100">
                  {m.peerId === room.localParticipant.peerId ? "You" : m.displayName}
                </span>
                <time
                  dateTime={new Date(m.sentAt).toISOString()}
                  className="text-xs text-neutral-400"
                >
                  {time(m.sentAt)}
                </time>
              </p>
              <p
                data-testid="chat-text"
                className="whitespace-pre-wrap break-words text-neutral-200"
              >
                <ChatText text={m.text} />
              </p>
            </li>
          ))}
        </ol>
      </div>
      <form onSubmit={onSubmit} className="flex flex-col gap-1.5 border-t border-neutral-800 p-3">
        <label htmlFor={inputId} className="sr-only">
          Message
        </label>
        <textarea
          id={inputId}
          data-testid="chat-input"
          rows={2}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (error) setError(null);
          }}
          onKeyDown={onKeyDown}
          placeholder="Message everyone"
          aria-invalid={tooLong || undefined}
          aria-describedby={`${counterId}${error ? ` ${errorId}` : ""}`}
          className={`resize-none rounded-lg border bg-neutral-950 px-3 py-2 text-sm text-neutral-100 placeholder:text-neutral-400 ${
            tooLong ? "border-red-500" : "border-neutral-700 focus-visible:border-sky-400"
          }`}
        />
        <div className="flex items-center justify-between gap-2">
          <span
            id={counterId}
            data-testid="chat-counter"
            className={`text-xs tabular-nums ${tooLong ? "font-semibold text-red-400" : "text-neutral-400"}`}
          >
            {length} / {MAX}
            <span className="sr-only"> characters</span>
          </span>
          <Button type="submit" variant="primary" data-testid="chat-send" className="px-3 py-1.5">
            Send
          </Button>
        </div>
        {error ? (
          <p id={errorId} role="alert" data-testid="chat-error" className="text-sm text-red-400">
            {error}
          </p>
        ) : null}
      </form>
    </SidePanel>
  );
}
