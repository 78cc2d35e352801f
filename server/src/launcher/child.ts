import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';

/**
 * A service process the launcher owns. Children are started under
 * `setpriv --pdeathsig SIGKILL` where available, so even if the launcher is
 * killed outright the kernel takes its children with it: no orphans.
 */
export interface OwnedChild {
  readonly name: string;
  readonly pid: number;
  /** Resolves with the exit code (or signal) once the process is gone. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  isAlive(): boolean;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
  stop(graceMs?: number): Promise<void>;
  /** The last lines the process wrote, for a useful message when it dies. */
  tail(): string;
}

let setprivOk: boolean | undefined;
function hasSetpriv(): boolean {
  if (setprivOk === undefined) {
    const r = spawnSync('setpriv', ['--pdeathsig', 'KILL', '--', 'true'], { stdio: 'ignore' });
    setprivOk = r.status === 0;
  }
  return setprivOk;
}

export function startChild(name: string, bin: string, args: string[], logFile: string): OwnedChild {
  const log = fs.openSync(logFile, 'a', 0o600);
  const [cmd, argv] = hasSetpriv()
    ? ['setpriv', ['--pdeathsig', 'KILL', '--', bin, ...args]]
    : [bin, args];
  const proc: ChildProcess = spawn(cmd, argv, { stdio: ['ignore', log, log] });
  fs.closeSync(log);
  if (proc.pid === undefined) throw new Error(`${name}: could not start ${bin}`);
  const pid = proc.pid;
  let alive = true;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    proc.once('exit', (code, signal) => {
      alive = false;
      resolve({ code, signal });
    });
    proc.once('error', () => {
      alive = false;
      resolve({ code: -1, signal: null });
    });
  });
  return {
    name,
    pid,
    exited,
    isAlive: () => alive,
    async stop(graceMs = 5000) {
      if (!alive) return;
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
    tail() {
      try {
        const text = fs.readFileSync(logFile, 'utf8');
        return text.split('\n').filter(Boolean).slice(-8).join('\n');
      } catch {
        return '';
      }
    },
  };
}
