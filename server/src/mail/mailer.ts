import type { LanguageCode } from '@majlis/shared';
import nodemailer from 'nodemailer';

/** One mail to one person, written in their language. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  lang: LanguageCode;
}

/** Where mail goes: SMTP in production, mailpit's SMTP when `npm start` runs one. */
export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/** Sends through the SMTP server at `url` (e.g. `smtp://127.0.0.1:1025`, `smtps://user:pass@host`). */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(mail) {
      await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        headers: { 'Content-Language': mail.lang },
      });
    },
  };
}

/** With no SMTP server configured: every mail fails, and its sender logs that it did. */
export const unsentMailer: Mailer = {
  send: () => Promise.reject(new Error('No SMTP server is configured (SMTP_URL)')),
};
