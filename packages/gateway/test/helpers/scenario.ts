/**
 * Builds SIPp scenarios for a caller (UAC) from steps, so each test says what the caller
 * does: dial a SIP user, press keys (SIPp's shipped RFC 2833 pcaps, or SIP INFO), stream a
 * WAV, wait, transfer with REFER (and answer the NOTIFYs), hang up or expect the gateway to.
 */
const DTMF_PCAP: Record<string, string> = {
  "*": "star",
  "#": "pound",
};
const pcap = (d: string) => `/usr/share/sip-tester/dtmf_2833_${DTMF_PCAP[d] ?? d}.pcap`;

export type UacStep =
  | { dtmf: string; gapMs?: number }
  | { info: string }
  | { pause: number }
  | { stream: string }
  | { refer: string; notifies?: number }
  | { expectBye: true; timeoutMs?: number }
  | { bye: true };

const headers = (method: string, cseq: number, toTag = true) => `
      ${method} sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch];rport
      From: sipp <sip:[caller]@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
      To: <sip:[service]@[remote_ip]:[remote_port]>${toTag ? "[peer_tag_param]" : ""}
      Call-ID: [call_id]
      CSeq: ${cseq} ${method}
      Contact: <sip:[caller]@[local_ip]:[local_port]>
      Max-Forwards: 70`;

const SDP = `
      v=0
      o=sipp 53655765 2353687637 IN IP[local_ip_type] [local_ip]
      s=-
      c=IN IP[media_ip_type] [media_ip]
      t=0 0
      m=audio [media_port] RTP/AVP 0 101
      a=rtpmap:0 PCMU/8000
      a=rtpmap:101 telephone-event/8000
      a=fmtp:101 0-15
      a=ptime:20
`;

const send = (text: string, retrans = false) =>
  `  <send${retrans ? ' retrans="500"' : ""}>\n    <![CDATA[${text}\n\n    ]]>\n  </send>\n`;

/** Answers a request from the gateway (NOTIFY, BYE) with 200. */
const ok200 = () =>
  send(`
      SIP/2.0 200 OK
      [last_Via:]
      [last_From:]
      [last_To:]
      [last_Call-ID:]
      [last_CSeq:]
      Content-Length: 0`);

export function uacScenario(o: {
  /** The SIP user called: sip:<service>@gateway. */
  service: string;
  /** Our own user name (the caller id). */
  caller?: string;
  /** A final failure expected instead of 200 (e.g. 486 or 302): no ACK'd dialog then. */
  expectStatus?: number;
  steps?: UacStep[];
}): string {
  let cseq = 1;
  let xml = `<?xml version="1.0" encoding="ISO-8859-1" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="caller of ${o.service}">
`;
  xml += send(
    `${headers("INVITE", cseq, false)}
      Content-Type: application/sdp
      Content-Length: [len]
${SDP}`,
    true,
  );
  xml += `  <recv response="100" optional="true"/>\n  <recv response="180" optional="true"/>\n  <recv response="183" optional="true"/>\n`;
  if (o.expectStatus !== undefined) {
    xml += `  <recv response="${o.expectStatus}"/>\n`;
    xml += send(`
      ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: sipp <sip:[caller]@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
      To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
      Call-ID: [call_id]
      CSeq: 1 ACK
      Max-Forwards: 70
      Content-Length: 0`);
    return `${xml.replace("[service]", o.service)}</scenario>\n`
      .replaceAll("[service]", o.service)
      .replaceAll("[caller]", o.caller ?? "4930555");
  }
  xml += `  <recv response="200" rtd="true"/>\n`;
  xml += send(`
      ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: sipp <sip:[caller]@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
      To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
      Call-ID: [call_id]
      CSeq: 1 ACK
      Max-Forwards: 70
      Content-Length: 0`);
  let ended = false;
  for (const step of o.steps ?? []) {
    if ("dtmf" in step) {
      for (const d of step.dtmf) {
        xml += `  <nop><action><exec play_pcap_audio="${pcap(d)}"/></action></nop>\n`;
        xml += `  <pause milliseconds="${step.gapMs ?? 250}"/>\n`;
      }
    } else if ("info" in step) {
      cseq++;
      xml += send(
        `${headers("INFO", cseq)}
      Content-Type: application/dtmf-relay
      Content-Length: [len]

Signal=${step.info}
Duration=160`,
        true,
      );
      xml += `  <recv response="200"/>\n`;
    } else if ("pause" in step) {
      xml += `  <pause milliseconds="${step.pause}"/>\n`;
    } else if ("stream" in step) {
      xml += `  <nop><action><exec rtp_stream="${step.stream},1,0"/></action></nop>\n`;
    } else if ("refer" in step) {
      cseq++;
      xml += send(
        `${headers("REFER", cseq)}
      Refer-To: <${step.refer}>
      Referred-By: <sip:[caller]@[local_ip]:[local_port]>
      Content-Length: 0`,
        true,
      );
      xml += `  <recv response="202"/>\n`;
      for (let i = 0; i < (step.notifies ?? 2); i++) {
        xml += `  <recv request="NOTIFY"><action><ereg regexp="SIP/2.0 [0-9]+ [A-Za-z ]+" search_in="body" check_it="true" assign_to="frag${i}"/><log message="notify: [$frag${i}]"/></action></recv>\n`;
        xml += ok200();
      }
    } else if ("expectBye" in step) {
      xml += `  <recv request="BYE" timeout="${step.timeoutMs ?? 20000}"/>\n`;
      xml += ok200();
      ended = true;
    } else if ("bye" in step) {
      cseq++;
      xml += send(
        `${headers("BYE", cseq)}
      Content-Length: 0`,
        true,
      );
      xml += `  <recv response="200" crlf="true"/>\n`;
      ended = true;
    }
  }
  if (!ended) {
    cseq++;
    xml += send(
      `${headers("BYE", cseq)}
      Content-Length: 0`,
      true,
    );
    xml += `  <recv response="200" crlf="true"/>\n`;
  }
  xml += "</scenario>\n";
  return xml.replaceAll("[service]", o.service).replaceAll("[caller]", o.caller ?? "4930555");
}

/** A callee (UAS) that rings and then answers (streaming a WAV if given), or never answers. */
export function uasScenario(o: {
  answerAfterMs?: number;
  stream?: string;
  holdMs?: number;
  never?: boolean;
}): string {
  const resp = (status: string, body = false) =>
    send(`
      SIP/2.0 ${status}
      [last_Via:]
      [last_From:]
      [last_To:];tag=[pid]SIPpTag01[call_number]
      [last_Call-ID:]
      [last_CSeq:]
      Contact: <sip:callee@[local_ip]:[local_port]>
${
  body
    ? `      Content-Type: application/sdp
      Content-Length: [len]
${SDP}`
    : "      Content-Length: 0"
}`);
  let xml = `<?xml version="1.0" encoding="ISO-8859-1" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="callee">
  <recv request="INVITE"><action><ereg regexp="CSeq: *([0-9]+)" search_in="msg" assign_to="all,cs"/></action></recv>
`;
  xml += resp("180 Ringing");
  if (o.never) {
    xml += `  <recv request="CANCEL"/>\n`;
    xml += ok200().replace("[last_To:]", "[last_To:];tag=[pid]SIPpTag01[call_number]");
    xml += resp("487 Request Terminated").replace("[last_CSeq:]", "CSeq: [$cs] INVITE");
    xml += `  <recv request="ACK"/>\n  <Reference variables="all"/>\n</scenario>\n`;
    return xml;
  }
  xml += `  <pause milliseconds="${o.answerAfterMs ?? 200}"/>\n`;
  xml += resp("200 OK", true);
  xml += `  <recv request="ACK"/>\n`;
  if (o.stream) xml += `  <nop><action><exec rtp_stream="${o.stream},-1,0"/></action></nop>\n`;
  xml += `  <recv request="BYE" timeout="${o.holdMs ?? 30000}"/>\n`;
  xml += ok200();
  xml += `  <Reference variables="all,cs"/>\n</scenario>\n`;
  return xml;
}
