/**
 * Phone audio from text and from uploaded files, with the system's tools: espeak-ng speaks,
 * sox converts to what the gateway plays (8 kHz, 16-bit, mono). Used where prompts are made:
 * the dashboard when a flow is saved (so admins type prompts) and the gateway as a fallback.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";

export const PHONE_RATE = 8000;

export class AudioToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AudioToolError";
  }
}

/** The cache key of a spoken prompt: the same text and voice always give the same audio. */
export function promptKey(text: string, voice = "en-us"): string {
  return createHash("sha256").update(`${voice}\n${text}`).digest("hex").slice(0, 32);
}

function run(
  cmd: string,
  args: string[],
  input: Buffer | null,
  timeoutMs: number,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let err = "";
    let size = 0;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new AudioToolError(`${cmd} took longer than ${timeoutMs} ms`));
    }, timeoutMs);
    child.stdout.on("data", (d: Buffer) => {
      size += d.length;
      if (size > 64 * 1024 * 1024) child.kill("SIGKILL");
      else out.push(d);
    });
    child.stderr.on("data", (d: Buffer) => {
      if (err.length < 2000) err += d.toString();
    });
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(new AudioToolError(`${cmd} could not start: ${e.message}`));
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new AudioToolError(`${cmd} failed (${code}): ${err.trim().slice(0, 300)}`));
    });
    child.stdin.on("error", () => {});
    child.stdin.end(input ?? undefined);
  });
}

const toPcm = (raw: Buffer): Int16Array => {
  const copy = new Uint8Array(raw.length - (raw.length % 2));
  copy.set(raw.subarray(0, copy.length));
  return new Int16Array(copy.buffer);
};

/** Text → 8 kHz samples with espeak-ng (voice e.g. "en-us", "de"). */
export async function synthesize(text: string, voice = "en-us"): Promise<Int16Array> {
  if (text.length === 0 || text.length > 2000)
    throw new AudioToolError("text must be 1-2000 characters");
  if (!/^[a-z]{2,3}(-[a-z0-9]{2,8})?$/.test(voice)) throw new AudioToolError(`bad voice: ${voice}`);
  const wav = await run(
    "espeak-ng",
    ["-v", voice, "-s", "160", "--stdout", "--", text],
    null,
    15_000,
  );
  return toPcm(await run("sox", soxArgs("wav"), wav, 15_000));
}

const soxArgs = (type: string) => [
  "-t",
  type,
  "-",
  "-r",
  String(PHONE_RATE),
  "-c",
  "1",
  "-b",
  "16",
  "-e",
  "signed-integer",
  "-t",
  "raw",
  "-",
];

/** An uploaded audio file (WAV, FLAC, Ogg… anything sox reads) → 8 kHz samples. */
export async function convertUpload(data: Uint8Array, type = "wav"): Promise<Int16Array> {
  if (!/^[a-z0-9]{2,5}$/.test(type)) throw new AudioToolError(`bad file type: ${type}`);
  return toPcm(await run("sox", soxArgs(type), Buffer.from(data), 30_000));
}

export { BuiltinPrompts, DEFAULT_PROMPTS_DIR } from "./BuiltinPrompts";
export { decodeWav, encodeWavPcm16 } from "./wav";
