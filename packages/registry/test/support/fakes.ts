import type {
  CertificateAuthority,
  CertificateState,
  DocumentPreparer,
  SignRequest,
  SigningService,
} from "../../src/ports";

/** A PNG signature and IHDR chunk (300x100 pixels, ISO/IEC 15948 §11.2.2) padded with filler to `size` bytes. */
export function png(size = 200): Uint8Array {
  const b = new Uint8Array(Math.max(size, 33));
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(b.buffer);
  view.setUint32(16, 300);
  view.setUint32(20, 100);
  b.set([8, 6, 0, 0, 0], 24);
  return b;
}

/** A small PDF-looking file (sniffed as application/pdf); `label` makes it unique. */
export function pdf(label: string): Uint8Array {
  return new TextEncoder().encode(`%PDF-1.7\n% ${label}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);
}

let serial = 0;
/** A fresh, consistent NIP + NIK pair (male, born 1980-01-01, CPNS 2005-01). */
export function identity(): { nip: string; nik: string } {
  serial++;
  if (serial > 999) throw new Error("identity(): out of serial numbers for one database");
  return {
    nip: `198001012005011${String(serial).padStart(3, "0")}`,
    nik: `320101010180${String(serial).padStart(4, "0")}`,
  };
}

/** A CA fake that keeps per-NIK state and lets the test move it (like the BSrE simulator's operator). */
export class FakeCa implements CertificateAuthority {
  readonly states = new Map<string, CertificateState>();
  readonly registered: { nik: string; email: string }[] = [];
  readonly renewals: string[] = [];

  async register(input: { nik: string; email: string }): Promise<CertificateState> {
    this.registered.push({ nik: input.nik, email: input.email });
    const state: CertificateState = { status: "NEW" };
    this.states.set(input.nik, state);
    return state;
  }
  async status(input: { nik: string }): Promise<CertificateState> {
    return this.states.get(input.nik) ?? { status: "NOT_REGISTERED" };
  }
  async requestRenewal(input: { nik: string }): Promise<CertificateState> {
    this.renewals.push(input.nik);
    const state: CertificateState = { status: "RENEW" };
    this.states.set(input.nik, state);
    return state;
  }
  /** Moves a user to a status (the CA operator's side). */
  set(nik: string, state: CertificateState): void {
    this.states.set(nik, state);
  }
}

/** A preparer that appends a footer marker naming the token (stand-in for @teken/pades). */
export const markerPreparer: DocumentPreparer = {
  async prepare(input) {
    const footer = new TextEncoder().encode(`\n% TEKEN-FOOTER ${input.shortCode} ${input.verifyUrl}\n`);
    const out = new Uint8Array(input.pdf.byteLength + footer.byteLength);
    out.set(input.pdf);
    out.set(footer, input.pdf.byteLength);
    return out;
  },
};

/** A signing service that appends a signature marker; checks the passphrase; remembers results by request id. */
export class FakeSigner implements SigningService {
  readonly results = new Map<string, Uint8Array>();
  calls = 0;
  /** Runs after signing, before answering (a test hook: delay, or hang to simulate a crash). */
  afterSign?: (request: SignRequest) => Promise<void>;

  constructor(private readonly passphrases: Map<string, string> = new Map()) {}

  async sign(request: SignRequest) {
    this.calls++;
    const expected = this.passphrases.get(request.nik) ?? "rahasia-Passphrase-1";
    if (request.passphrase !== expected) return { ok: false as const, code: "WRONG_PASSPHRASE" as const };
    const marker = new TextEncoder().encode(`\n% SIGNED-BY ${request.nik} REQ ${request.requestId}\n`);
    const out = new Uint8Array(request.pdf.byteLength + marker.byteLength);
    out.set(request.pdf);
    out.set(marker, request.pdf.byteLength);
    this.results.set(request.requestId, out);
    await this.afterSign?.(request);
    return { ok: true as const, pdf: out };
  }
  async retrieve(requestId: string, _reference?: string) {
    return this.results.get(requestId);
  }
}
