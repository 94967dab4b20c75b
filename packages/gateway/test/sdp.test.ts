import assert from "node:assert/strict";
import { test } from "node:test";
import { buildAudioSdp, parseAudioSdp } from "../src/sdp/AudioSdp";
import { acceptAnswer, answerDirection, negotiate } from "../src/sdp/negotiate";

const offer = (extra = "", conn = "192.0.2.10", media = "m=audio 4000 RTP/AVP 8 0 96\r\n") =>
  `v=0\r\no=- 1 1 IN IP4 ${conn}\r\ns=-\r\nc=IN IP4 ${conn}\r\nt=0 0\r\n${media}a=rtpmap:96 telephone-event/8000\r\na=fmtp:96 0-15\r\na=ptime:20\r\n${extra}`;

test("parses codecs (static PTs without rtpmap), telephone-event PT, c=, direction, ptime", () => {
  const s = parseAudioSdp(offer("a=sendonly\r\n"));
  assert.ok(s);
  assert.deepEqual(
    s.codecs.map((c) => c.name),
    ["PCMA", "PCMU"],
  );
  assert.equal(s.telephoneEventPt, 96);
  assert.equal(s.address, "192.0.2.10");
  assert.equal(s.port, 4000);
  assert.equal(s.direction, "sendonly");
  assert.equal(s.ptime, 20);
  assert.equal(parseAudioSdp("hello"), null);
  assert.equal(parseAudioSdp("v=0\r\nm=video 1 RTP/AVP 96\r\n"), null);
});

test("negotiation picks the offerer's first supported codec and the offered event PT", () => {
  const n = negotiate(parseAudioSdp(offer())!);
  assert.equal(n?.codec.name, "PCMA");
  assert.equal(n?.telephoneEventPt, 96);
  assert.equal(n?.direction, "sendrecv");
  assert.equal(negotiate(parseAudioSdp(offer())!, ["PCMU"])?.codec.name, "PCMU");
  assert.equal(
    negotiate(parseAudioSdp(offer("", "192.0.2.10", "m=audio 4000 RTP/AVP 18 96\r\n"))!),
    null,
    "G.729 only: 488",
  );
});

test("hold and resume through re-INVITE directions", () => {
  const hold = negotiate(parseAudioSdp(offer("a=sendonly\r\n"))!);
  assert.equal(hold?.direction, "recvonly");
  assert.equal(hold?.send, false);
  assert.equal(hold?.receive, true);
  const inactive = negotiate(parseAudioSdp(offer("a=inactive\r\n"))!);
  assert.equal(inactive?.direction, "inactive");
  assert.equal(inactive?.receive, false);
  const old = negotiate(parseAudioSdp(offer("", "0.0.0.0"))!);
  assert.equal(old?.direction, "recvonly", "c=0.0.0.0 (RFC 2543 hold) acts as sendonly");
  const resume = negotiate(parseAudioSdp(offer("a=sendrecv\r\n"))!);
  assert.equal(resume?.direction, "sendrecv");
  assert.equal(answerDirection("recvonly"), "sendonly");
});

test("built SDP parses back; answers to our offer are accepted", () => {
  const text = buildAudioSdp({
    address: "127.0.0.1",
    port: 30000,
    codecs: [
      { pt: 0, name: "PCMU", rate: 8000 },
      { pt: 8, name: "PCMA", rate: 8000 },
    ],
    telephoneEventPt: 101,
    direction: "sendrecv",
    ptime: 20,
    sessionId: "42",
    sessionVersion: 1,
  });
  const s = parseAudioSdp(text)!;
  assert.deepEqual(
    s.codecs.map((c) => c.pt),
    [0, 8],
  );
  assert.equal(s.telephoneEventPt, 101);
  const answer = parseAudioSdp(offer("", "198.51.100.1", "m=audio 5000 RTP/AVP 8 96\r\n"))!;
  const n = acceptAnswer(
    { codecs: s.codecs, telephoneEventPt: 101, direction: "sendrecv" },
    answer,
  );
  assert.equal(n?.codec.name, "PCMA");
  assert.equal(n?.telephoneEventPt, 96);
  assert.equal(n?.remotePort, 5000);
});
