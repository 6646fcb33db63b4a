import { normalizeSerial } from "./bytes";
import type { CaStore, IssuedRecord, RevocationRecord } from "./ports";

/** An in-memory `CaStore` for tests, development and the simulator. */
export class MemoryCaStore implements CaStore {
  readonly #issued = new Map<string, IssuedRecord>();
  readonly #revoked = new Map<string, RevocationRecord>();
  readonly #counters = new Map<string, bigint>();

  async recordIssued(record: IssuedRecord): Promise<void> {
    const serialNumber = normalizeSerial(record.serialNumber);
    this.#issued.set(key(record.caId, serialNumber), { ...record, serialNumber });
  }

  async findIssued(caId: string, serialNumber: string): Promise<IssuedRecord | undefined> {
    return this.#issued.get(key(caId, normalizeSerial(serialNumber)));
  }

  async addRevocation(record: RevocationRecord): Promise<RevocationRecord> {
    const serialNumber = normalizeSerial(record.serialNumber);
    const k = key(record.caId, serialNumber);
    const existing = this.#revoked.get(k);
    if (existing !== undefined) return existing;
    const stored = { ...record, serialNumber };
    this.#revoked.set(k, stored);
    return stored;
  }

  async findRevocation(caId: string, serialNumber: string): Promise<RevocationRecord | undefined> {
    return this.#revoked.get(key(caId, normalizeSerial(serialNumber)));
  }

  async listRevocations(caId: string): Promise<readonly RevocationRecord[]> {
    return [...this.#revoked.values()].filter((r) => r.caId === caId);
  }

  async nextCounter(name: string): Promise<bigint> {
    const next = (this.#counters.get(name) ?? 0n) + 1n;
    this.#counters.set(name, next);
    return next;
  }
}

function key(caId: string, serial: string): string {
  return `${caId}\u0000${serial}`;
}
