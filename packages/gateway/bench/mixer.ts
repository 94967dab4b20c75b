/**
 * How many phone legs one core serves in real time with RoomMixer, for K = 1, 5, 20 active
 * room speakers. Each 20 ms tick: K Opus packets decoded once each, per-leg mix-minus,
 * G.711 encode, and real UDP RTP on loopback for every leg (gateway legs on 127.0.0.1, the
 * simulated phones on 127.0.0.2: each phone sends one PCMU packet per tick and receives one).
 *
 * Method: ticks run back to back (not paced) in one thread. decode / mix / encode are timed
 * inside the mixer, the gateway's sends around `RtpLeg.send`. Socket I/O is everything else
 * (dgram, libuv, kernel; process CPU time minus the timed parts). The phones do exactly the
 * gateway's socket work mirrored (one send + one receive per leg per tick), so half of it is
 * charged to the gateway. legs/core = (20 ms − decode) / (per-leg cost).
 * Run: npm run bench:mixer (prints numbers; nothing is asserted).
 */
import { createSocket, type Socket } from "node:dgram";
import { encodeG711 } from "../src/codec/g711";
import { OpusEncoder48k } from "../src/codec/opus";
import { RoomMixer } from "../src/mixer/RoomMixer";
import { writeRtpHeader } from "../src/rtp/packet";
import { RtpLeg } from "../src/rtp/RtpLeg";

const LEGS = Number(process.env.BENCH_LEGS ?? 400);
const TICKS = Number(process.env.BENCH_TICKS ?? 250);
const GATEWAY_IP = "127.0.0.1";
const PHONE_IP = "127.0.0.2";
const GATEWAY_PORTS = { min: 50000, max: 53999 };
const PHONE_PORT_BASE = 54000;
const N = 160;

interface Phone {
  sock: Socket;
  port: number;
  packet: Uint8Array;
  seq: number;
}

function speakerPackets(k: number): Uint8Array[] {
  const enc = new OpusEncoder48k();
  const out: Uint8Array[] = [];
  const f0 = 120 + 15 * k;
  for (let p = 0; p < 50; p++) {
    const pcm = new Int16Array(960);
    for (let i = 0; i < 960; i++) {
      const t = (p * 960 + i) / 48000;
      // A voiced, vowel-like signal: harmonics of f0 with a slow envelope.
      let v = 0;
      for (let h = 1; h <= 8; h++) v += Math.sin(2 * Math.PI * f0 * h * t) / h;
      pcm[i] = Math.round(5000 * v * (0.6 + 0.4 * Math.sin(2 * Math.PI * 3 * t)));
    }
    out.push(enc.encode(pcm));
  }
  return out;
}

async function openPhones(count: number): Promise<Phone[]> {
  const phones: Phone[] = [];
  const quiet = new Int16Array(N).map((_, i) => ((i * 37) % 17) - 8); // comfort-noise level
  const payload = new Uint8Array(N);
  encodeG711("PCMU", quiet, payload);
  for (let i = 0; i < count; i++) {
    const sock = createSocket("udp4");
    const port = PHONE_PORT_BASE + i;
    await new Promise<void>((r) => sock.bind(port, PHONE_IP, r));
    const packet = new Uint8Array(12 + N);
    packet.set(payload, 12);
    phones.push({ sock, port, packet, seq: 0 });
  }
  return phones;
}

interface Result {
  k: number;
  legs: number;
  mode: string;
  cpuMsPerTick: number;
  decodeMs: number;
  mixMs: number;
  encodeMs: number;
  sendMs: number;
  ioMs: number;
}

async function run(
  k: number,
  legCount: number,
  forcePerLegMix: boolean,
  ticks: number,
): Promise<Result> {
  const mixer = new RoomMixer({ forcePerLegMix });
  mixer.measure = true;
  const phones = await openPhones(legCount);
  const legs: RtpLeg[] = [];
  let sendNs = 0;
  let gwReceived = 0;
  let phoneReceived = 0;
  for (const [i, phone] of phones.entries()) {
    const leg = await RtpLeg.open({
      address: GATEWAY_IP,
      portRange: GATEWAY_PORTS,
      rtcpIntervalMs: 0,
    });
    leg.setRemote(PHONE_IP, phone.port);
    const id = `leg${i}`;
    leg.on("packet", (p) => {
      gwReceived++;
      mixer.pushLegPacket(id, p.sequenceNumber, p.timestamp, p.payload);
    });
    mixer.addLeg({
      id,
      law: "PCMU",
      output: (g711) => {
        const t = process.hrtime.bigint();
        leg.send(0, g711, N);
        sendNs += Number(process.hrtime.bigint() - t);
      },
    });
    phone.sock.on("message", () => {
      phoneReceived++;
    });
    legs.push(leg);
  }
  const packets = Array.from({ length: k }, (_, s) => speakerPackets(s));
  const waitFor = (cond: () => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => (cond() ? resolve() : setImmediate(check));
      check();
    });

  const step = async (t: number, measured: boolean) => {
    for (let s = 0; s < k; s++)
      mixer.pushSpeakerPacket(`sp${s}`, t & 0xffff, t * 960, packets[s]![t % 50]!);
    for (const [i, phone] of phones.entries()) {
      writeRtpHeader(phone.packet, {
        payloadType: 0,
        marker: false,
        sequenceNumber: phone.seq,
        timestamp: phone.seq * N,
        ssrc: i + 1,
      });
      phone.seq = (phone.seq + 1) & 0xffff;
      phone.sock.send(phone.packet, legs[i]!.localPort, GATEWAY_IP);
    }
    const wantGw = gwReceived + phones.length;
    await waitFor(() => gwReceived >= wantGw);
    const wantPhones = phoneReceived + phones.length;
    if (!measured) mixer.measure = false;
    mixer.tick();
    mixer.measure = true;
    await waitFor(() => phoneReceived >= wantPhones);
  };

  for (let t = 0; t < 30; t++) await step(t, false); // warm up (JIT, jitter buffers)
  mixer.timings.decodeNs = 0;
  mixer.timings.mixNs = 0;
  mixer.timings.encodeNs = 0;
  sendNs = 0;
  const cpu0 = process.cpuUsage();
  for (let t = 30; t < 30 + ticks; t++) await step(t, true);
  const cpu = process.cpuUsage(cpu0);
  for (const l of legs) l.close();
  for (const p of phones) p.sock.close();
  mixer.close();
  const per = (ns: number) => ns / 1e6 / ticks;
  const cpuMsPerTick = (cpu.user + cpu.system) / 1000 / ticks;
  const decodeMs = per(mixer.timings.decodeNs);
  const mixMs = per(mixer.timings.mixNs);
  const sendMs = per(sendNs);
  const encodeMs = per(mixer.timings.encodeNs) - sendMs;
  const ioMs = cpuMsPerTick - decodeMs - mixMs - encodeMs; // both sides' socket work
  return {
    k,
    legs: legCount,
    mode: forcePerLegMix ? "per-leg" : "shared",
    cpuMsPerTick,
    decodeMs,
    mixMs,
    encodeMs,
    sendMs,
    ioMs,
  };
}

function report(r: Result): void {
  const gatewayIo = r.ioMs / 2; // the phones mirror the gateway's socket work
  const perLeg = (r.mixMs + r.encodeMs + gatewayIo) / r.legs;
  const legsPerCore = Math.floor((20 - r.decodeMs) / perLeg);
  const total = r.decodeMs + r.mixMs + r.encodeMs + gatewayIo;
  const pct = (x: number) => `${((100 * x) / total).toFixed(1).padStart(5)}%`;
  console.log(
    `K=${String(r.k).padStart(2)}  ${r.mode.padEnd(7)}  legs/core ${String(legsPerCore).padStart(6)}   ` +
      `per tick with ${r.legs} legs: ${total.toFixed(2)} ms  ` +
      `[decode ${pct(r.decodeMs)}  mix ${pct(r.mixMs)}  encode ${pct(r.encodeMs)}  socket I/O ${pct(gatewayIo)}]  ` +
      `per leg ${(perLeg * 1000).toFixed(2)} µs`,
  );
}

async function main(): Promise<void> {
  console.log(
    `RoomMixer benchmark: ${LEGS} real UDP legs on loopback, ${TICKS} ticks per case, one thread`,
  );
  const base = await run(1, 1, true, 200);
  const baseTotal = base.decodeMs + base.mixMs + base.encodeMs + base.ioMs / 2;
  console.log(
    `baseline: one tick with 1 leg, K=1: ${(baseTotal * 1000).toFixed(1)} µs (decode ${(base.decodeMs * 1000).toFixed(1)} µs)`,
  );
  for (const k of [1, 5, 20]) {
    for (const force of [true, false]) report(await run(k, LEGS, force, TICKS));
  }
  console.log(
    "per-leg = every leg gets its own mix-minus encode (worst case: everybody talking);\n" +
      "shared  = legs that are not talking share one encode of the full mix (the usual case).",
  );
}

await main();
