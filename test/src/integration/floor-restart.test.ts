import fs from 'node:fs';
import type { FloorView } from '@majlis/shared';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freeTcpPort } from '@majlis/server/launcher';
import { ApiClient, participantClient, sessionInput, summitInput } from '../harness/api.ts';
import { runLauncher, type LauncherRun } from '../harness/launcher.ts';
import { tempDir } from '../harness/services.ts';
import { ask, connectSocket, must, type TestSocket } from '../harness/sockets.ts';

const { repoRoot } = inject('stack');
const runs: LauncherRun[] = [];
const dataDir = tempDir('floor-restart');

afterAll(async () => {
  for (const run of runs) {
    if (run.proc.exitCode === null && run.proc.signalCode === null) {
      run.proc.kill('SIGKILL');
      await run.exit;
    }
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('FLOOR-7 the floor survives a crash', () => {
  it('SIGKILL with 40 s left: after restart the holder and deadline are unchanged and every client shows them again', async () => {
    const port = await freeTcpPort();
    const start = async () => {
      const run = runLauncher(repoRoot, { PORT: String(port), MAJLIS_DATA_DIR: dataDir });
      runs.push(run);
      await run.waitFor(/Majlis ready/);
      return run;
    };
    const first = await start();
    const base = `http://127.0.0.1:${port}`;
    const org = new ApiClient(base);
    const code = /one-time code (\S+) /.exec(first.output())?.[1];
    expect(
      (
        await org.post('/setup', {
          setupCode: code,
          email: 'o@example.org',
          name: 'O',
          password: 'a long enough password',
        })
      ).status,
    ).toBe(201);
    const summitId = (await org.post('/summits', summitInput())).body.id as string;
    const delegationId = (
      await org.post(`/summits/${summitId}/delegations`, {
        kind: 'state',
        code: 'UY',
        votingRights: true,
      })
    ).body.id as string;
    const chair = await participantClient(org, summitId, { name: 'Chair', role: 'chair' });
    const head = await participantClient(org, summitId, {
      name: 'Head',
      role: 'head_of_delegation',
      delegationId,
    });
    const observer = await participantClient(org, summitId, { name: 'Observer', role: 'observer' });
    const sessionId = (
      await org.post(
        `/summits/${summitId}/sessions`,
        sessionInput({ chairId: chair.participant.id }),
      )
    ).body.id as string;

    // Clients that reconnect on their own and resync, as the meeting page does.
    const clients: { socket: TestSocket; views: FloorView[] }[] = [];
    for (const who of [chair, head, observer]) {
      const socket = await connectSocket(base, who.client.cookie, { reconnection: true });
      const entry = { socket, views: [] as FloorView[] };
      socket.on('connect', () => {
        void must(ask(socket, 'session:watch', { sessionId }))
          .then(() => must(ask(socket, 'floor:get', { sessionId })))
          .then((v) => entry.views.push(v));
      });
      await must(ask(socket, 'session:watch', { sessionId }));
      clients.push(entry);
    }
    const [c, h] = clients;
    if (!c || !h) throw new Error('clients');
    await must(
      ask(c.socket, 'floor:command', {
        sessionId,
        command: {
          type: 'setPolicy',
          policy: {
            expiry: 'notify',
            graceMs: 0,
            protocolOrder: false,
            limitsMs: {
              statement: 45_000,
              point_of_order: 60_000,
              right_of_reply: 60_000,
              explanation_of_vote: 60_000,
            },
          },
        },
      }),
    );
    await must(
      ask(h.socket, 'floor:command', {
        sessionId,
        command: { type: 'request', kind: 'statement' },
      }),
    );
    const granted = (
      await must(ask(c.socket, 'floor:command', { sessionId, command: { type: 'grantNext' } }))
    ).floor;
    const deadline = granted.current?.deadline ?? 0;
    const left = deadline - Date.now();
    expect(left).toBeGreaterThan(38_000);
    expect(left).toBeLessThanOrEqual(45_000);
    await new Promise((r) => setTimeout(r, Math.max(0, left - 40_000)));

    first.proc.kill('SIGKILL');
    await first.exit;
    for (const x of clients) x.views.length = 0;
    await start();

    // Every client reconnects by itself and shows the same holder and deadline.
    for (const x of clients) {
      await expect.poll(() => x.views.length, { timeout: 30_000 }).toBeGreaterThan(0);
      const v = x.views[x.views.length - 1];
      expect(v?.floor.current?.entry.participantId).toBe(head.participant.id);
      expect(v?.floor.current?.deadline).toBe(deadline);
    }
    // The clock goes on from the stored deadline: still running, not restarted.
    const after = (await must(ask(c.socket, 'floor:get', { sessionId }))).floor;
    expect(after.current?.startedAt).toBe(granted.current?.startedAt);
    for (const x of clients) x.socket.close();
  });
});
