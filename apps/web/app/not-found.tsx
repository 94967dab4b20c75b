import Link from "next/link";
import { buttonClass } from "@/components/Button";
import { Logo } from "@/components/Logo";

export default function NotFound() {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="mx-auto flex w-full max-w-5xl items-center px-4 py-5">
        <Logo />
      </header>
      <main className="mx-auto flex w-full max-w-lg flex-1 flex-col justify-center gap-4 px-4 pb-20">
        <p className="text-sm font-semibold text-sky-400">404</p>
        <h1 className="text-3xl font-semibold tracking-tight">Page not found</h1>
        <p className="text-neutral-400">This page doesn't exist. Rooms live at /r/&lt;code&gt;.</p>
        <Link href="/" className={buttonClass("primary", "self-start")}>
          Go home
        </Link>
      </main>
    </div>
  );
}
