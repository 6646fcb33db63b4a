import { tekenVitestConfig } from "../../vitest.shared";

// PGlite start-up and argon2id hashing are CPU-bound; on a loaded 2-core runner they need headroom.
export default tekenVitestConfig({ testTimeout: 60_000 });
