/**
 * Phone audio in the database: spoken prompts cached by text and voice, uploaded files
 * (music on hold, announcements) and voicemail messages. Samples are 8 kHz 16-bit
 * little-endian; voicemails are kept as WAV files.
 */
import { z } from "zod";
import type { Db } from "./client";

const bytesOf = (pcm: Int16Array): Uint8Array<ArrayBuffer> => {
  const out = new Uint8Array(pcm.byteLength);
  out.set(new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength));
  return out;
};
const pcmOf = (bytes: Uint8Array) => {
  const copy = new Uint8Array(bytes.length - (bytes.length % 2));
  copy.set(bytes.subarray(0, copy.length));
  return new Int16Array(copy.buffer);
};

// ─── spoken prompts ──────────────────────────────────────────────────────────

export async function cachedPrompt(db: Db, key: string): Promise<Int16Array | null> {
  const row = await db.promptAudio.findUnique({ where: { key } });
  return row ? pcmOf(row.pcm) : null;
}

export async function cachePrompt(
  db: Db,
  p: { key: string; text: string; voice: string; pcm: Int16Array },
): Promise<void> {
  const data = { text: p.text, voice: p.voice, pcm: bytesOf(p.pcm) };
  await db.promptAudio.upsert({
    where: { key: p.key },
    create: { key: p.key, ...data },
    update: {},
  });
}

// ─── uploaded audio files ────────────────────────────────────────────────────

export const AudioFileNameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,79}$/, "letters, digits, space . _ - (at most 80)");

/** At most 10 minutes of audio per file. */
export const MAX_AUDIO_FILE_SAMPLES = 8000 * 600;

export interface AudioFileRecord {
  id: string;
  name: string;
  durationMs: number;
  createdAt: Date;
}

export class AudioFileError extends Error {
  constructor(
    readonly code: "CONFLICT" | "TOO_LONG",
    message: string,
  ) {
    super(message);
    this.name = "AudioFileError";
  }
}

export async function saveAudioFile(
  db: Db,
  name: string,
  pcm: Int16Array,
): Promise<AudioFileRecord> {
  const n = AudioFileNameSchema.parse(name);
  if (pcm.length > MAX_AUDIO_FILE_SAMPLES)
    throw new AudioFileError("TOO_LONG", "audio files can be at most 10 minutes long");
  const durationMs = Math.round(pcm.length / 8);
  return db.audioFile.upsert({
    where: { name: n },
    create: { name: n, pcm: bytesOf(pcm), durationMs },
    update: { pcm: bytesOf(pcm), durationMs },
    select: { id: true, name: true, durationMs: true, createdAt: true },
  });
}

export function listAudioFiles(db: Db): Promise<AudioFileRecord[]> {
  return db.audioFile.findMany({
    select: { id: true, name: true, durationMs: true, createdAt: true },
    orderBy: { name: "asc" },
  });
}

export async function audioFileSamples(db: Db, name: string): Promise<Int16Array | null> {
  const row = await db.audioFile.findUnique({ where: { name }, select: { pcm: true } });
  return row ? pcmOf(row.pcm) : null;
}

export async function deleteAudioFile(db: Db, name: string): Promise<boolean> {
  const { count } = await db.audioFile.deleteMany({ where: { name } });
  return count > 0;
}

// ─── voicemail ───────────────────────────────────────────────────────────────

export interface VoicemailRecord {
  id: string;
  mailbox: string;
  callerNumber: string;
  calledNumber: string;
  durationMs: number;
  createdAt: Date;
  readAt: Date | null;
}

const vmSelect = {
  id: true,
  mailbox: true,
  callerNumber: true,
  calledNumber: true,
  durationMs: true,
  createdAt: true,
  readAt: true,
} as const;

export function saveVoicemail(
  db: Db,
  v: {
    mailbox: string;
    callerNumber: string;
    calledNumber: string;
    durationMs: number;
    wav: Uint8Array;
  },
): Promise<VoicemailRecord> {
  const wav = new Uint8Array(v.wav.length);
  wav.set(v.wav);
  return db.voicemail.create({ data: { ...v, wav }, select: vmSelect });
}

export function listVoicemails(db: Db, mailbox?: string): Promise<VoicemailRecord[]> {
  return db.voicemail.findMany({
    where: mailbox ? { mailbox } : {},
    select: vmSelect,
    orderBy: { createdAt: "desc" },
    take: 500,
  });
}

export async function voicemailAudio(db: Db, id: string): Promise<Uint8Array | null> {
  const row = await db.voicemail.findUnique({ where: { id }, select: { wav: true } });
  return row ? new Uint8Array(row.wav) : null;
}

export async function markVoicemailRead(db: Db, id: string): Promise<boolean> {
  const { count } = await db.voicemail.updateMany({
    where: { id, readAt: null },
    data: { readAt: new Date() },
  });
  return count > 0;
}

export async function deleteVoicemail(db: Db, id: string): Promise<boolean> {
  const { count } = await db.voicemail.deleteMany({ where: { id } });
  return count > 0;
}
