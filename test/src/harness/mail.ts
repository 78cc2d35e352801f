import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  mailpitCachePath,
  startPrivateMailpit,
  type PrivateMailpit,
} from '@majlis/server/launcher';
import { smtpMailer, type Mailer } from '@majlis/server/mail';

/** A real mailpit for one test file (ACCT-1): the app mails into it, the test reads its HTTP API. */
export async function startTestMailpit(): Promise<{ mailpit: PrivateMailpit; mailer: Mailer }> {
  const mailpit = await startPrivateMailpit({
    bin: mailpitCachePath(),
    dir: fs.mkdtempSync(path.join(os.tmpdir(), 'majlis-mailpit-')),
  });
  return { mailpit, mailer: smtpMailer(mailpit.smtpUrl, 'Majlis <no-reply@majlis.invalid>') };
}
