/** @teken/bsre-simulator: A local BSrE Esign Client Service for development and tests, built on @teken/ca and @teken/pades. */
export {};
