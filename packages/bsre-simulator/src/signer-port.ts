/** Where and how a visible stamp is drawn (DOMAIN.md §4 field semantics). */
export interface StampRequest {
  /** An image (v1 `imageTTD`, v2 `imageBase64`) or a QR code of v1 `linkQR`. */
  readonly content:
    | { readonly kind: "image"; readonly bytes: Uint8Array }
    | { readonly kind: "qr"; readonly text: string };
  /** Anchor text (`tag_koordinat`), or a page with a rectangle in PDF points from the bottom-left. */
  readonly placement:
    | { readonly kind: "anchor"; readonly text: string; readonly width: number; readonly height: number }
    | {
        readonly kind: "rect";
        readonly page: number | "first" | "last";
        readonly x: number;
        readonly y: number;
        readonly width: number;
        readonly height: number;
      };
  readonly text?: string;
}

/** One signing request handed to the PAdES layer. */
export interface SimulatorSignRequest {
  readonly pdf: Uint8Array;
  readonly privateKey: CryptoKey;
  readonly certificate: Uint8Array;
  /** Issuing CA first, then the root. */
  readonly chain: readonly Uint8Array[];
  readonly signerName: string;
  readonly reason?: string;
  readonly location?: string;
  /** Absent: an invisible signature. */
  readonly stamp?: StampRequest;
}

/** The PDF signing port (implemented over @teken/pades). */
export interface SimulatorSigner {
  /** The PAdES level this signer produces, e.g. `PAdES-BASELINE-LT`. */
  readonly level: string;
  signPdf(request: SimulatorSignRequest): Promise<Uint8Array>;
  /** Called after the simulator revoked a certificate: drop any cached revocation evidence. */
  onRevocation?(): void;
  /** Releases what the signer holds (worker threads). */
  close?(): Promise<void>;
}

/** The verification port: answers in BSrE's v1 and v2 shapes (implemented over @teken/pades' report). */
export interface SimulatorVerifier {
  verifyV1(pdf: Uint8Array, fileName: string): Promise<Record<string, unknown>>;
  verifyV2(pdf: Uint8Array, fileName: string, password?: string): Promise<Record<string, unknown>>;
}
