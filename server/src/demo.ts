import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ParticipantCreate, ParticipantRole, SessionKind } from '@majlis/shared';
import type { AccountService } from './auth/accounts.ts';
import { seedDemoCommuniques, type DemoCommunique } from './communiques/demo.ts';
import type { CommuniqueService } from './communiques/service.ts';
import type { InterpretationService } from './interpretation/service.ts';
import type { PresenceService } from './presence/presence.ts';
import { seedDemoAudience } from './reach/demo-audience.ts';
import type { SessionLifecycleService } from './sessions/lifecycle.ts';
import type { SummitService } from './summits/service.ts';
import type { Principal } from './summits/principal.ts';

export interface DemoManifest {
  organiser: { email: string; password: string };
  summitId: string;
  sessions: Record<SessionKind, string[]>;
  invitations: { role: ParticipantRole; name: string; delegation: string | null; url: string }[];
  /** Published communiqués: the summit's (en, fr, ar) and Ethiopia's. */
  communiques: DemoCommunique[];
}

const DELEGATIONS = [
  { code: 'ET', head: 'Selamawit Bekele', rank: 'head_of_state' },
  { code: 'FR', head: 'Claire Dubois', rank: 'head_of_government' },
  { code: 'BR', head: 'Ana Souza', rank: 'minister' },
  { code: 'JP', head: 'Haruto Sato', rank: 'minister' },
  { code: 'SA', head: 'Faisal Al-Harbi', rank: 'ambassador' },
] as const;

/**
 * `npm start -- --demo`: a summit with two sessions of each kind, an agenda,
 * five delegations and people in every role, and a manifest of how to sign
 * in as each of them. Seeded once; later starts reuse the manifest.
 */
export async function seedDemo(deps: {
  summits: SummitService;
  accounts: AccountService;
  lifecycle: SessionLifecycleService;
  presence: PresenceService;
  interpretation: InterpretationService;
  communiques: CommuniqueService;
  dataDir: string;
  origin: string;
}): Promise<{ file: string; created: boolean }> {
  const file = path.join(deps.dataDir, 'demo.json');
  if (fs.existsSync(file)) {
    const existing = JSON.parse(fs.readFileSync(file, 'utf8')) as DemoManifest;
    const still = await deps.summits.getSummitRaw(existing.summitId).then(
      () => true,
      () => false,
    );
    if (still) return { file, created: false };
  }
  const email = 'secretariat@demo.majlis.example';
  const password = randomBytes(12).toString('base64url');
  const account = await deps.accounts.createOrganiser(
    `${randomBytes(3).toString('hex')}.${email}`,
    'Demo Secretariat',
    password,
  );
  const org: Principal = {
    kind: 'organiser',
    userId: account.id,
    email: account.email,
    name: account.name,
    role: 'organiser',
  };

  const day = (offsetDays: number, hourUtc: number) => {
    const d = new Date();
    d.setUTCDate(d.getUTCDate() + offsetDays);
    d.setUTCHours(hourUtc, 0, 0, 0);
    return d.toISOString();
  };
  const summit = await deps.summits.createSummit(org, {
    title: {
      en: 'Summit on Water Security',
      fr: 'Sommet sur la sécurité de l’eau',
      ar: 'قمة الأمن المائي',
      es: 'Cumbre sobre la Seguridad Hídrica',
      ru: 'Саммит по водной безопасности',
      zh: '水安全峰会',
    },
    host: 'ET',
    timeZone: 'Africa/Addis_Ababa',
    startsAt: day(1, 5),
    endsAt: day(3, 16),
    officialLanguages: ['en', 'fr', 'ar', 'es', 'ru', 'zh'],
  });
  await deps.summits.updateSummit(org, summit.id, { status: 'scheduled' }, undefined);

  const delegations = [];
  for (const d of DELEGATIONS)
    delegations.push({
      ...d,
      delegation: await deps.summits.createDelegation(org, summit.id, {
        kind: 'state',
        code: d.code,
        votingRights: true,
      }),
    });
  const au = await deps.summits.createDelegation(org, summit.id, {
    kind: 'organisation',
    code: 'AU',
    votingRights: false,
    name: {
      en: 'African Union',
      fr: 'Union africaine',
      ar: 'الاتحاد الأفريقي',
      es: 'Unión Africana',
      ru: 'Африканский союз',
      zh: '非洲联盟',
    },
  });

  const invitations: DemoManifest['invitations'] = [];
  const accredit = async (input: ParticipantCreate, delegationCode: string | null) => {
    const p = await deps.summits.createParticipant(org, summit.id, input);
    const inv = await deps.summits.createInvitation(
      org,
      p.id,
      { expiresInHours: 720 },
      deps.origin,
    );
    invitations.push({ role: p.role, name: p.name, delegation: delegationCode, url: inv.url });
    return p;
  };
  const chair = await accredit(
    {
      name: 'Amina Haddad',
      role: 'chair',
      rank: 'ambassador',
      languages: ['ar', 'en', 'fr'],
      delegationId: null,
      boothLanguage: null,
    },
    null,
  );
  for (const d of delegations) {
    await accredit(
      {
        name: d.head,
        role: 'head_of_delegation',
        rank: d.rank,
        delegationId: d.delegation.id,
        languages: ['en'],
        boothLanguage: null,
      },
      d.code,
    );
  }
  const et = delegations[0]?.delegation;
  if (et === undefined) throw new Error('demo needs delegations');
  await accredit(
    {
      name: 'Dawit Tesfaye',
      role: 'delegate',
      rank: 'official',
      delegationId: et.id,
      languages: ['en', 'ar'],
      boothLanguage: null,
    },
    'ET',
  );
  // COMM-3: Ethiopia's press officer drafts its communiqués.
  const spokesperson = await accredit(
    {
      name: 'Meron Alemu',
      role: 'spokesperson',
      rank: 'official',
      delegationId: et.id,
      languages: ['en', 'ar'],
      boothLanguage: null,
    },
    'ET',
  );
  await accredit(
    {
      name: 'Hanna Girma',
      role: 'adviser',
      rank: 'official',
      delegationId: et.id,
      languages: ['en'],
      boothLanguage: null,
    },
    'ET',
  );
  await accredit(
    {
      name: 'Moussa Diallo',
      role: 'interpreter',
      rank: 'official',
      delegationId: null,
      languages: ['fr', 'en'],
      boothLanguage: 'fr',
    },
    null,
  );
  await accredit(
    {
      name: 'Lena Petrova',
      role: 'observer',
      rank: 'official',
      delegationId: null,
      languages: ['ru'],
      boothLanguage: null,
    },
    null,
  );
  await accredit(
    {
      name: 'Carlos Ortega',
      role: 'press',
      rank: 'official',
      delegationId: null,
      languages: ['es'],
      boothLanguage: null,
    },
    null,
  );
  await accredit(
    {
      name: 'Kwame Mensah',
      role: 'delegate',
      rank: 'official',
      delegationId: au.id,
      languages: ['en', 'fr'],
      boothLanguage: null,
    },
    'AU',
  );

  const sessions: DemoManifest['sessions'] = {
    plenary: [],
    closed: [],
    bilateral: [],
    press_briefing: [],
  };
  const kinds: { kind: SessionKind; titles: [string, string] }[] = [
    { kind: 'plenary', titles: ['Opening plenary', 'Closing plenary'] },
    {
      kind: 'closed',
      titles: ['Closed consultations on the declaration', 'Closed consultations on financing'],
    },
    { kind: 'bilateral', titles: ['Bilateral: Ethiopia – France', 'Bilateral: Brazil – Japan'] },
    { kind: 'press_briefing', titles: ['Press briefing, day one', 'Press briefing, day two'] },
  ];
  const pairs = [
    [delegations[0]?.delegation.id, delegations[1]?.delegation.id],
    [delegations[2]?.delegation.id, delegations[3]?.delegation.id],
  ];
  let slot = 0;
  for (const { kind, titles } of kinds) {
    for (const [i, title] of titles.entries()) {
      const start = day(1 + Math.floor(slot / 4), 6 + (slot % 4) * 2);
      const end = new Date(Date.parse(start) + 90 * 60_000).toISOString();
      slot += 1;
      const session = await deps.summits.createSession(org, summit.id, {
        kind,
        title: { en: title },
        startsAt: start,
        endsAt: end,
        chairId: chair.id,
        interpretationLanguages: ['fr', 'ar', 'es'],
        delegationIds:
          kind === 'bilateral' ? (pairs[i]?.filter((x): x is string => x !== undefined) ?? []) : [],
      });
      sessions[kind].push(session.id);
      for (const [title2, k, minutes] of [
        ['Opening of the session', 'opening', 10],
        ['Statements by delegations', 'statements', 60],
        ['Adoption and closing', 'closing', 20],
      ] as const) {
        await deps.summits.createAgendaItem(org, session.id, {
          title: { en: title2 },
          kind: k,
          allottedMinutes: minutes,
        });
      }
    }
  }

  // MEET-2: sessions start scheduled; the opening plenary is open so a new user can walk in.
  const opening = sessions.plenary[0];
  if (opening !== undefined) await deps.lifecycle.act(org, opening, 'open');
  // REACH-1: ninety minutes of audience on the opening plenary, for the reach page.
  if (opening !== undefined)
    await seedDemoAudience({
      ...deps,
      org,
      summitId: summit.id,
      sessionId: opening,
      now: new Date(),
    });

  const communiques = await seedDemoCommuniques({
    ...deps,
    org,
    summitId: summit.id,
    delegationId: et.id,
    spokesperson,
  });

  const manifest: DemoManifest = {
    organiser: { email: account.email, password },
    summitId: summit.id,
    sessions,
    invitations,
    communiques,
  };
  fs.mkdirSync(deps.dataDir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, JSON.stringify(manifest, null, 2), { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return { file, created: true };
}
