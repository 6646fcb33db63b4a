import nodemailer from "nodemailer";
import type { Mailer } from "../ports";

/** A `Mailer` over SMTP (`smtp://user:pass@host:port`, or nodemailer transport options). */
export function createSmtpMailer(options: { url: string; from: string }): Mailer & { close(): void } {
  const transport = nodemailer.createTransport(options.url);
  return {
    async send(mail) {
      await transport.sendMail({ from: options.from, to: mail.to, subject: mail.subject, text: mail.text });
    },
    close: () => transport.close(),
  };
}
