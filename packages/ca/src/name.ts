import "reflect-metadata";
import { Name } from "@peculiar/x509";

/** The parts of an X.501 distinguished name we write (RFC 5280 §4.1.2.4, X.520). */
export interface NameParts {
  readonly commonName: string;
  readonly organization?: string;
  readonly organizationalUnit?: string;
  /** ISO 3166 two-letter country code. */
  readonly country?: string;
  readonly email?: string;
  /** X.520 serialNumber attribute (e.g. a NIK), PrintableString. */
  readonly serialNumber?: string;
}

/** Builds a Name in the usual order C, O, OU, CN, serialNumber, emailAddress. */
export function buildName(parts: NameParts): Name {
  const rdns: Record<string, { utf8String?: string; printableString?: string; ia5String?: string }[]>[] = [];
  if (parts.country !== undefined) rdns.push({ "2.5.4.6": [{ printableString: parts.country }] });
  if (parts.organization !== undefined) rdns.push({ "2.5.4.10": [{ utf8String: parts.organization }] });
  if (parts.organizationalUnit !== undefined) {
    rdns.push({ "2.5.4.11": [{ utf8String: parts.organizationalUnit }] });
  }
  rdns.push({ "2.5.4.3": [{ utf8String: parts.commonName }] });
  if (parts.serialNumber !== undefined) rdns.push({ "2.5.4.5": [{ printableString: parts.serialNumber }] });
  if (parts.email !== undefined) rdns.push({ "1.2.840.113549.1.9.1": [{ ia5String: parts.email }] });
  return new Name(rdns);
}
