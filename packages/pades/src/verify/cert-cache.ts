/**
 * One PKI.js Certificate object per distinct DER, shared across verify calls, so the caches
 * keyed by certificate object (DER bytes, issuer checks, public keys, summaries) are hit
 * instead of parsing and verifying the same CA certificates again for every signature.
 */
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { bytesEqual } from "./bytes";
import { children, readTlv } from "./der";

const MAX_ENTRIES = 1024;
const buckets = new Map<number, { der: Uint8Array; cert: pkijs.Certificate }[]>();
let size = 0;

/** The DER fields of a certificate the verifier compares as bytes (RFC 5280 §4.1). */
export interface CertFields {
  readonly der: Uint8Array;
  readonly serial: Uint8Array;
  readonly issuer: Uint8Array;
  readonly subject: Uint8Array;
}

const fields = new WeakMap<object, CertFields>();

function fnv1a(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}

function readFields(der: Uint8Array): CertFields | null {
  const top = readTlv(der, 0);
  if (top === null || top.tag !== 0x30 || top.end !== der.length) return null;
  const tbs = children(der, top)?.[0];
  const k = tbs === undefined || tbs.tag !== 0x30 ? null : children(der, tbs);
  if (k === null) return null;
  const off = k[0]?.tag === 0xa0 ? 1 : 0;
  const serial = k[off];
  const issuer = k[off + 2];
  const subject = k[off + 4];
  if (serial?.tag !== 0x02 || issuer?.tag !== 0x30 || subject?.tag !== 0x30) return null;
  return {
    der,
    serial: der.subarray(serial.contentStart, serial.end),
    issuer: der.subarray(issuer.start, issuer.end),
    subject: der.subarray(subject.start, subject.end),
  };
}

/** Parses a DER certificate (shared per distinct DER), or null when unreadable. */
export function cachedCert(input: Uint8Array): pkijs.Certificate | null {
  const h = fnv1a(input);
  const bucket = buckets.get(h);
  const hit = bucket?.find((e) => bytesEqual(e.der, input));
  if (hit !== undefined) return hit.cert;
  const der = input.slice();
  const f = readFields(der);
  if (f === null) return null;
  let cert: pkijs.Certificate;
  try {
    const asn = asn1js.fromBER(der);
    if (asn.offset === -1) return null;
    cert = new pkijs.Certificate({ schema: asn.result });
  } catch {
    return null;
  }
  if (size >= MAX_ENTRIES) {
    buckets.clear();
    size = 0;
  }
  const list = buckets.get(h) ?? [];
  list.push({ der, cert });
  buckets.set(h, list);
  size++;
  fields.set(cert, f);
  return cert;
}

/** The DER fields of a certificate parsed by {@link cachedCert} (else re-encoded once). */
export function certFields(cert: pkijs.Certificate): CertFields {
  let f = fields.get(cert);
  if (f === undefined) {
    const der = new Uint8Array(cert.toSchema().toBER(false));
    f = readFields(der) ?? {
      der,
      serial: new Uint8Array(cert.serialNumber.valueBlock.valueHexView),
      issuer: new Uint8Array(cert.issuer.toSchema().toBER(false)),
      subject: new Uint8Array(cert.subject.toSchema().toBER(false)),
    };
    fields.set(cert, f);
  }
  return f;
}
