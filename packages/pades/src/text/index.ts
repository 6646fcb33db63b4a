/** Content-stream text extraction: positioned glyphs and anchor search (ISO 32000-2 §9). */
export { type AnchorMatch, findAnchors, findSingleAnchor } from "./find-anchor";
export { type Box, type PositionedGlyph, extractGlyphs, pageContent } from "./extract-glyphs";
