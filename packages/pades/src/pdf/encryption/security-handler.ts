import { PdfError } from "../errors";
import { PdfArray, PdfDict, type PdfObject, PdfStream, PdfString, latin1Bytes } from "../objects";
import { aesCbcDecrypt, aesCbcEncrypt } from "./aes";
import { rc4 } from "./rc4";
import { legacyAuthenticate, modernAuthenticate, objectKey } from "./standard-keys";

/** The state of an opened standard security handler (ISO 32000-2 §7.6.4). */
export interface PdfSecurity {
  /** The crypt method for strings and streams (§7.6.5, Table 25 /CFM). */
  readonly method: "RC4" | "AESV2" | "AESV3";
  /** Revision /R of the handler. */
  readonly revision: number;
  /** Encrypts the strings and streams of a new object for `num gen` (§7.6.3). */
  encryptObject(num: number, gen: number, value: PdfObject): Promise<PdfObject>;
  /** Decrypts the strings and streams of an object read from the file. */
  decryptObject(num: number, gen: number, value: PdfObject): Promise<PdfObject>;
}

/** Inputs to open the security handler. */
export interface SecurityInput {
  readonly encrypt: PdfDict;
  readonly id: Uint8Array | undefined;
  /** The password: a string is encoded as UTF-8 for R5/R6 and Latin-1 for R2-R4 (§7.6.4.3.1). */
  readonly password: string | Uint8Array;
  readonly crypto: Crypto;
}

/**
 * Opens the standard security handler (§7.6.4) for R2-R6 with the user or owner password:
 * RC4 40-128, AES-128 (AESV2) and AES-256 (AESV3). Throws PDF_WRONG_PASSWORD or
 * PDF_UNSUPPORTED_ENCRYPTION.
 */
export async function openSecurity(input: SecurityInput): Promise<PdfSecurity> {
  const e = input.encrypt;
  if (e.getName("Filter") !== "Standard") throw new PdfError("PDF_UNSUPPORTED_ENCRYPTION", "not /Standard");
  const v = e.getNumber("V") ?? 0;
  const r = e.getNumber("R") ?? 0;
  const method = cryptMethod(e, v);
  const bytes = (k: string) => {
    const s = e.get(k);
    return s instanceof PdfString ? s.bytes : new Uint8Array(0);
  };
  const pw = (utf8: boolean) =>
    typeof input.password !== "string"
      ? input.password
      : utf8
        ? new TextEncoder().encode(input.password)
        : latin1Bytes(input.password);
  let fileKey: Uint8Array | undefined;
  if (r >= 5 && r <= 6) {
    fileKey = await modernAuthenticate(input.crypto, pw(true), {
      revision: r,
      o: bytes("O"),
      u: bytes("U"),
      oe: bytes("OE"),
      ue: bytes("UE"),
    });
  } else if (r >= 2 && r <= 4) {
    const bits = v === 1 ? 40 : (e.getNumber("Length") ?? 40);
    fileKey = legacyAuthenticate(pw(false), {
      revision: r,
      keyLength: Math.min(16, Math.max(5, bits / 8)),
      o: bytes("O"),
      u: bytes("U"),
      p: e.getNumber("P") ?? 0,
      id: input.id ?? new Uint8Array(0),
      encryptMetadata: e.get("EncryptMetadata") !== false,
    });
  } else throw new PdfError("PDF_UNSUPPORTED_ENCRYPTION", `revision ${r}`);
  if (!fileKey) throw new PdfError("PDF_WRONG_PASSWORD");
  return new StandardSecurity(method, r, fileKey, input.crypto);
}

/** The crypt method: /V 1-2 use RC4; /V 4-5 name it in the /StdCF crypt filter (§7.6.5). */
function cryptMethod(e: PdfDict, v: number): PdfSecurity["method"] {
  if (v === 1 || v === 2) return "RC4";
  if (v !== 4 && v !== 5) throw new PdfError("PDF_UNSUPPORTED_ENCRYPTION", `V ${v}`);
  const cf = e.get("CF");
  const name = e.getName("StmF") ?? "Identity";
  const filter = cf instanceof PdfDict ? cf.get(name) : undefined;
  const cfm = filter instanceof PdfDict ? filter.getName("CFM") : undefined;
  if (cfm === "V2") return "RC4";
  if (cfm === "AESV2") return "AESV2";
  if (cfm === "AESV3") return "AESV3";
  throw new PdfError("PDF_UNSUPPORTED_ENCRYPTION", `crypt filter ${cfm ?? name}`);
}

type Transform = (data: Uint8Array) => Promise<Uint8Array>;

class StandardSecurity implements PdfSecurity {
  constructor(
    readonly method: PdfSecurity["method"],
    readonly revision: number,
    private readonly fileKey: Uint8Array,
    private readonly crypto: Crypto,
  ) {}

  private key(num: number, gen: number): Uint8Array {
    return this.method === "AESV3"
      ? this.fileKey
      : objectKey(this.fileKey, num, gen, this.method === "AESV2");
  }

  async decryptObject(num: number, gen: number, value: PdfObject): Promise<PdfObject> {
    const key = this.key(num, gen);
    const t: Transform =
      this.method === "RC4"
        ? async (d) => rc4(key, d)
        : async (d) =>
            d.length < 16
              ? new Uint8Array(0)
              : aesCbcDecrypt(this.crypto, key, d.subarray(0, 16), d.subarray(16));
    return walk(value, t, 0);
  }

  async encryptObject(num: number, gen: number, value: PdfObject): Promise<PdfObject> {
    const key = this.key(num, gen);
    const t: Transform =
      this.method === "RC4"
        ? async (d) => rc4(key, d)
        : async (d) => {
            const iv = this.crypto.getRandomValues(new Uint8Array(16));
            const c = await aesCbcEncrypt(this.crypto, key, iv, d);
            const out = new Uint8Array(16 + c.length);
            out.set(iv);
            out.set(c, 16);
            return out;
          };
    return walk(value, t, 0);
  }
}

/**
 * Applies `t` to every string and stream body (§7.6.2); the /Contents of a signature dictionary
 * stays as written (ISO 32000-2 §7.6.2: it is not encrypted), and so do xref streams.
 */
async function walk(value: PdfObject, t: Transform, depth: number): Promise<PdfObject> {
  if (depth > 256) throw new PdfError("PDF_LIMIT", "nesting too deep");
  if (value instanceof PdfString) return new PdfString(await t(value.bytes), value.hex);
  if (value instanceof PdfArray) {
    const items: PdfObject[] = [];
    for (const item of value.items) items.push(await walk(item, t, depth + 1));
    return new PdfArray(items);
  }
  if (value instanceof PdfDict) {
    const sig = isSignatureDict(value);
    const out = new PdfDict();
    for (const [k, v] of value.entries())
      out.set(k, sig && k === "Contents" ? v : await walk(v, t, depth + 1));
    return out;
  }
  if (value instanceof PdfStream) {
    if (value.dict.getName("Type") === "XRef") return value;
    const dict = (await walk(value.dict, t, depth + 1)) as PdfDict;
    return new PdfStream(dict, await t(value.raw));
  }
  return value;
}

function isSignatureDict(d: PdfDict): boolean {
  const type = d.getName("Type");
  return (
    type === "Sig" || type === "DocTimeStamp" || (d.get("ByteRange") instanceof PdfArray && d.has("Contents"))
  );
}
