/** A logged-in user as the session middleware loaded them. */
export interface SessionUser {
  readonly id: string;
  readonly role: string;
  readonly unitId: string;
  readonly name: string;
  readonly csrf: string;
  /** Set when the caller authenticated with an API token: what it may do. */
  readonly scopes?: readonly string[];
  /** Set when the caller authenticated with an API token: its id (webhook subscriptions). */
  readonly tokenId?: string;
}

/** The Hono environment of the API: per-request variables. */
export interface ApiEnv {
  Variables: {
    requestId: string;
    user: SessionUser | undefined;
  };
}
