#!/usr/bin/env node
// The two commands a new user needs: `npm start` and `npm test`.
// Plain Node, no dependencies: it runs before anything is installed, installs
// what is missing (pnpm, node modules, Debian packages, the LiveKit binary),
// then hands over to the real programs.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const PNPM_VERSION = pkg.packageManager.replace(/^pnpm@/, '');
const LIVEKIT_VERSION = 'v1.13.5';
const MAILPIT_VERSION = 'v1.33.1';
const cacheHome = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
const cacheDir = path.join(cacheHome, 'majlis');
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

const say = (msg) => process.stderr.write(`[majlis] ${msg}\n`);
function fail(msg) {
  say(msg);
  process.exit(1);
}

function which(bin) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const p = path.join(dir, bin);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      /* keep looking */
    }
  }
  return undefined;
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  if (r.error) fail(`could not run ${cmd}: ${r.error.message}`);
  return r.status ?? 1;
}

function mustRun(cmd, args, opts = {}) {
  const code = run(cmd, args, opts);
  if (code !== 0) fail(`\`${cmd} ${args.join(' ')}\` failed with exit code ${code}`);
}

// --- pnpm, pinned by package.json's packageManager -------------------------
function ensurePnpm() {
  const onPath = which('pnpm');
  if (onPath) {
    const v = spawnSync(onPath, ['--version'], { encoding: 'utf8' }).stdout?.trim();
    if (v === PNPM_VERSION) return;
  }
  const dir = path.join(cacheDir, `pnpm-${PNPM_VERSION}`);
  const bin = path.join(dir, 'node_modules', '.bin');
  if (!fs.existsSync(path.join(bin, 'pnpm'))) {
    say(`installing pnpm ${PNPM_VERSION} into ${dir}`);
    fs.mkdirSync(dir, { recursive: true });
    mustRun('npm', [
      'install',
      '--prefix',
      dir,
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      `pnpm@${PNPM_VERSION}`,
    ]);
  }
  process.env.PATH = `${bin}${path.delimiter}${process.env.PATH}`;
}

function hashFiles(files) {
  const h = createHash('sha256');
  for (const f of files.sort()) {
    h.update(f);
    h.update(fs.readFileSync(f));
  }
  return h.digest('hex');
}

function listFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath ?? e.path, e.name));
}

// --- node modules from the lockfile ------------------------------------------
function ensureNodeModules() {
  const stamp = path.join(root, 'node_modules', '.majlis-lock-hash');
  const want = hashFiles([path.join(root, 'pnpm-lock.yaml')]);
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === want) return;
  say('installing node dependencies from pnpm-lock.yaml');
  mustRun('pnpm', ['install', '--frozen-lockfile']);
  fs.writeFileSync(stamp, want);
}

// --- Debian packages ----------------------------------------------------------
function ensureDebianPackages(needed) {
  const missing = needed.filter(([bin]) => !which(bin) && !fs.existsSync(bin));
  if (missing.length === 0) return;
  installDebianPackages(
    [...new Set(missing.map(([, p]) => p))],
    missing.map(([b]) => b).join(', '),
  );
}

function installDebianPackages(pkgs, what = pkgs.join(', ')) {
  const cmd = `apt-get update && apt-get install -y --no-install-recommends ${pkgs.join(' ')}`;
  if (!isRoot || !which('apt-get')) {
    fail(`missing ${what}. Install them first, then run this again:\n  sudo sh -c '${cmd}'`);
  }
  say(`installing Debian packages: ${pkgs.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  mustRun('apt-get', ['update', '-qq'], { env });
  mustRun('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs], { env });
}

// --- LiveKit ------------------------------------------------------------------
function ensureLiveKit() {
  if (process.env.LIVEKIT_URL) return;
  if (process.env.LIVEKIT_BIN) {
    if (!fs.existsSync(process.env.LIVEKIT_BIN))
      fail(`LIVEKIT_BIN points at ${process.env.LIVEKIT_BIN}, which does not exist`);
    return;
  }
  const dir = path.join(cacheDir, `livekit-${LIVEKIT_VERSION}`);
  const bin = path.join(dir, 'livekit-server');
  if (fs.existsSync(bin)) return;
  if (which('livekit-server')) return;
  if (!which('go')) {
    fail(
      `livekit-server not found. Install Go 1.26+ and run this again (it builds LiveKit ${LIVEKIT_VERSION} once), ` +
        'or put livekit-server on PATH, or set LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET.',
    );
  }
  say(`building livekit-server ${LIVEKIT_VERSION} into ${dir} (first run only; a few minutes)`);
  const staging = `${dir}.tmp-${process.pid}`;
  fs.mkdirSync(staging, { recursive: true });
  mustRun('go', ['install', `github.com/livekit/livekit-server/cmd/server@${LIVEKIT_VERSION}`], {
    env: { ...process.env, CGO_ENABLED: '0', GOBIN: staging },
  });
  fs.mkdirSync(dir, { recursive: true });
  fs.renameSync(path.join(staging, 'server'), bin);
  fs.rmSync(staging, { recursive: true, force: true });
}

// --- mailpit (ACCT-1) ------------------------------------------------------------
// With no SMTP_URL, `npm start` keeps mails in a private mailpit; the tests read
// mail through its HTTP API. Built once into the cache, like LiveKit.
function ensureMailpit({ evenWithSmtp = false } = {}) {
  if (!evenWithSmtp && process.env.SMTP_URL) return;
  if (process.env.MAILPIT_BIN) {
    if (!fs.existsSync(process.env.MAILPIT_BIN))
      fail(`MAILPIT_BIN points at ${process.env.MAILPIT_BIN}, which does not exist`);
    return;
  }
  const dir = path.join(cacheDir, `mailpit-${MAILPIT_VERSION}`);
  const bin = path.join(dir, 'mailpit');
  if (fs.existsSync(bin)) return;
  if (!which('go')) {
    fail(
      `mailpit not found. Install Go 1.26+ and run this again (it builds mailpit ${MAILPIT_VERSION} once), ` +
        'or set SMTP_URL (and MAIL_FROM) to send mail through your SMTP server.',
    );
  }
  say(`building mailpit ${MAILPIT_VERSION} into ${dir} (first run only; a few minutes)`);
  const staging = `${dir}.tmp-${process.pid}`;
  fs.mkdirSync(staging, { recursive: true });
  mustRun('go', ['install', `github.com/axllent/mailpit@${MAILPIT_VERSION}`], {
    env: { ...process.env, CGO_ENABLED: '0', GOBIN: staging },
  });
  fs.mkdirSync(dir, { recursive: true });
  fs.renameSync(path.join(staging, 'mailpit'), bin);
  fs.rmSync(staging, { recursive: true, force: true });
}

// --- schemathesis, for the API fuzz test -------------------------------------
const SCHEMATHESIS_VERSION = '4.32.5';
function ensureSchemathesis() {
  const venv = path.join(cacheDir, `schemathesis-${SCHEMATHESIS_VERSION}`);
  if (fs.existsSync(path.join(venv, 'bin', 'st'))) return;
  if (!which('python3')) ensureDebianPackages([['python3', 'python3']]);
  say(`installing schemathesis ${SCHEMATHESIS_VERSION} into ${venv}`);
  fs.rmSync(venv, { recursive: true, force: true });
  if (run('python3', ['-m', 'venv', venv]) !== 0) {
    // Debian's python3 ships venv separately.
    fs.rmSync(venv, { recursive: true, force: true });
    installDebianPackages(['python3-venv']);
    mustRun('python3', ['-m', 'venv', venv]);
  }
  mustRun(path.join(venv, 'bin', 'pip'), [
    'install',
    '--quiet',
    '--disable-pip-version-check',
    `schemathesis==${SCHEMATHESIS_VERSION}`,
  ]);
}

// --- the client bundle, rebuilt only when its inputs change -------------------
// Two builds (client/vite.config.ts): production into client/dist, served by
// `npm start`; the test build, with the window probes end-to-end tests and
// benchmarks read, into client/dist-test. Production never holds a probe.
// Assets of an earlier test build are kept a while: a page still open in a
// test that runs beside the rebuild may yet fetch its lazy chunks. `npm start`
// builds before it serves, so production keeps only the new build.
const CLIENT_BUILDS = {
  production: { outDir: path.join(root, 'client/dist'), viteArgs: [], keepOldMs: 0 },
  test: {
    outDir: path.join(root, 'client/dist-test'),
    viteArgs: ['--mode', 'test'],
    keepOldMs: 10 * 60_000,
  },
};

function ensureClientBuilt(kind = 'production') {
  const { outDir, viteArgs, keepOldMs } = CLIENT_BUILDS[kind];
  const inputs = [
    ...listFiles(path.join(root, 'client/src')),
    ...listFiles(path.join(root, 'shared/src')),
    path.join(root, 'client/index.html'),
    path.join(root, 'client/vite.config.ts'),
    path.join(root, 'client/package.json'),
    path.join(root, 'pnpm-lock.yaml'),
  ].filter((f) => fs.existsSync(f));
  const want = hashFiles(inputs);
  const stamp = path.join(outDir, '.majlis-build-hash');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === want) return;
  say(`building the client (${kind})`);
  // Built beside, then moved in: another test run may be serving outDir now.
  const staging = `${outDir}.building-${process.pid}`;
  try {
    mustRun(
      'pnpm',
      ['--filter', '@majlis/client', 'exec', 'vite', 'build', ...viteArgs, '--outDir', staging],
      // Vitest sets NODE_ENV=test, which would make Vite emit React's development build.
      { env: { ...process.env, NODE_ENV: 'production' } },
    );
    publishClientBuild(staging, outDir, keepOldMs);
    fs.writeFileSync(stamp, want);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Moves a finished build into place: new hashed assets first, `index.html`
 * last and atomically, so a reader sees the old build or the new one, never
 * half of each. Old assets go once older than `keepOldMs`.
 */
function publishClientBuild(staging, outDir, keepOldMs) {
  const fresh = new Set();
  for (const file of listFiles(staging)) {
    const rel = path.relative(staging, file);
    if (rel === 'index.html') continue;
    fresh.add(rel);
    const target = path.join(outDir, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(file, target);
  }
  fs.renameSync(path.join(staging, 'index.html'), path.join(outDir, 'index.html'));
  const now = Date.now();
  for (const file of listFiles(outDir)) {
    const rel = path.relative(outDir, file);
    if (rel === 'index.html' || rel === '.majlis-build-hash' || fresh.has(rel)) continue;
    if (now - fs.statSync(file).mtimeMs >= keepOldMs) fs.rmSync(file);
  }
}

function setupCommon() {
  ensurePnpm();
  ensureNodeModules();
}

// --- commands -----------------------------------------------------------------
function start(args) {
  setupCommon();
  const needs = [];
  if (!process.env.REDIS_URL) needs.push(['redis-server', 'redis-server']);
  if (which('setpriv') === undefined) needs.push(['setpriv', 'util-linux']);
  ensureDebianPackages(needs);
  ensureLiveKit();
  ensureMailpit();
  ensureClientBuilt();
  const env = { ...process.env };
  if (args.includes('--demo')) env.MAJLIS_DEMO = '1';
  const argv = ['--import', 'tsx', path.join(root, 'server/src/main.ts')];
  // pdeathsig: if this wrapper is killed outright, the server goes with it.
  const [cmd, cmdArgs] = which('setpriv')
    ? ['setpriv', ['--pdeathsig', 'TERM', '--', process.execPath, ...argv]]
    : [process.execPath, argv];
  const child = spawn(cmd, cmdArgs, { stdio: 'inherit', cwd: root, env });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function netnsAvailable() {
  if (!isRoot || !which('unshare') || !which('ip')) return false;
  return (
    spawnSync('unshare', ['-n', 'sh', '-c', 'ip link set lo up'], { stdio: 'ignore' }).status === 0
  );
}

function test(args) {
  setupCommon();
  ensureDebianPackages([
    ['redis-server', 'redis-server'],
    ['/usr/bin/chromium', 'chromium'],
    ['ip', 'iproute2'],
    ['unshare', 'util-linux'],
    ['setpriv', 'util-linux'],
    ['sox', 'sox'],
    ['pdftotext', 'poppler-utils'],
  ]);
  ensureLiveKit();
  ensureMailpit({ evenWithSmtp: true });
  ensureSchemathesis();
  const results = [];
  const step = (name, cmd, cmdArgs) => {
    say(`── ${name}`);
    const code = run(cmd, cmdArgs);
    results.push({ name, ok: code === 0 });
    return code === 0;
  };
  // The audit needs the registry: when its endpoint does not answer, the check is
  // reported as not run (skipped, with the reason printed), never as passed.
  say('── dependency audit (pnpm audit: high and critical, audit-allowlist.json)');
  const audit = run('node', [path.join(root, 'scripts/audit.mjs')]);
  if (audit === 2) results.push({ name: 'dependency audit', ok: true, notRun: true });
  else results.push({ name: 'dependency audit', ok: audit === 0 });
  step('lint (eslint)', 'pnpm', ['lint']);
  step('format (prettier --check)', 'pnpm', ['format:check']);
  step('typecheck (tsc, every workspace)', 'pnpm', ['typecheck']);
  ensureClientBuilt();

  // Redis, LiveKit, the server and Chromium run in a network namespace with
  // only `lo`, so no test traffic can leave loopback.
  const reportDir = path.join(root, 'test-results');
  fs.mkdirSync(reportDir, { recursive: true });
  const report = path.join(reportDir, 'vitest.json');
  fs.rmSync(report, { force: true });
  const vitest = [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...args,
  ];
  const isolated = netnsAvailable();
  say(
    isolated
      ? '── tests (inside a loopback-only network namespace)'
      : '── tests (no network namespace: not root or no unshare)',
  );
  const code = isolated
    ? run(
        'unshare',
        ['-n', '--', 'sh', '-c', 'ip link set lo up && exec "$@"', 'sh', 'pnpm', 'exec', ...vitest],
        { env: { ...process.env, MAJLIS_NETNS: '1' } },
      )
    : run('pnpm', ['exec', ...vitest]);

  let passed = 0;
  let failed = 0;
  let skipped = 0;
  if (fs.existsSync(report)) {
    const r = JSON.parse(fs.readFileSync(report, 'utf8'));
    passed = r.numPassedTests;
    failed = r.numFailedTests;
    skipped = r.numPendingTests + (r.numTodoTests ?? 0);
  } else if (code !== 0) {
    failed += 1;
  }
  for (const r of results) {
    if (r.notRun) skipped += 1;
    else if (r.ok) passed += 1;
    else failed += 1;
  }
  if (code !== 0 && failed === 0) failed = 1;
  say(
    `checks: ${results.map((r) => `${r.name.split(' ')[0]} ${r.ok ? 'ok' : 'FAILED'}`).join(', ')}`,
  );
  process.stdout.write(
    `\nTests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`,
  );
  process.exit(failed === 0 ? 0 : 1);
}

function bench(args) {
  setupCommon();
  ensureDebianPackages([
    ['redis-server', 'redis-server'],
    ['/usr/bin/chromium', 'chromium'],
  ]);
  ensureLiveKit();
  // The benchmarks read the media counters that only the test build exposes.
  ensureClientBuilt('test');
  // Each benchmark prints its figures beside a baseline measured in the same run.
  const dir = path.join(root, 'test', 'bench');
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => args.length === 0 || args.some((a) => f.includes(a)));
  let failed = 0;
  for (const f of files) {
    say(`── benchmark ${f}`);
    const argv = ['--import', 'tsx', path.join(dir, f)];
    const code = netnsAvailable()
      ? run(
          'unshare',
          [
            '-n',
            '--',
            'sh',
            '-c',
            'ip link set lo up && exec "$@"',
            'sh',
            process.execPath,
            ...argv,
          ],
          { cwd: path.join(root, 'test') },
        )
      : run(process.execPath, argv, { cwd: path.join(root, 'test') });
    if (code !== 0) failed += 1;
  }
  process.exit(failed === 0 ? 0 : 1);
}

const [command = 'start', ...rest] = process.argv.slice(2);
switch (command) {
  case 'start':
    start(rest);
    break;
  case 'test':
    test(rest);
    break;
  case 'bench':
    bench(rest);
    break;
  case 'build-client':
    // `build-client [--test]`: what the test harness calls before serving the client.
    ensurePnpm();
    ensureClientBuilt(rest.includes('--test') ? 'test' : 'production');
    break;
  case 'setup':
    // Everything `npm test` needs, without running it.
    setupCommon();
    ensureLiveKit();
    ensureMailpit({ evenWithSmtp: true });
    ensureSchemathesis();
    break;
  default:
    fail(`unknown command ${command}; use start, test, bench, setup or build-client`);
}
