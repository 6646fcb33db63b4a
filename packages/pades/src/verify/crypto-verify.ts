import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { concatBytes } from "../bytes";
import type { Digester } from "../sign/byte-range";
import { CURVES, DIGESTS, OID, SIGNATURE_ALGS } from "./oids";

/** A signature or digest algorithm: PKI.js's AlgorithmIdentifier or a DER-walk {@link AlgId}. */
export type SigAlg = { readonly algorithmId: string; readonly paramsDer?: Uint8Array | undefined } & {
  readonly algorithmParams?: unknown;
};

/** The digest name for a digest AlgorithmIdentifier, or null when unknown. */
export function digestName(alg: { readonly algorithmId: string }): string | null {
  return DIGESTS[alg.algorithmId]?.name ?? null;
}

/**
 * Computes a digest by name over several byte ranges. Web Crypto has no streaming API but
 * copies its input when `digest` is called (W3C Web Crypto §14.3.5), so two ranges of one
 * buffer are hashed without allocating: the shorter range is moved next to the other, the
 * call is made, and the bytes are restored before anything else can run. With a `digester`
 * (the `digester` option, e.g. `node:crypto` in the CLI and the API) SHA-2 ranges are hashed
 * where they lie, without Web Crypto's copy.
 */
export async function digestRanges(
  crypto: Crypto,
  name: string,
  parts: readonly Uint8Array[],
  digester?: Digester,
): Promise<Uint8Array> {
  if (digester !== undefined && (name === "SHA-256" || name === "SHA-384" || name === "SHA-512"))
    return digester(parts, name);
  const wc = Object.values(DIGESTS).find((d) => d.name === name)?.webCrypto;
  if (wc === undefined || wc === null) throw new Error(`digest ${name} unavailable`);
  if (parts.length === 1)
    return new Uint8Array(await crypto.subtle.digest(wc, parts[0] as Uint8Array<ArrayBuffer>));
  const [p0, p1] = parts as [Uint8Array, Uint8Array];
  if (
    parts.length === 2 &&
    p0.buffer === p1.buffer &&
    p0.buffer instanceof ArrayBuffer &&
    p0.byteOffset + p0.length <= p1.byteOffset
  ) {
    return new Uint8Array(await digestJoined(crypto, wc, p0, p1));
  }
  return new Uint8Array(await crypto.subtle.digest(wc, concatBytes(parts) as Uint8Array<ArrayBuffer>));
}

function digestJoined(crypto: Crypto, wc: string, p0: Uint8Array, p1: Uint8Array): Promise<ArrayBuffer> {
  const start = p0.byteOffset;
  const gapStart = p0.byteOffset + p0.length;
  const gap = p1.byteOffset - gapStart;
  const whole = new Uint8Array(p0.buffer as ArrayBuffer, start, p1.byteOffset + p1.length - start);
  const g = gapStart - start;
  const saved = whole.slice(g, g + gap);
  let pending: Promise<ArrayBuffer>;
  if (p1.length <= p0.length) {
    whole.copyWithin(g, g + gap, g + gap + p1.length);
    try {
      pending = crypto.subtle.digest(wc, whole.subarray(0, g + p1.length) as Uint8Array<ArrayBuffer>);
    } finally {
      whole.copyWithin(g + gap, g, g + p1.length);
      whole.set(saved, g);
    }
  } else {
    whole.copyWithin(gap, 0, g);
    try {
      pending = crypto.subtle.digest(wc, whole.subarray(gap, g + gap + p1.length) as Uint8Array<ArrayBuffer>);
    } finally {
      whole.copyWithin(0, gap, gap + g);
      whole.set(saved, g);
    }
  }
  return pending;
}

const bitsCache = new WeakMap<object, number>();

/** The public key size in bits (RSA modulus length, EC field size); cached per key object. */
export function keyBits(spki: pkijs.PublicKeyInfo): number {
  let bits = bitsCache.get(spki);
  if (bits === undefined) {
    bits = computeKeyBits(spki);
    bitsCache.set(spki, bits);
  }
  return bits;
}

function computeKeyBits(spki: pkijs.PublicKeyInfo): number {
  const alg = spki.algorithm.algorithmId;
  if (alg === OID.rsaEncryption || alg === OID.rsaPss) {
    const parsed = asn1js.fromBER(spki.subjectPublicKey.valueBlock.valueHexView);
    const seq = parsed.result as asn1js.Sequence;
    const mod = seq.valueBlock?.value?.[0] as asn1js.Integer | undefined;
    if (mod === undefined) return 0;
    const bytes = mod.valueBlock.valueHexView;
    let i = 0;
    while (i < bytes.length && bytes[i] === 0) i++;
    if (i >= bytes.length) return 0;
    return (bytes.length - i - 1) * 8 + (32 - Math.clz32(bytes[i]!));
  }
  if (alg === OID.ecPublicKey) {
    const curve =
      spki.algorithm.algorithmParams instanceof asn1js.ObjectIdentifier
        ? spki.algorithm.algorithmParams.valueBlock.toString()
        : "";
    return (CURVES[curve]?.size ?? 0) * 8;
  }
  return 0;
}

/** Converts a DER ECDSA signature to the fixed-size r||s form Web Crypto expects. */
function ecdsaRaw(der: Uint8Array, size: number): Uint8Array | null {
  const parsed = asn1js.fromBER(der);
  if (parsed.offset === -1) return null;
  const seq = parsed.result as asn1js.Sequence;
  const parts = seq.valueBlock?.value;
  if (parts?.length !== 2) return null;
  const out = new Uint8Array(size * 2);
  for (let k = 0; k < 2; k++) {
    let v = (parts[k] as asn1js.Integer).valueBlock.valueHexView;
    while (v.length > size && v[0] === 0) v = v.subarray(1);
    if (v.length > size) return null;
    out.set(v, (k + 1) * size - v.length);
  }
  return out;
}

const spkiCache = new WeakMap<object, Uint8Array>();
const keyCache = new WeakMap<Crypto, WeakMap<object, Map<string, Promise<CryptoKey>>>>();

/** Imports a public key once per (Web Crypto, key, algorithm): importKey costs more than verify. */
function importCached(
  crypto: Crypto,
  spki: pkijs.PublicKeyInfo,
  spkiDer: Uint8Array,
  alg: RsaHashedImportParams | EcKeyImportParams,
): Promise<CryptoKey> {
  let perCrypto = keyCache.get(crypto);
  if (perCrypto === undefined) {
    perCrypto = new WeakMap();
    keyCache.set(crypto, perCrypto);
  }
  let perKey = perCrypto.get(spki);
  if (perKey === undefined) {
    perKey = new Map();
    perCrypto.set(spki, perKey);
  }
  const id = `${alg.name}/${"hash" in alg ? String(alg.hash) : ""}/${"namedCurve" in alg ? alg.namedCurve : ""}`;
  let key = perKey.get(id);
  if (key === undefined) {
    key = crypto.subtle.importKey("spki", spkiDer as Uint8Array<ArrayBuffer>, alg, false, ["verify"]);
    // A failed import is not cached: the next call tries again and fails the same way.
    key.catch(() => perKey.delete(id));
    perKey.set(id, key);
  }
  return key;
}

/** Outcome of a signature check. */
export type CryptoOutcome = "valid" | "invalid" | "unsupported";

/**
 * Verifies `signature` over `data` with the key in `spki` (RFC 8017 §8.2, RFC 5758 §3.2),
 * choosing the Web Crypto algorithm from the signature algorithm and digest.
 */
export async function verifyWithKey(
  crypto: Crypto,
  spki: pkijs.PublicKeyInfo,
  sigAlg: SigAlg,
  digest: string,
  data: Uint8Array,
  signature: Uint8Array,
): Promise<CryptoOutcome> {
  const info = SIGNATURE_ALGS[sigAlg.algorithmId];
  const hash = Object.values(DIGESTS).find((d) => d.name === (info?.digest ?? digest))?.webCrypto;
  if (info === undefined || hash === undefined || hash === null) return "unsupported";
  let spkiDer = spkiCache.get(spki);
  if (spkiDer === undefined) {
    spkiDer = new Uint8Array(spki.toSchema().toBER(false));
    spkiCache.set(spki, spkiDer);
  }
  try {
    if (info.key === "RSA") {
      const key = await importCached(crypto, spki, spkiDer, { name: "RSASSA-PKCS1-v1_5", hash });
      return (await crypto.subtle.verify(
        "RSASSA-PKCS1-v1_5",
        key,
        signature as Uint8Array<ArrayBuffer>,
        data as Uint8Array<ArrayBuffer>,
      ))
        ? "valid"
        : "invalid";
    }
    if (info.key === "RSA-PSS") {
      const params = new pkijs.RSASSAPSSParams({
        schema:
          sigAlg.paramsDer !== undefined ? asn1js.fromBER(sigAlg.paramsDer).result : sigAlg.algorithmParams,
      });
      const pssHash = DIGESTS[params.hashAlgorithm.algorithmId]?.webCrypto;
      if (!pssHash) return "unsupported";
      const rsaSpki = spkiDer;
      const key = await importCached(crypto, spki, rsaSpki, { name: "RSA-PSS", hash: pssHash }).catch(
        () => null,
      );
      if (key === null) return "unsupported";
      const ok = await crypto.subtle.verify(
        { name: "RSA-PSS", saltLength: params.saltLength },
        key,
        signature as Uint8Array<ArrayBuffer>,
        data as Uint8Array<ArrayBuffer>,
      );
      return ok ? "valid" : "invalid";
    }
    const curveOid =
      spki.algorithm.algorithmParams instanceof asn1js.ObjectIdentifier
        ? spki.algorithm.algorithmParams.valueBlock.toString()
        : "";
    const curve = CURVES[curveOid];
    if (curve === undefined) return "unsupported";
    const raw = ecdsaRaw(signature, curve.size);
    if (raw === null) return "invalid";
    const key = await importCached(crypto, spki, spkiDer, { name: "ECDSA", namedCurve: curve.name });
    return (await crypto.subtle.verify(
      { name: "ECDSA", hash },
      key,
      raw as Uint8Array<ArrayBuffer>,
      data as Uint8Array<ArrayBuffer>,
    ))
      ? "valid"
      : "invalid";
  } catch {
    return "invalid";
  }
}
