import { findRoomBySlug } from "@switchboard/db";
import { SlugSchema } from "@switchboard/protocol";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { RoomApp } from "@/components/RoomApp";
import { getDb } from "@/lib/db";
import { sfuEndpointFromEnv } from "@/lib/sfu";

// Reads the database and the runtime environment on every request; never prerendered.
export const dynamic = "force-dynamic";

interface RoomPageProps {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ token?: string | string[] }>;
}

/** One lookup per request, shared by the metadata and the page. */
const loadRoom = cache(async (slug: string) =>
  SlugSchema.safeParse(slug).success ? findRoomBySlug(getDb(), slug) : null,
);

export async function generateMetadata({ params }: RoomPageProps): Promise<Metadata> {
  const { slug } = await params;
  const room = await loadRoom(slug);
  return { title: room ? room.name : "Room not found" };
}

export default async function RoomPage({ params, searchParams }: RoomPageProps) {
  const { slug } = await params;
  const { token } = await searchParams;
  const room = await loadRoom(slug);
  if (!room) notFound();
  const sfu = sfuEndpointFromEnv();
  return (
    <RoomApp
      slug={room.slug}
      roomName={room.name}
      sfuUrl={sfu.url}
      sfuPort={sfu.port}
      token={typeof token === "string" && token.length <= 4096 ? token : undefined}
    />
  );
}
