/** PEM text of the trust anchors bundled at build time (see vite.config.ts). */
declare const __TEKEN_BUNDLED_ANCHORS__: string;
/** True when the bundled anchors are the development (test) roots. */
declare const __TEKEN_DEV_ANCHORS__: boolean;
