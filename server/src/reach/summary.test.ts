import {
  LANGUAGES,
  speakingTime,
  type Delegation,
  type RecordEntry,
  type Session,
  type Summit,
} from '@majlis/shared';
import { describe, expect, it } from 'vitest';
import { chain, type RecordBody } from '../store/record.ts';
import { renderSummaryHtml, type SummaryInput } from './summary.ts';
import { SUMMARY_LABELS } from './summary-labels.ts';

const ID = (c: string) => c.repeat(22);
const summit: Summit = {
  id: ID('m'),
  title: { en: 'Summit on Water Security', ar: 'قمة الأمن المائي' },
  host: 'ET',
  timeZone: 'Africa/Addis_Ababa',
  startsAt: '2027-02-10T06:00:00.000Z',
  endsAt: '2027-02-12T15:00:00.000Z',
  officialLanguages: ['en', 'ar', 'fr'],
  status: 'live',
  version: 1,
  createdAt: '2027-01-01T00:00:00.000Z',
  updatedAt: '2027-01-01T00:00:00.000Z',
};
const session: Session = {
  id: ID('s'),
  summitId: summit.id,
  roomName: `session-${ID('s')}`,
  kind: 'plenary',
  title: { en: 'Opening plenary' },
  startsAt: '2027-02-10T07:00:00.000Z',
  endsAt: '2027-02-10T09:00:00.000Z',
  chairId: null,
  interpretationLanguages: [],
  delegationIds: [],
  version: 1,
  createdAt: '2027-01-01T00:00:00.000Z',
  updatedAt: '2027-01-01T00:00:00.000Z',
};
const delegation = (id: string, code: string): Delegation => ({
  id,
  summitId: summit.id,
  kind: 'state',
  code,
  votingRights: true,
  version: 1,
  createdAt: '2027-01-01T00:00:00.000Z',
  updatedAt: '2027-01-01T00:00:00.000Z',
});
const fr = ID('f');
const eg = ID('e');

function record(): RecordEntry[] {
  const bodies: RecordBody[] = [
    {
      at: '2027-02-10T07:05:00.000Z',
      actor: { kind: 'participant', id: 'chair' },
      act: 'floor.granted',
      subject: { type: 'session', id: session.id },
      changes: { entryId: 'e1', delegationId: fr, participantId: 'pf', kind: 'statement' },
    },
    {
      at: '2027-02-10T07:07:30.000Z',
      actor: { kind: 'participant', id: 'chair' },
      act: 'floor.ended',
      subject: { type: 'session', id: session.id },
      changes: {
        entryId: 'e1',
        delegationId: fr,
        participantId: 'pf',
        kind: 'statement',
        spokeMs: 150_000,
        reason: 'yielded',
      },
    },
    {
      at: '2027-02-10T07:08:00.000Z',
      actor: { kind: 'participant', id: 'chair' },
      act: 'floor.ruled',
      subject: { type: 'session', id: session.id },
      changes: {
        ruling: '<script>alert("x")</script> & so ruled',
        outcome: 'upheld',
        delegationId: eg,
        participantId: 'pe',
        kind: 'point_of_order',
      },
    },
    {
      at: '2027-02-10T07:10:00.000Z',
      actor: { kind: 'organiser', id: 'org' },
      act: 'motion.created',
      subject: { type: 'motion', id: 'm1' },
      changes: {
        sessionId: session.id,
        text: { en: 'Adopt the charter <b>now</b>', fr: 'Adopter la charte' },
        ballot: 'recorded',
      },
    },
    {
      at: '2027-02-10T07:20:00.000Z',
      actor: { kind: 'participant', id: 'chair' },
      act: 'motion.closed',
      subject: { type: 'motion', id: 'm1' },
      changes: {
        result: {
          rule: 'simple',
          tally: { yes: 1, no: 1, abstain: 0, objections: 0 },
          presentAndVoting: 2,
          required: 2,
          outcome: 'rejected',
          reason: 'majority_not_reached',
          ballotsCast: 2,
          eligible: 2,
          roll: [
            { delegationId: fr, choice: 'yes' },
            { delegationId: eg, choice: 'no' },
          ],
          receipts: null,
        },
      },
    },
  ];
  const out: RecordEntry[] = [];
  for (const b of bodies) {
    const last = out[out.length - 1];
    out.push(chain(last === undefined ? null : { seq: last.seq, hash: last.hash }, b));
  }
  return out;
}

const input = (
  language: SummaryInput['language'],
  brokenAt: number | null = null,
): SummaryInput => {
  const entries = record();
  return {
    summit,
    session,
    language,
    entries,
    brokenAt,
    delegations: [delegation(fr, 'FR'), delegation(eg, 'EG')],
    speakerNames: new Map([['pf', 'Claire <Dubois>']]),
    agendaItems: [],
    speaking: speakingTime(entries, session.id),
    attendance: {
      sessionId: session.id,
      window: { from: null, until: '2027-02-10T08:00:00.000Z', reconnectGraceSeconds: 10 },
      delegations: [
        {
          delegationId: eg,
          firstArrivalAt: '2027-02-10T07:00:00.000Z',
          lastDepartureAt: null,
          presentMs: 3_600_000,
        },
      ],
    },
    now: new Date('2027-02-10T08:00:00.000Z'),
  };
};

describe('REC-1 summary record HTML', () => {
  it('lists the intervention, the ruling, the vote with its roll call, attendance and the last hash', () => {
    const html = renderSummaryHtml(input('en'));
    const last = record().at(-1);
    for (const s of [
      '<html lang="en" dir="ltr">',
      'France',
      'Claire &lt;Dubois&gt;',
      'Statement',
      '2:30',
      'Egypt',
      'Upheld — &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; so ruled',
      'Adopt the charter &lt;b&gt;now&lt;/b&gt;',
      'Result: Not adopted',
      'Yes 1, no 1, abstentions 0, objections 0; Required: 2',
      'still present',
      '1:00:00',
      `up to entry ${String(last?.seq)}`,
      last?.hash ?? 'no hash',
      'The hash chain was verified intact',
    ])
      expect(html, s).toContain(s);
    // Nothing the record holds runs or fetches in the document.
    expect(html).not.toMatch(/<script|<b>now|src=|href=/);
  });

  it('is right to left in Arabic, with Arabic words and CLDR names', () => {
    const html = renderSummaryHtml(input('ar'));
    expect(html).toContain('<html lang="ar" dir="rtl">');
    for (const s of ['المحضر الموجز', 'فرنسا', 'مصر', 'لم يُعتمد', 'بيان'])
      expect(html).toContain(s);
  });

  it('says where the chain is broken', () => {
    expect(renderSummaryHtml(input('fr', 3))).toContain(
      'La chaîne d’empreintes est rompue à l’entrée 3.',
    );
  });

  it('has words for every official language', () => {
    for (const lang of LANGUAGES) {
      const html = renderSummaryHtml({
        ...input(lang),
        summit: { ...summit, officialLanguages: [lang] },
      });
      expect(html).toContain(SUMMARY_LABELS[lang].title);
      expect(html).not.toContain('undefined');
    }
  });
});
