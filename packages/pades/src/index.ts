/** @teken/pades: PDF reading, incremental writing, PAdES signing and verification. */
export * from "./pdf/index";
export * from "./sign/index";
export * from "./verify/index";
export * from "./ltv/index";
export { qrSvg } from "./appearance/qr";
