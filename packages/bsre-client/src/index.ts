/** @teken/bsre-client: Typed client of BSrE's Esign Client Service API v1 and v2. */
export {};
