// Dependency audit for `npm test` (issue 19, item 12): fails on any high or
// critical advisory in the installed tree unless audit-allowlist.json names
// it with a reason and a date to look again. Exit codes: 0 clean, 1 found,
// 2 not checked (the registry's audit endpoint did not answer; the caller
// reports that as not run, never as a pass).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const allowlist = JSON.parse(fs.readFileSync(path.join(root, 'audit-allowlist.json'), 'utf8'));
const today = new Date().toISOString().slice(0, 10);
const allowed = new Map();
for (const entry of allowlist.advisories) {
  if (!entry.id || !entry.package || !entry.reason || !entry.reviewBy)
    throw new Error(`audit-allowlist.json: every entry needs id, package, reason and reviewBy`);
  if (entry.reviewBy < today)
    console.log(
      `audit: allowlist entry ${entry.id} (${entry.package}) was due for review on ${entry.reviewBy}`,
    );
  else allowed.set(entry.id, entry);
}

const res = spawnSync('pnpm', ['audit', '--json'], { cwd: root, encoding: 'utf8' });
let report;
try {
  report = JSON.parse(res.stdout);
  if (typeof report !== 'object' || report === null || !('advisories' in report))
    throw new Error('no advisories in the answer');
} catch {
  const why = `${res.stdout}${res.stderr}`
    .split('\n')
    .find((l) => /ERR_|responded|ENOTFOUND|EAI_AGAIN/.test(l));
  console.log(
    `audit: NOT CHECKED — the registry's audit endpoint did not answer (${why?.trim() ?? res.error?.message ?? `exit ${res.status}`})`,
  );
  process.exit(2);
}
const serious = Object.values(report.advisories ?? {}).filter(
  (a) => a.severity === 'high' || a.severity === 'critical',
);
const open = serious.filter((a) => !allowed.has(a.github_advisory_id ?? String(a.id)));
for (const a of serious)
  console.log(
    `audit: ${a.severity} ${a.module_name} ${a.github_advisory_id ?? a.id}: ${a.title}${open.includes(a) ? '' : ` (allowed: ${allowed.get(a.github_advisory_id ?? String(a.id)).reason})`}`,
  );
console.log(`audit: ${serious.length} high or critical, ${open.length} not on the allowlist`);
process.exit(open.length === 0 ? 0 : 1);
