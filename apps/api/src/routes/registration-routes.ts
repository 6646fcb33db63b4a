import { registerEmployee, registrationHistoryOf, resubmitRegistration } from "@teken/registry";
import { Hono } from "hono";
import type { AppDeps } from "../deps";
import type { ApiEnv } from "../http/env";
import {
  fileField,
  formBody,
  optionalText,
  requireUser,
  requiredFile,
  textField,
  unwrapResult,
} from "../http/helpers";

/**
 * Registration (DOMAIN.md §2): `POST /api/registrations` multipart with `nip`, `nik`, `email`,
 * `password`, `passwordConfirmation` and the files `ktp`, `recommendation`, `specimen`;
 * `POST /api/registrations/resubmit` after a rejection; `GET /api/registrations/me` history.
 */
export function registrationRoutes(deps: AppDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.post("/", async (c) => {
    const form = await formBody(c);
    const result = await registerEmployee(deps.registry, {
      nip: textField(form, "nip"),
      nik: textField(form, "nik"),
      email: textField(form, "email"),
      password: textField(form, "password"),
      passwordConfirmation: textField(form, "passwordConfirmation"),
      ktp: await requiredFile(form, "ktp"),
      recommendation: await requiredFile(form, "recommendation"),
      specimen: await requiredFile(form, "specimen"),
    });
    return c.json(unwrapResult(result), 201);
  });
  app.post("/resubmit", async (c) => {
    const user = requireUser(c);
    const form = await formBody(c);
    const nik = optionalText(form, "nik");
    const email = optionalText(form, "email");
    const ktp = await fileField(form, "ktp");
    const recommendation = await fileField(form, "recommendation");
    const specimen = await fileField(form, "specimen");
    const result = await resubmitRegistration(deps.registry, {
      actorId: user.id,
      ...(nik ? { nik } : {}),
      ...(email ? { email } : {}),
      ...(ktp ? { ktp } : {}),
      ...(recommendation ? { recommendation } : {}),
      ...(specimen ? { specimen } : {}),
    });
    return c.json(unwrapResult(result));
  });
  app.get("/me", async (c) => {
    const user = requireUser(c);
    return c.json(
      unwrapResult(await registrationHistoryOf(deps.registry, { actorId: user.id, userId: user.id })),
    );
  });
  return app;
}
