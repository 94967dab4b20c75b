import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/admin/LoginForm";
import { Logo } from "@/components/Logo";
import { currentSession } from "@/lib/admin/session";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

export default async function AdminLoginPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[] }>;
}) {
  if (await currentSession().catch(() => null)) redirect("/admin");
  const { next } = await searchParams;
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="mx-auto flex w-full max-w-5xl items-center px-4 py-5">
        <Logo />
      </header>
      <main className="mx-auto flex w-full max-w-sm flex-1 flex-col justify-center px-4 pb-24">
        <h1 className="text-2xl font-semibold tracking-tight">Sign in to the dashboard</h1>
        <p className="mt-1 mb-6 text-sm text-neutral-400">
          Admin accounts are created with <code className="font-mono">npm run admin:create</code>.
        </p>
        <div className="rounded-2xl border border-neutral-800 bg-neutral-900/60 p-6">
          <LoginForm next={typeof next === "string" ? next : undefined} />
        </div>
      </main>
    </div>
  );
}
