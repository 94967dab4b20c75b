import Link from "next/link";
import { buttonClass } from "@/components/Button";
import { Logo } from "@/components/Logo";
import { MissingRoomActions } from "@/components/MissingRoomActions";

export default function RoomNotFound() {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="mx-auto flex w-full max-w-5xl items-center px-4 py-5">
        <Logo />
      </header>
      <main className="mx-auto flex w-full max-w-lg flex-1 flex-col justify-center gap-6 px-4 pb-20">
        <div>
          <p className="text-sm font-semibold text-sky-400">404</p>
          <h1 className="mt-1 text-3xl font-semibold tracking-tight">Room not found</h1>
          <p className="mt-3 text-pretty text-neutral-400">
            There's no room at this address. Check the link you were given, or create the room now
            and share it.
          </p>
        </div>
        <MissingRoomActions />
        <Link href="/" className={buttonClass("ghost", "self-start")}>
          ← Back to home
        </Link>
      </main>
    </div>
  );
}
