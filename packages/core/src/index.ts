/** @teken/core: pure domain rules of Teken. */
export { fail, issue, ok } from "./result";
export type { Issue, Result } from "./result";
