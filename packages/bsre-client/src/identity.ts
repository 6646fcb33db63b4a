import { z } from "zod";
import { BsreError } from "./errors";

/** Who acts in a v2 call: the signer's NIK or their registered email. */
export type BsreIdentity =
  | { readonly nik: string; readonly email?: never }
  | { readonly email: string; readonly nik?: never };

/** How the signer authorises a v2 sign: their passphrase, or a TOTP emailed by `requestSignTotp`. */
export type BsreAuthorisation =
  | { readonly passphrase: string; readonly totp?: never }
  | { readonly totp: string; readonly passphrase?: never };

const NikSchema = z.string().regex(/^\d{16}$/);
const EmailSchema = z.email();

/** Returns the identity as the JSON fields BSrE expects, or throws BSRE_INVALID_INPUT. */
export function identityFields(identity: BsreIdentity): { nik: string } | { email: string } {
  if (identity.nik !== undefined && identity.email === undefined) {
    if (!NikSchema.safeParse(identity.nik).success) {
      throw new BsreError({ code: "BSRE_INVALID_INPUT", detail: "nik must be 16 digits" });
    }
    return { nik: identity.nik };
  }
  if (identity.email !== undefined && identity.nik === undefined) {
    if (!EmailSchema.safeParse(identity.email).success) {
      throw new BsreError({ code: "BSRE_INVALID_INPUT", detail: "email is not an address" });
    }
    return { email: identity.email };
  }
  throw new BsreError({ code: "BSRE_INVALID_INPUT", detail: "give exactly one of nik or email" });
}

/** Returns the authorisation as JSON fields, or throws BSRE_INVALID_INPUT. */
export function authorisationFields(auth: BsreAuthorisation): { passphrase: string } | { totp: string } {
  if (typeof auth.passphrase === "string" && auth.totp === undefined && auth.passphrase.length > 0) {
    return { passphrase: auth.passphrase };
  }
  if (typeof auth.totp === "string" && auth.passphrase === undefined && auth.totp.length > 0) {
    return { totp: auth.totp };
  }
  throw new BsreError({ code: "BSRE_INVALID_INPUT", detail: "give exactly one of passphrase or totp" });
}
