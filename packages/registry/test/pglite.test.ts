import { createDatabase } from "../src/db/create-database";
import { describeRegistryContract } from "./support/registry-contract";

describeRegistryContract("PGlite (in memory)", () => createDatabase());
