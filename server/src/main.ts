import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, parseConfig, type Config } from './config.ts';
import { createLogger, type Logger } from './logger.ts';
import { connectRedis, withTimeout } from './store/redis.ts';
import { createMediaGateway } from './media/gateway.ts';
import { createApplication } from './app.ts';
import { seedDemo } from './demo.ts';
import { loadOrCreateSigningKek } from './communiques/signing.ts';
import { smtpMailer, type Mailer } from './mail/mailer.ts';
import {
  loadOrCreateSecrets,
  mailpitCachePath,
  reservePort,
  resolveLiveKitBin,
  startPrivateLiveKit,
  startPrivateMailpit,
  startPrivateRedis,
  type OwnedChild,
} from './launcher/index.ts';

/**
 * `npm start`: reads config once, starts a private Redis and LiveKit when none
 * are configured, then serves the API and the built client. It owns its
 * children: on a signal it stops them; if one dies it says which and exits 1.
 */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = parseConfig(process.env, process.stdout.isTTY);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger({ level: config.logLevel, format: config.logFormat });
  const children: OwnedChild[] = [];
  let shuttingDown = false;
  let closeApp: () => Promise<void> = () => Promise.resolve();

  const shutdown = async (code: number): Promise<never> => {
    if (shuttingDown) return new Promise<never>(() => undefined);
    shuttingDown = true;
    // Each close step is bounded, and so is the whole: a part that died must
    // never keep the launcher, and the children it owns, alive.
    await withTimeout(closeApp(), 8000).catch((err: unknown) => {
      logger.warn({ err }, 'the app did not close in time; stopping anyway');
    });
    await Promise.all(children.map((c) => c.stop()));
    logger.flush();
    process.exit(code);
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      logger.info({ signal: sig }, 'stopping');
      void shutdown(0);
    });
  }
  // Our own code handles its promises (lint flags floating ones), so a rejection
  // nobody handles comes from a library's fire-and-forget path: the Socket.IO
  // Redis adapter's, when Redis drops a connection or on close. Node would
  // crash the whole server, and every meeting with it, over a read that will
  // simply be retried; say it in the log and carry on.
  process.on('unhandledRejection', (reason) => {
    if (shuttingDown) logger.debug({ err: reason }, 'ignored a rejection while stopping');
    else logger.error({ err: reason }, 'unhandled promise rejection (carrying on)');
  });
  const own = (child: OwnedChild): void => {
    children.push(child);
    void child.exited.then(({ code, signal }) => {
      if (shuttingDown) return;
      logger.error(
        { child: child.name, pid: child.pid, code, signal, lastLines: child.tail() },
        `${child.name} exited unexpectedly; stopping Majlis`,
      );
      void shutdown(1);
    });
  };

  try {
    fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
    const needSecrets = config.redisUrl === undefined || config.livekit.mode === 'embedded';
    const secrets = needSecrets ? loadOrCreateSecrets(config.dataDir) : undefined;

    // The app listens only after its children start: keep its port from them.
    reservePort(config.port);
    let redisUrl = config.redisUrl;
    if (redisUrl === undefined && secrets) {
      const redis = await startPrivateRedis({
        dir: path.join(config.dataDir, 'redis'),
        password: secrets.redisPassword,
      });
      own(redis.child);
      redisUrl = redis.url;
      logger.info(
        { port: redis.port, pid: redis.child.pid },
        'private redis-server started (AOF on)',
      );
    }

    let lk: { url: string; publicUrl: string; apiKey: string; apiSecret: string };
    if (config.livekit.mode === 'external') {
      lk = config.livekit;
    } else if (secrets) {
      const bin = resolveLiveKitBin(config.livekit.bin);
      const webhookHost =
        config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
      const started = await startPrivateLiveKit({
        bin,
        dir: path.join(config.dataDir, 'livekit'),
        apiKey: secrets.livekitApiKey,
        apiSecret: secrets.livekitApiSecret,
        ...(config.port === 0
          ? {}
          : { webhookUrl: `http://${webhookHost}:${config.port}/livekit/webhook` }),
      });
      own(started.child);
      lk = {
        url: started.url,
        publicUrl: started.url,
        apiKey: secrets.livekitApiKey,
        apiSecret: secrets.livekitApiSecret,
      };
      logger.info(
        { port: started.port, pid: started.child.pid },
        'private livekit-server started (loopback only)',
      );
    } else {
      throw new Error('unreachable: embedded LiveKit without local secrets');
    }

    // ACCT-1: mail goes to SMTP_URL; without one, to a private mailpit whose page shows it.
    let mailer: Mailer;
    let mailpitUrl: string | undefined;
    if (config.mail.mode === 'smtp') {
      mailer = smtpMailer(config.mail.url, config.mail.from);
    } else {
      const mailpit = await startPrivateMailpit({
        bin: config.mail.bin ?? mailpitCachePath(),
        dir: path.join(config.dataDir, 'mailpit'),
      });
      own(mailpit.child);
      mailer = smtpMailer(mailpit.smtpUrl, config.mail.from);
      mailpitUrl = mailpit.webUrl;
      logger.info({ url: mailpit.webUrl, pid: mailpit.child.pid }, 'private mailpit started');
    }

    if (redisUrl === undefined) throw new Error('unreachable: no Redis URL');
    const redis = await connectRedis(redisUrl);
    const media = createMediaGateway({ ...lk, tokenTtlSeconds: config.tokenTtlSeconds });
    const clientDir = config.clientDir ?? defaultClientDir();
    const application = createApplication({
      redis,
      media,
      logger,
      livekitPublicUrl: lk.publicUrl,
      clientDir,
      mediaCheck: config.mediaCheck,
      publicUrl: config.publicUrl,
      rateLimits: config.rateLimits,
      trustProxy: config.trustProxy,
      adapterClient: await redis.duplicate(),
      signingKek: config.signingKek ?? loadOrCreateSigningKek(config.dataDir),
      mailer,
    });
    closeApp = async () => {
      await application.close();
      await redis.close();
    };
    const port = await application.listen(config.port, config.host);
    const shownHost = config.host.includes(':') ? `[${config.host}]` : config.host;
    logger.info({ url: `http://${shownHost}:${port}/` }, 'Majlis is listening');
    if (!fs.existsSync(path.join(clientDir, 'index.html'))) {
      logger.warn(
        { clientDir },
        'client not built; serving the API only (run `npm start` to build it)',
      );
    }
    const origin = application.publicOrigin.value;
    if (config.demo) {
      const demo = await seedDemo({
        summits: application.summits,
        accounts: application.accounts,
        lifecycle: application.sessions.lifecycle,
        presence: application.presence,
        interpretation: application.interpretation,
        communiques: application.communiques,
        dataDir: config.dataDir,
        origin,
      });
      process.stdout.write(
        `Demo summit ${demo.created ? 'created' : 'already there'}: sign-in details and invitation links are in ${demo.file}\n`,
      );
    } else if (!(await application.accounts.hasOrganiser())) {
      const code = await application.accounts.issueSetupCode();
      process.stdout.write(
        `First start: create the organiser account at ${origin}/setup with the one-time code ${code} (valid 24 hours)\n`,
      );
    }
    if (mailpitUrl !== undefined)
      process.stdout.write(
        `No SMTP_URL: mails (invitations, sign-in links) are kept, not sent; read them at ${mailpitUrl}/\n`,
      );
    // One plain line for humans and for scripts that wait on it.
    process.stdout.write(`Majlis ready: open ${origin}/\n`);
  } catch (err) {
    logError(logger, err);
    await shutdown(1);
  }
}

function defaultClientDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../client/dist');
}

function logError(logger: Logger, err: unknown): void {
  logger.error({ err }, err instanceof Error ? err.message : 'start-up failed');
}

void main();
