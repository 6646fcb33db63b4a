import type { Employee, EmployeeDirectory } from "@teken/registry";

/** An `EmployeeDirectory` held in memory (development and tests); `add` puts an employee in. */
export interface MemoryDirectory extends EmployeeDirectory {
  add(employee: Employee): void;
}

/** Creates an in-memory personnel directory (SIMPEG stand-in). */
export function createMemoryDirectory(initial: readonly Employee[] = []): MemoryDirectory {
  const byNip = new Map(initial.map((e) => [e.nip, e]));
  return {
    async lookup(nip) {
      return byNip.get(nip.replace(/\s/g, ""));
    },
    add(employee) {
      byNip.set(employee.nip, employee);
    },
  };
}
