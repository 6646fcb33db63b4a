import { migration0001 } from "./0001-initial";
import { migration0002 } from "./0002-service-reference";

/** One versioned, forward-only schema migration. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Every migration of the registry, in version order. */
export const migrations: readonly Migration[] = [migration0001, migration0002];
