import { createDatabase } from "@teken/registry";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureApiTables } from "./api-tables";
import { type Throttle, createDatabaseThrottle, createMemoryThrottle } from "./throttle";

let clock = Date.parse("2026-11-25T10:00:00Z");
const MIN = 60_000;
let database: Awaited<ReturnType<typeof createDatabase>>;
// Creating and migrating a PGlite database takes longer than the default hook timeout on a loaded machine.
beforeAll(async () => {
  database = await createDatabase();
  await ensureApiTables(database.db);
}, 120_000);
afterAll(async () => {
  await database.close();
});

const makers: [string, (scope: string) => Throttle][] = [
  [
    "memory",
    () => createMemoryThrottle({ maxAttempts: 3, windowMs: 10 * MIN, lockMs: 5 * MIN, now: () => clock }),
  ],
  [
    "database",
    (scope) =>
      createDatabaseThrottle(database.db, {
        scope,
        maxAttempts: 3,
        windowMs: 10 * MIN,
        lockMs: 5 * MIN,
        now: () => new Date(clock),
      }),
  ],
];

describe.each(makers)("%s throttle", (name, make) => {
  it("locks at the limit within the window, unlocks after lockMs, and reset clears", async () => {
    const t = make(`a-${name}`);
    for (let i = 0; i < 2; i++) {
      await t.fail("nip");
      clock += MIN;
    }
    expect(await t.locked("nip")).toBe(false);
    await t.fail("nip");
    expect(await t.locked("nip")).toBe(true);
    expect(await t.locked("other")).toBe(false);
    clock += 6 * MIN;
    expect(await t.locked("nip")).toBe(false);
    await t.fail("x");
    await t.fail("x");
    await t.fail("x");
    expect(await t.locked("x")).toBe(true);
    await t.reset("x");
    expect(await t.locked("x")).toBe(false);
  });

  it("does not lock for failures spread wider than the window", async () => {
    const t = make(`b-${name}`);
    for (let i = 0; i < 4; i++) {
      await t.fail("slow");
      clock += 6 * MIN;
    }
    expect(await t.locked("slow")).toBe(false);
  });
});
