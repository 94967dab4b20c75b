import Link from "next/link";
import { buttonClass } from "@/components/Button";
import { CreateRoomForm } from "@/components/CreateRoomForm";
import { JoinByCodeForm } from "@/components/JoinByCodeForm";
import { Logo } from "@/components/Logo";

export default function HomePage() {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="mx-auto flex w-full max-w-5xl items-center justify-between px-4 py-5">
        <Logo />
        <Link href="/r/demo" className={buttonClass("ghost")}>
          Demo room
        </Link>
      </header>

      <main className="mx-auto flex w-full max-w-5xl flex-1 flex-col justify-center gap-10 px-4 py-10">
        <div className="max-w-2xl">
          <h1 className="text-4xl font-semibold tracking-tight text-balance sm:text-5xl">
            Video rooms, right in your browser.
          </h1>
          <p className="mt-4 text-lg text-pretty text-neutral-400">
            Create a room, share its link, and talk. Nothing to install.
          </p>
        </div>

        <div className="grid gap-6 md:grid-cols-2">
          <section
            aria-labelledby="create-title"
            className="rounded-2xl border border-neutral-800 bg-neutral-900/60 p-6"
          >
            <h2 id="create-title" className="text-lg font-semibold">
              Create a room
            </h2>
            <p className="mt-1 mb-5 text-sm text-neutral-400">
              Name it; you'll get a link to share.
            </p>
            <CreateRoomForm />
          </section>

          <section
            aria-labelledby="join-title"
            className="rounded-2xl border border-neutral-800 bg-neutral-900/60 p-6"
          >
            <h2 id="join-title" className="text-lg font-semibold">
              Join by code
            </h2>
            <p className="mt-1 mb-5 text-sm text-neutral-400">
              Type the room's code or paste the link someone sent you.
            </p>
            <JoinByCodeForm />
          </section>
        </div>

        <p className="text-sm text-neutral-400">
          Just looking around?{" "}
          <Link
            href="/r/demo"
            className="rounded font-medium text-sky-400 underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-400"
          >
            Try the demo room
          </Link>
          .
        </p>
      </main>

      <footer className="mx-auto w-full max-w-5xl px-4 py-6 text-xs text-neutral-600">
        Switchboard · video over a mediasoup SFU
      </footer>
    </div>
  );
}
