"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  {
    href: "/admin",
    label: "Rooms",
    match: (p: string) => p === "/admin" || p.startsWith("/admin/rooms"),
  },
  {
    href: "/admin/calls",
    label: "Calls",
    match: (p: string) => p.startsWith("/admin/calls"),
  },
  {
    href: "/admin/numbers",
    label: "Phone numbers",
    match: (p: string) => p.startsWith("/admin/numbers"),
  },
  {
    href: "/admin/trunks",
    label: "Trunks",
    match: (p: string) => p.startsWith("/admin/trunks"),
  },
  {
    href: "/admin/api-keys",
    label: "API keys",
    match: (p: string) => p.startsWith("/admin/api-keys"),
  },
  {
    href: "/admin/webhooks",
    label: "Webhooks",
    match: (p: string) => p.startsWith("/admin/webhooks"),
  },
] as const;

export function AdminNav() {
  const pathname = usePathname();
  return (
    <ul className="flex gap-1 md:flex-col">
      {LINKS.map((link) => {
        const active = link.match(pathname);
        return (
          <li key={link.href}>
            <Link
              href={link.href}
              aria-current={active ? "page" : undefined}
              data-testid={`admin-nav-${link.label.toLowerCase().replace(/\s+/g, "-")}`}
              className={`block rounded-lg px-3 py-2 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-400 ${
                active
                  ? "bg-neutral-800 text-white"
                  : "text-neutral-400 hover:bg-neutral-900 hover:text-neutral-100"
              }`}
            >
              {link.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
