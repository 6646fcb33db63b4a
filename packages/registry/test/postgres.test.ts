import { describe, it } from "vitest";
import { openTestDatabase, postgresWanted } from "./support/engines";
import { describeRegistryContract } from "./support/registry-contract";

// Mandatory when DATABASE_URL is set (CI); locally it runs whenever the default server answers.
if (await postgresWanted()) {
  describeRegistryContract("PostgreSQL", () => openTestDatabase("postgres"));
} else {
  describe.skip("registry contract on PostgreSQL (no DATABASE_URL and no local server)", () => {
    it("skipped", () => {});
  });
}
