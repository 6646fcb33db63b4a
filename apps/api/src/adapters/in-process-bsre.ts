import { type BsreClient, createBsreClient } from "@teken/bsre-client";
import {
  type Simulator,
  type SimulatorOptions,
  createSimulatorApp,
  threadSigner,
} from "@teken/bsre-simulator";

/** The BSrE simulator running inside this process, with a client that calls it without a socket. */
export interface InProcessBsre {
  readonly simulator: Simulator;
  readonly client: BsreClient;
  /** The simulator's root certificate (DER): the trust anchor for verification. */
  readonly trustAnchors: readonly Uint8Array[];
  /**
   * Development helper: the simulator's operator approves a registered NIK and the user sets
   * `passphrase` with the mailed activation code, so the certificate becomes `ISSUE`.
   */
  issue(input: { nik: string; email: string; passphrase: string }): Promise<void>;
  /** The validity of the user's issued certificate, read from the certificate (undefined without one). */
  validityOf(nik: string): Promise<{ notBefore: Date; notAfter: Date } | undefined>;
}

/** One DER element: its tag, and where its content starts and ends. */
function element(der: Uint8Array, at: number): { tag: number; start: number; end: number } {
  const tag = der[at] ?? -1;
  let length = der[at + 1] ?? 0;
  let start = at + 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    length = 0;
    for (let i = 0; i < bytes; i++) length = length * 256 + (der[start + i] ?? 0);
    start += bytes;
  }
  if (start + length > der.length) throw new Error("certificate: truncated DER");
  return { tag, start, end: start + length };
}

/** UTCTime (YYMMDDHHMMSSZ, RFC 5280 §4.1.2.5.1) or GeneralizedTime (YYYYMMDDHHMMSSZ). */
function derTime(der: Uint8Array, e: { tag: number; start: number; end: number }): Date {
  const text = new TextDecoder().decode(der.subarray(e.start, e.end));
  const m =
    e.tag === 0x17
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text)
      : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) throw new Error("certificate: unexpected time");
  const n = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const year = e.tag === 0x17 ? (n[0] < 50 ? 2000 + n[0] : 1900 + n[0]) : n[0];
  return new Date(Date.UTC(year, n[1] - 1, n[2], n[3], n[4], n[5]));
}

/** notBefore/notAfter of a DER X.509 certificate (RFC 5280 §4.1: tbsCertificate.validity). */
export function certificateValidity(der: Uint8Array): { notBefore: Date; notAfter: Date } {
  const tbs = element(der, element(der, 0).start);
  let at = tbs.start;
  if (der[at] === 0xa0) at = element(der, at).end; // [0] version
  for (let i = 0; i < 3; i++) at = element(der, at).end; // serialNumber, signature, issuer
  const validity = element(der, at);
  const notBefore = element(der, validity.start);
  const notAfter = element(der, notBefore.end);
  return { notBefore: derTime(der, notBefore), notAfter: derTime(der, notAfter) };
}

function basic(user: string, password: string): string {
  return `Basic ${btoa(`${user}:${password}`)}`;
}

/**
 * Starts the simulator in-process (no port) and a BSrE client bound to it; with `signThreads`
 * its PDF signing runs in that many worker threads (`threadSigner`), off the event loop.
 */
export async function createInProcessBsre(
  options: SimulatorOptions & { signThreads?: number } = {},
): Promise<InProcessBsre> {
  const { signThreads = 0, ...simulatorOptions } = options;
  const simulator = await createSimulatorApp({
    ...simulatorOptions,
    ...(signThreads > 0 ? { makeSigner: (input) => threadSigner({ ...input, threads: signThreads }) } : {}),
  });
  const client = createBsreClient({
    baseUrl: "http://bsre.internal",
    credentials: simulator.credentials,
    fetch: async (input, init) => simulator.app.request(String(input), init),
  });
  const operator = basic(simulator.operator.username, simulator.operator.password);
  const call = async (path: string, init: RequestInit): Promise<Response> => {
    const res = await simulator.app.request(`http://bsre.internal${path}`, init);
    if (!res.ok) throw new Error(`simulator ${path}: HTTP ${res.status}`);
    return res;
  };
  return {
    simulator,
    client,
    trustAnchors: simulator.chain.slice(-1),
    async validityOf(nik) {
      const user = simulator.state.users.find((u) => u.nik === nik);
      if (!user?.certificate) return undefined;
      return certificateValidity(new Uint8Array(Buffer.from(user.certificate, "base64")));
    },
    async issue({ nik, email, passphrase }) {
      await call(`/operator/users/${nik}/approve`, { method: "POST", headers: { authorization: operator } });
      const res = await call(`/operator/outbox?to=${encodeURIComponent(email)}`, {
        headers: { authorization: operator },
      });
      const text = await res.text();
      const codes = [...text.matchAll(/passphrase: (\d+)/g)].map((m) => m[1]);
      const activationCode = codes.at(-1);
      if (!activationCode) throw new Error("simulator: no activation code in the outbox");
      await call("/portal/passphrase", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ nik, activationCode, passphrase }),
      });
    },
  };
}
