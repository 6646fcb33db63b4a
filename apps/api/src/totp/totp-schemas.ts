import { z } from "zod";

const code = z
  .string()
  .trim()
  .regex(/^\d{6}$/)
  .describe("6-digit code from the authenticator app");
const codeOrRecovery = z
  .string()
  .trim()
  .min(6)
  .max(32)
  .describe("6-digit TOTP code, or a one-time recovery code (xxxx-xxxx-xxxx)");

/** `POST /api/session/totp`: the second step of a login. */
export const LoginTotpSchema = z.object({
  challenge: z.string().min(20).max(200).describe("from the first step's answer"),
  code: codeOrRecovery,
});
/** `POST /api/profile/totp/confirm`. */
export const TotpConfirmSchema = z.object({ code });
/** `POST /api/profile/totp/disable`. */
export const TotpDisableSchema = z.object({ password: z.string().min(1).max(1024), code: codeOrRecovery });
/** `POST /api/profile/totp/recovery-codes`. */
export const TotpRegenerateSchema = z.object({ code });
