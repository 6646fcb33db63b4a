import { PdfError } from "../errors";
import { PdfArray, PdfDict, type PdfObject, PdfStream, PdfString, latin1Bytes } from "../objects";
import { aesCbcDecrypt, aesCbcEncrypt } from "./aes";
import { rc4 } from "./rc4";
import { legacyAuthenticate, modernAuthenticate, objectKey } from "./standard-keys";

/** The state of an opened standard security handler (ISO 32000-2 §7.6.4). */
export interface PdfSecurity {
  /** The crypt method for streams (§7.6.5, Table 25 /CFM; /StmF). */
  readonly method: CryptMethod;
  /** The crypt method for strings (/StrF; the same as `method` before /V 4). */
  readonly stringMethod: CryptMethod;
  /** False when /EncryptMetadata is false: metadata streams stay in the clear (§7.6.5). */
  readonly encryptMetadata: boolean;
  /** Revision /R of the handler. */
  readonly revision: number;
  /** Encrypts the strings and streams of a new object for `num gen` (§7.6.3). */
  encryptObject(num: number, gen: number, value: PdfObject): Promise<PdfObject>;
  /** Decrypts the strings and streams of an object read from the file. */
  decryptObject(num: number, gen: number, value: PdfObject): Promise<PdfObject>;
}

/** A crypt method: RC4, AES-128 (AESV2), AES-256 (AESV3) or none (Identity). */
export type CryptMethod = "RC4" | "AESV2" | "AESV3" | "Identity";

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
  const method = cryptMethod(e, v, "StmF");
  const stringMethod = cryptMethod(e, v, "StrF");
  const encryptMetadata = e.get("EncryptMetadata") !== false;
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
      encryptMetadata,
    });
  } else throw new PdfError("PDF_UNSUPPORTED_ENCRYPTION", `revision ${r}`);
  if (!fileKey) throw new PdfError("PDF_WRONG_PASSWORD");
  return new StandardSecurity({
    method,
    stringMethod,
    encryptMetadata,
    revision: r,
    fileKey,
    crypto: input.crypto,
  });
}

/** The crypt method: /V 1-2 use RC4; /V 4-5 name a crypt filter in /StmF or /StrF (§7.6.5). */
function cryptMethod(e: PdfDict, v: number, key: "StmF" | "StrF"): CryptMethod {
  if (v === 1 || v === 2) return "RC4";
  if (v !== 4 && v !== 5) throw new PdfError("PDF_UNSUPPORTED_ENCRYPTION", `V ${v}`);
  const name = e.getName(key) ?? "Identity";
  if (name === "Identity") return "Identity";
  const cf = e.get("CF");
  const filter = cf instanceof PdfDict ? cf.get(name) : undefined;
  const cfm = filter instanceof PdfDict ? filter.getName("CFM") : undefined;
  if (cfm === "V2") return "RC4";
  if (cfm === "AESV2" || cfm === "AESV3") return cfm;
  if (cfm === "None") return "Identity";
  throw new PdfError("PDF_UNSUPPORTED_ENCRYPTION", `crypt filter ${cfm ?? name}`);
}

type Transform = (data: Uint8Array) => Promise<Uint8Array>;

interface Transforms {
  readonly string: Transform;
  readonly stream: Transform;
  readonly encryptMetadata: boolean;
}

interface StandardSecurityInit {
  readonly method: CryptMethod;
  readonly stringMethod: CryptMethod;
  readonly encryptMetadata: boolean;
  readonly revision: number;
  readonly fileKey: Uint8Array;
  readonly crypto: Crypto;
}

class StandardSecurity implements PdfSecurity {
  readonly method: CryptMethod;
  readonly stringMethod: CryptMethod;
  readonly encryptMetadata: boolean;
  readonly revision: number;
  private readonly fileKey: Uint8Array;
  private readonly crypto: Crypto;

  constructor(init: StandardSecurityInit) {
    this.method = init.method;
    this.stringMethod = init.stringMethod;
    this.encryptMetadata = init.encryptMetadata;
    this.revision = init.revision;
    this.fileKey = init.fileKey;
    this.crypto = init.crypto;
  }

  private key(method: CryptMethod, num: number, gen: number): Uint8Array {
    return method === "AESV3" ? this.fileKey : objectKey(this.fileKey, num, gen, method === "AESV2");
  }

  private decryptor(method: CryptMethod, num: number, gen: number): Transform {
    if (method === "Identity") return async (d) => d;
    const key = this.key(method, num, gen);
    if (method === "RC4") return async (d) => rc4(key, d);
    return async (d) =>
      d.length < 16 ? new Uint8Array(0) : aesCbcDecrypt(this.crypto, key, d.subarray(0, 16), d.subarray(16));
  }

  private encryptor(method: CryptMethod, num: number, gen: number): Transform {
    if (method === "Identity") return async (d) => d;
    const key = this.key(method, num, gen);
    if (method === "RC4") return async (d) => rc4(key, d);
    return async (d) => {
      const iv = this.crypto.getRandomValues(new Uint8Array(16));
      const c = await aesCbcEncrypt(this.crypto, key, iv, d);
      const out = new Uint8Array(16 + c.length);
      out.set(iv);
      out.set(c, 16);
      return out;
    };
  }

  async decryptObject(num: number, gen: number, value: PdfObject): Promise<PdfObject> {
    return walk(
      value,
      {
        string: this.decryptor(this.stringMethod, num, gen),
        stream: this.decryptor(this.method, num, gen),
        encryptMetadata: this.encryptMetadata,
      },
      0,
    );
  }

  async encryptObject(num: number, gen: number, value: PdfObject): Promise<PdfObject> {
    return walk(
      value,
      {
        string: this.encryptor(this.stringMethod, num, gen),
        stream: this.encryptor(this.method, num, gen),
        encryptMetadata: this.encryptMetadata,
      },
      0,
    );
  }
}

/**
 * Applies `t` to every string and stream body (§7.6.2); the /Contents of a signature dictionary
 * stays as written (ISO 32000-2 §7.6.2: it is not encrypted), and so do xref streams.
 */
async function walk(value: PdfObject, t: Transforms, depth: number): Promise<PdfObject> {
  if (depth > 256) throw new PdfError("PDF_LIMIT", "nesting too deep");
  if (value instanceof PdfString) return new PdfString(await t.string(value.bytes), value.hex);
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
    const type = value.dict.getName("Type");
    if (type === "XRef" || (type === "Metadata" && !t.encryptMetadata)) return value;
    const dict = (await walk(value.dict, t, depth + 1)) as PdfDict;
    return new PdfStream(dict, await t.stream(value.raw));
  }
  return value;
}

function isSignatureDict(d: PdfDict): boolean {
  const type = d.getName("Type");
  return (
    type === "Sig" || type === "DocTimeStamp" || (d.get("ByteRange") instanceof PdfArray && d.has("Contents"))
  );
}
