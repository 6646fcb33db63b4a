import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { toBytes } from "./bytes";
import { digest, pkijsEngine } from "./engine";
import { type EncryptKeyOptions, exportEncryptedPrivateKey } from "./encrypted-private-key";
import { OID } from "./oids";

/** Options for `exportPkcs12`. */
export interface Pkcs12Options extends EncryptKeyOptions {
  /** CA certificates to include after the holder's certificate. */
  readonly chain?: readonly Uint8Array[];
  /** friendlyName of the key and certificate (default: none). */
  readonly friendlyName?: string;
  /** Iterations of the PKCS#12 MAC key derivation (default 2048, as OpenSSL). */
  readonly macIterations?: number;
}

/**
 * Exports a key and its certificate (plus chain) as PKCS#12 (RFC 7292): the key in a
 * pkcs8ShroudedKeyBag under PBES2/AES-256-CBC, certificates in certBags, an HMAC-SHA-256
 * password MAC (§5, appendix B KDF). OpenSSL 3, Windows and macOS read it.
 * @example
 * const p12 = await exportPkcs12(signer.privateKey, signer.certificate, "sandi", { chain: signer.chain });
 */
export async function exportPkcs12(
  privateKey: CryptoKey,
  certificate: Uint8Array,
  password: string,
  options: Pkcs12Options = {},
): Promise<Uint8Array> {
  const crypto = options.crypto ?? globalThis.crypto;
  const localKeyId = await digest(crypto, "SHA-1", certificate);
  const keyBag = new pkijs.SafeBag({
    bagId: OID.pkcs8ShroudedKeyBag,
    bagValue: pkijs.PKCS8ShroudedKeyBag.fromBER(
      toBytes(await exportEncryptedPrivateKey(privateKey, password, options)),
    ),
    bagAttributes: bagAttributes(localKeyId, options.friendlyName),
  });
  const certBags = [certificate, ...(options.chain ?? [])].map(
    (der, i) =>
      new pkijs.SafeBag({
        bagId: OID.certBag,
        bagValue: new pkijs.CertBag({
          certId: OID.x509Certificate,
          certValue: new asn1js.OctetString({ valueHex: toBytes(der) }),
        }),
        ...(i === 0 ? { bagAttributes: bagAttributes(localKeyId, options.friendlyName) } : {}),
      }),
  );
  const pfx = new pkijs.PFX({
    parsedValue: {
      integrityMode: 0,
      authenticatedSafe: new pkijs.AuthenticatedSafe({
        parsedValue: {
          safeContents: [
            { privacyMode: 0, value: new pkijs.SafeContents({ safeBags: certBags }) },
            { privacyMode: 0, value: new pkijs.SafeContents({ safeBags: [keyBag] }) },
          ],
        },
      }),
    },
  });
  const engine = pkijsEngine(crypto);
  await pfx.parsedValue?.authenticatedSafe?.makeInternalValues({ safeContents: [{}, {}] }, engine);
  await pfx.makeInternalValues(
    {
      password: toBytes(new TextEncoder().encode(password)).buffer,
      iterations: options.macIterations ?? 2048,
      pbkdf2HashAlgorithm: "SHA-256",
      hmacHashAlgorithm: "SHA-256",
    },
    engine,
  );
  return new Uint8Array(pfx.toSchema().toBER(false));
}

function bagAttributes(localKeyId: Uint8Array, friendlyName: string | undefined): pkijs.Attribute[] {
  const attrs = [
    new pkijs.Attribute({
      type: OID.localKeyId,
      values: [new asn1js.OctetString({ valueHex: toBytes(localKeyId) })],
    }),
  ];
  if (friendlyName !== undefined) {
    attrs.push(
      new pkijs.Attribute({
        type: OID.friendlyName,
        values: [new asn1js.BmpString({ value: friendlyName })],
      }),
    );
  }
  return attrs;
}
