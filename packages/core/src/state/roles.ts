/**
 * Every actor a transition can name (DOMAIN.md §1): the employee who signs (`pegawai`), the
 * reviewer who initials (`verifikator`), the unit's TTE admin, the agency-wide admin, Teken
 * itself acting on a timer or on a status read from BSrE (`system`), BSrE or its simulator's
 * operator (`bsre`), and anyone on the public verification page (`public`).
 */
export const roles = [
  "pegawai",
  "verifikator",
  "admin_satker",
  "super_admin",
  "system",
  "bsre",
  "public",
] as const;

/** One actor kind; see `roles`. */
export type Role = (typeof roles)[number];
