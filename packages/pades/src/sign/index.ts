/** PAdES signing: the Signer port, CMS creation, PKCS#12 and key import. */
export { type CreateCmsOptions, type SubFilter, createCms, schemeOf } from "./create-cms";
export { PadesSignError, type PadesSignErrorCode } from "./errors";
export { type ImportKeyOptions, importPrivateKey } from "./import-private-key";
export { signerFromPkcs12 } from "./pkcs12";
export type { CmsProvider, LocalKeySigner, RawSigner, Signer } from "./ports";
export * from "../cms/index";
