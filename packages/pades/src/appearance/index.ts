/** Visible signature stamps: placement, stamp rendering, appearance streams. */
export { dejaVuSansLatin } from "./fonts/dejavu-sans-latin";
export {
  type AnchorPlacement,
  type PageSelector,
  type Placement,
  type RectPlacement,
  type PageFrame,
  type ResolvedPlacement,
  displayRectToUser,
  displayToUser,
  pageIndexOf,
  resolvePlacement,
  userBoxToDisplay,
  userToDisplay,
} from "./placement";
export { type StampContent, renderStampPdf } from "./stamp";
export { buildStampXObject, defaultStamp } from "./visible-signature";
export { DEFAULT_FOOTER_TEXT, type FooterContent, renderFooterPdf } from "./footer";
