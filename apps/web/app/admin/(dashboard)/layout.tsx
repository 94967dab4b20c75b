import type { ReactNode } from "react";
import { signOutAction } from "@/app/admin/actions/auth";
import { AdminNav } from "@/components/admin/AdminNav";
import { CsrfField } from "@/components/admin/ui";
import { Logo } from "@/components/Logo";
import { requireAdminPage } from "@/lib/admin/session";

export const dynamic = "force-dynamic";

/** The dashboard's frame: sidebar (sections, who is signed in, sign out) and content. */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const session = await requireAdminPage();
  return (
    <div className="flex min-h-dvh flex-col md:flex-row">
      <aside className="flex shrink-0 flex-col gap-4 border-neutral-800 bg-neutral-950 px-4 py-4 md:sticky md:top-0 md:h-dvh md:w-60 md:border-r md:py-5">
        <div>
          <Logo />
          <p className="mt-1 pl-10 text-xs font-medium text-neutral-500">Admin dashboard</p>
        </div>
        <nav aria-label="Dashboard" className="overflow-x-auto md:mt-4">
          <AdminNav />
        </nav>
        <div className="flex items-center justify-between gap-2 border-neutral-800 md:mt-auto md:flex-col md:items-stretch md:border-t md:pt-4">
          <p className="truncate text-xs text-neutral-500" title={session.email}>
            Signed in as <span className="text-neutral-300">{session.email}</span>
          </p>
          <form action={signOutAction}>
            <CsrfField token={session.csrfToken} />
            <button
              type="submit"
              data-testid="admin-sign-out"
              className="w-full rounded-lg px-3 py-2 text-left text-sm font-medium text-neutral-400 hover:bg-neutral-900 hover:text-neutral-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-400"
            >
              Sign out
            </button>
          </form>
        </div>
      </aside>
      <main className="min-w-0 flex-1 px-4 py-6 md:px-8 md:py-8">
        <div className="mx-auto max-w-6xl">{children}</div>
      </main>
    </div>
  );
}
