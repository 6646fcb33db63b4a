import { argon2Verify, argon2id } from "hash-wasm";

/** Argon2id parameters: OWASP's minimum (19 MiB, 2 passes, 1 lane; RFC 9106 §4). */
export const ARGON2_PARAMS = { parallelism: 1, iterations: 2, memorySize: 19456, hashLength: 32 } as const;

/** Hashes a password with argon2id into the PHC string form (`$argon2id$v=19$...`). */
export async function hashPassword(password: string, salt: Uint8Array): Promise<string> {
  return argon2id({ password, salt, ...ARGON2_PARAMS, outputType: "encoded" });
}

/** True when `password` matches a hash made by `hashPassword`. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  return argon2Verify({ password, hash });
}
