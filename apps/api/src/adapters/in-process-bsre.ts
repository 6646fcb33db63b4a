import { type BsreClient, createBsreClient } from "@teken/bsre-client";
import {
  type Simulator,
  type SimulatorOptions,
  createSimulatorApp,
  threadSigner,
} from "@teken/bsre-simulator";
import { parseCertificate } from "@teken/pades";

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

/** notBefore/notAfter of a DER X.509 certificate (RFC 5280 §4.1.2.5: tbsCertificate.validity). */
export function certificateValidity(der: Uint8Array): { notBefore: Date; notAfter: Date } {
  const cert = parseCertificate(der);
  return { notBefore: cert.notBefore.value, notAfter: cert.notAfter.value };
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
