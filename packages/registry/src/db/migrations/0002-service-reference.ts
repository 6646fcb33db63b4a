/**
 * Version 2: the signing service's own name for a result (BSrE v1's `id_dokumen`), stored as
 * soon as the service answers, so `SigningService.retrieve` can find the result after a crash.
 */
export const migration0002 = {
  version: 2,
  name: "service-reference",
  sql: `
ALTER TABLE signing_requests ADD COLUMN service_reference text;
`,
} as const;
