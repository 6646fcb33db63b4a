import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { type BsreClient, type BsreError, createBsreClient } from "@teken/bsre-client";
import {
  createSimulatorApp,
  emptyState,
  memoryStore,
  type Simulator,
  type SimulatorOptions,
  type SimulatorState,
} from "../src/index";

let seed: Promise<SimulatorState> | undefined;

/** A state holding only a CA hierarchy, made once per test file (RSA key generation is slow). */
function seedState(): Promise<SimulatorState> {
  seed ??= createSimulatorApp({ caKeyAlgorithm: "ecdsa-p256" }).then((sim) => ({
    ...emptyState(),
    ca: sim.state.ca,
    caStore: sim.state.caStore,
  }));
  return seed;
}

/** A simulator, a client pointed at it, and helpers for the simulator-only endpoints. */
export interface Harness {
  readonly sim: Simulator;
  readonly client: BsreClient;
  readonly baseUrl: string;
  /** A raw call with a path relative to the base URL. */
  raw(path: string, init?: RequestInit): Promise<Response>;
  /** A JSON call to the operator endpoints with operator credentials. */
  operator(path: string, body?: unknown, method?: string): Promise<Response>;
  /** A JSON call to the portal endpoints. */
  portal(path: string, body: unknown): Promise<Response>;
  close(): Promise<void>;
}

/** How a harness reaches the simulator. */
export type Transport = "in-process" | "http";

/** A settable clock. */
export interface Clock {
  now: Date;
  advance(ms: number): void;
}

/** A clock starting at a fixed instant. */
export function clock(start = new Date("2026-03-01T08:00:00Z")): Clock {
  const c: Clock = {
    now: start,
    advance(ms) {
      c.now = new Date(c.now.getTime() + ms);
    },
  };
  return c;
}

/** Basic authorization header value. */
export function basic(credentials: { username: string; password: string }): string {
  return `Basic ${btoa(`${credentials.username}:${credentials.password}`)}`;
}

/** Reads a fixture PDF. */
export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
}

/** Starts a simulator and a client over the chosen transport. */
export async function startHarness(transport: Transport, options: SimulatorOptions = {}): Promise<Harness> {
  const store = options.store ?? memoryStore(structuredClone(await seedState()));
  const sim = await createSimulatorApp({
    kdfIterations: 1_000,
    userKeyAlgorithm: "ecdsa-p256",
    caKeyAlgorithm: "ecdsa-p256",
    store,
    ...options,
  });
  let baseUrl = "http://simulator.test";
  let fetchImpl: typeof fetch = async (input, init) => sim.app.request(input as string, init);
  let close = async () => {};
  if (transport === "http") {
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: sim.app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    fetchImpl = globalThis.fetch;
    close = () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
  }
  const client = createBsreClient({
    baseUrl,
    credentials: sim.credentials,
    fetch: fetchImpl,
    retry: { retries: 0 },
  });
  const raw = (path: string, init?: RequestInit) => fetchImpl(`${baseUrl}${path}`, init);
  const json = (path: string, body: unknown, method: string, auth?: string) =>
    raw(path, {
      method,
      headers: { "content-type": "application/json", ...(auth ? { authorization: auth } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return {
    sim,
    client,
    baseUrl,
    raw,
    operator: (path, body, method = body === undefined ? "GET" : "POST") =>
      json(`/operator${path}`, body, method, basic(sim.operator)),
    portal: (path, body) => json(`/portal${path}`, body, "POST"),
    close,
  };
}

/** Awaits a promise that must fail with a BsreError, and returns it. */
export async function failure(promise: Promise<unknown>): Promise<BsreError> {
  try {
    await promise;
  } catch (error) {
    if ((error as { name?: string }).name === "BsreError") return error as BsreError;
    throw error;
  }
  throw new Error("expected a BsreError");
}

/** Reads the newest outbox message to `email` and extracts the first run of `digits` digits. */
export async function codeFromOutbox(h: Harness, email: string, digits: number): Promise<string> {
  const res = await h.operator(`/outbox?to=${encodeURIComponent(email)}`);
  const { messages } = (await res.json()) as { messages: { body: string }[] };
  const last = messages.at(-1);
  const match = last?.body.match(new RegExp(`\\b\\d{${digits}}\\b`));
  if (!match) throw new Error(`no ${digits}-digit code mailed to ${email}`);
  return match[0];
}

/** Registers (through the client), approves, and sets the passphrase of a user; returns the NIK. */
export async function enrol(
  h: Harness,
  user: { nik: string; email: string; nama: string; passphrase: string },
): Promise<void> {
  await h.client.v1.register({ nik: user.nik, email: user.email, nama: user.nama });
  const approved = await h.operator(`/users/${user.nik}/approve`, {});
  if (approved.status !== 200) throw new Error(`approve failed: ${approved.status} ${await approved.text()}`);
  const activationCode = await codeFromOutbox(h, user.email, 8);
  const set = await h.portal("/passphrase", { nik: user.nik, activationCode, passphrase: user.passphrase });
  if (set.status !== 200) throw new Error(`set passphrase failed: ${set.status} ${await set.text()}`);
}
