import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * A headless baresip (Debian's) for tests: plays a WAV as its microphone, records what it
 * hears and what it sends (sndfile), auto-answers, and takes commands over ctrl_tcp
 * (netstring JSON): dial, sndcode (RFC 4733 digits), hangup.
 */
export class Baresip {
  /** The phone's own number (its SIP user). */
  static readonly USER = "4930999";

  private constructor(
    private readonly proc: ChildProcess,
    private readonly ctrl: Socket,
    readonly dir: string,
    readonly sipPort: number,
    readonly output: string[],
  ) {}

  static async start(o: {
    sourceWav: string;
    sipPort: number;
    ctrlPort: number;
    rtpPorts: [number, number];
  }) {
    const dir = mkdtempSync(path.join(tmpdir(), "baresip-"));
    writeFileSync(
      path.join(dir, "config"),
      [
        "poll_method epoll",
        `sip_listen 127.0.0.2:${o.sipPort}`,
        `audio_source aufile,${o.sourceWav}`,
        "audio_player alsa,null",
        "audio_alert alsa,null",
        "audio_srate 8000",
        "audio_channels 1",
        `rtp_ports ${o.rtpPorts[0]}-${o.rtpPorts[1]}`,
        "module_path /usr/lib/baresip/modules",
        "module g711.so",
        "module aufile.so",
        "module alsa.so",
        "module sndfile.so",
        "module_app account.so",
        "module_app menu.so",
        "module_app ctrl_tcp.so",
        `ctrl_tcp_listen 127.0.0.1:${o.ctrlPort}`,
        `snd_path ${dir}`,
        "",
      ].join("\n"),
    );
    writeFileSync(
      path.join(dir, "accounts"),
      `<sip:${Baresip.USER}@127.0.0.2:${o.sipPort}>;regint=0;answermode=auto;audio_codecs=PCMU\n`,
    );
    const output: string[] = [];
    const proc = spawn("baresip", ["-f", dir], { stdio: ["pipe", "pipe", "pipe"] });
    proc.stdout?.on("data", (d: Buffer) => output.push(d.toString()));
    proc.stderr?.on("data", (d: Buffer) => output.push(d.toString()));
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        const ctrl = await new Promise<Socket>((resolve, reject) => {
          const s = connect(o.ctrlPort, "127.0.0.1", () => resolve(s));
          s.once("error", reject);
        });
        return new Baresip(proc, ctrl, dir, o.sipPort, output);
      } catch {
        if (Date.now() > deadline || proc.exitCode !== null) {
          proc.kill("SIGKILL");
          throw new Error(`baresip did not start:\n${output.join("")}`);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  command(command: string, params = ""): void {
    const json = JSON.stringify({ command, params, token: "t" });
    this.ctrl.write(`${Buffer.byteLength(json)}:${json},`);
  }

  /** Types digits as RFC 4733 events, one at a time. */
  async sendDigits(digits: string, gapMs = 250): Promise<void> {
    for (const d of digits) {
      this.command("sndcode", d);
      await new Promise((r) => setTimeout(r, gapMs));
    }
  }

  /** The recordings sndfile made (…-dec.wav is what baresip heard). */
  recordings(): string[] {
    return readdirSync(this.dir)
      .filter((f) => f.endsWith(".wav"))
      .map((f) => path.join(this.dir, f));
  }

  async stop(): Promise<void> {
    this.command("quit");
    this.ctrl.end();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.proc.kill("SIGKILL");
        resolve();
      }, 2000);
      this.proc.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
