"use client";

import { usePathname } from "next/navigation";
import { CreateRoomForm } from "./CreateRoomForm";

/** On a missing room's page: offers to create a room with that name. */
export function MissingRoomActions() {
  const pathname = usePathname() ?? "";
  const slug = /^\/r\/([^/]+)/.exec(pathname)?.[1] ?? "";
  let name = slug;
  try {
    name = decodeURIComponent(slug);
  } catch {
    // keep the raw segment
  }
  return (
    <section
      aria-labelledby="create-missing-title"
      className="rounded-2xl border border-neutral-800 bg-neutral-900/60 p-6"
    >
      <h2 id="create-missing-title" className="mb-4 text-base font-semibold">
        Create this room
      </h2>
      <CreateRoomForm defaultName={name} submitLabel="Create and open" />
    </section>
  );
}
