import { type BsreClient, createBsreClient } from "@teken/bsre-client";
import { type Simulator, type SimulatorOptions, createSimulatorApp } from "@teken/bsre-simulator";

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
}

function basic(user: string, password: string): string {
  return `Basic ${btoa(`${user}:${password}`)}`;
}

/** Starts the simulator in-process (no port) and a BSrE client bound to it. */
export async function createInProcessBsre(options: SimulatorOptions = {}): Promise<InProcessBsre> {
  const simulator = await createSimulatorApp(options);
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
