import { randomUUID } from "node:crypto";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import nodemailer from "nodemailer";
import type { Mailer } from "../ports";

/** A `Mailer` that writes each message as an RFC 5322 `.eml` file in `dir` (the embedded default). */
export function createEmlFileMailer(options: { dir: string; from: string }): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    async send(mail) {
      const info = await transport.sendMail({
        from: options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
      });
      await mkdir(options.dir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${randomUUID()}.eml`;
      const tmp = join(options.dir, `${name}.tmp`);
      await writeFile(tmp, info.message as Buffer);
      await rename(tmp, join(options.dir, name));
    },
  };
}
