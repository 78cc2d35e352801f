import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApp, type RunningApp } from '../harness/app.ts';
import { organiserClient, participantClient, sessionInput, summitInput } from '../harness/api.ts';

const stack = inject('stack');
let app: RunningApp;
beforeAll(async () => {
  app = await startApp({ redisUrl: stack.redisUrl, livekit: stack.livekit });
});
afterAll(async () => app.close());

describe('exportSchedule: a participant’s sessions as iCalendar', () => {
  it('lists exactly the sessions the reader may enter, titled in the asked language', async () => {
    const org = await organiserClient(app);
    const summit = (await org.post('/summits', summitInput())).body;
    const d1 = (
      await org.post(`/summits/${summit.id}/delegations`, {
        kind: 'state',
        code: 'MX',
        votingRights: true,
      })
    ).body;
    const d2 = (
      await org.post(`/summits/${summit.id}/delegations`, {
        kind: 'state',
        code: 'CA',
        votingRights: true,
      })
    ).body;
    const d3 = (
      await org.post(`/summits/${summit.id}/delegations`, {
        kind: 'state',
        code: 'IN',
        votingRights: true,
      })
    ).body;
    await org.post(
      `/summits/${summit.id}/sessions`,
      sessionInput({ title: { en: 'Opening plenary', fr: 'Plénière d’ouverture' } }),
    );
    await org.post(
      `/summits/${summit.id}/sessions`,
      sessionInput({
        kind: 'bilateral',
        title: { en: 'Mexico and Canada' },
        delegationIds: [d1.id, d2.id],
      }),
    );
    const { client: observer } = await participantClient(org, summit.id, {
      name: 'Observer',
      role: 'observer',
    });
    const { client: mexican } = await participantClient(org, summit.id, {
      name: 'Delegate',
      role: 'delegate',
      delegationId: d1.id,
    });
    const { client: indian } = await participantClient(org, summit.id, {
      name: 'Delegate',
      role: 'delegate',
      delegationId: d3.id,
    });

    const mine = await mexican.get(`/summits/${summit.id}/schedule.ics?lang=fr`);
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-type')).toMatch(/^text\/calendar/);
    const ics = String(mine.body);
    expect(ics).toMatch(/^BEGIN:VCALENDAR/);
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(ics).toContain('SUMMARY:Plénière d’ouverture');
    expect(ics).toContain('Africa/Addis_Ababa');

    for (const c of [observer, indian]) {
      const other = String((await c.get(`/summits/${summit.id}/schedule.ics`)).body);
      expect(other.match(/BEGIN:VEVENT/g)).toHaveLength(1);
      expect(other).not.toContain('Mexico and Canada');
    }
  });
});
