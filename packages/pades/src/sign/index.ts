/** PAdES signing: the Signer port, two-phase and one-call signing, CMS creation, PKCS#12 and key import. */
export { type CreateCmsOptions, type SubFilter, createCms, schemeOf } from "./create-cms";
export { PadesSignError, type PadesSignErrorCode } from "./errors";
export { type SignatureInput, finish, finishParts } from "./finish";
export { type ImportKeyOptions, importPrivateKey } from "./import-private-key";
export type { Digester } from "./byte-range";
export { measureContentsSize } from "./contents-size";
export type { SignOptions, SignerIdentity, VisibleSignatureOptions } from "./options";
export { signerFromPkcs12 } from "./pkcs12";
export type { CmsProvider, LocalKeySigner, RawSigner, Signer } from "./ports";
export { type PreparedSignature, prepare } from "./prepare";
export { type SignPdfOptions, signPdf, signPdfParts } from "./sign-pdf";
export * from "../cms/index";
export * from "../appearance/index";
export * from "../text/index";
export { type PrepareFooterOptions, hasSignatures, prepareFooter } from "./prepare-footer";
