import { describeCaStoreContract } from "../test/ca-store-contract";
import { MemoryCaStore } from "./memory-ca-store";

describeCaStoreContract("MemoryCaStore", () => new MemoryCaStore());
