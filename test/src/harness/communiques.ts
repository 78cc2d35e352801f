import type { ApiClient } from './api.ts';
import { organiserClient, participantClient, summitInput } from './api.ts';
import type { RunningApp } from './app.ts';

/** A summit with two delegations, each with a spokesperson and a head, the secretariat's spokesperson, press and an observer. */
export interface DeskWorld {
  org: ApiClient;
  summitId: string;
  /** Ethiopia and Kenya. */
  delegations: { id: string; spokesperson: ApiClient; head: ApiClient }[];
  secretariat: ApiClient;
  press: ApiClient;
  observer: ApiClient;
}

export const SIX_LANGUAGES = {
  ar: {
    title: 'بيان القمة بشأن الأمن المائي',
    body: 'تتفق الوفود على تقاسم بيانات الأحواض المائية.',
  },
  zh: { title: '关于水安全的峰会公报', body: '各代表团同意共享流域数据。' },
  en: {
    title: 'Summit communiqué on water security',
    body: 'Delegations agree to share river basin data.',
  },
  fr: {
    title: 'Communiqué du sommet sur la sécurité de l’eau',
    body: 'Les délégations conviennent de partager les données des bassins.',
  },
  ru: {
    title: 'Коммюнике саммита о водной безопасности',
    body: 'Делегации договорились обмениваться данными о бассейнах рек.',
  },
  es: {
    title: 'Comunicado de la cumbre sobre seguridad hídrica',
    body: 'Las delegaciones acuerdan compartir datos de las cuencas.',
  },
} as const;

export async function buildDeskWorld(app: RunningApp): Promise<DeskWorld> {
  const org = await organiserClient(app);
  const summitId = (await org.post('/summits', summitInput())).body.id as string;
  const delegations = [];
  for (const code of ['ET', 'KE']) {
    const d = await org.post(`/summits/${summitId}/delegations`, {
      kind: 'state',
      code,
      votingRights: true,
    });
    if (d.status !== 201) throw new Error(`createDelegation: ${JSON.stringify(d.body)}`);
    const id = d.body.id as string;
    const spokesperson = await participantClient(org, summitId, {
      name: `Spokesperson ${code}`,
      role: 'spokesperson',
      delegationId: id,
    });
    const head = await participantClient(org, summitId, {
      name: `Head ${code}`,
      role: 'head_of_delegation',
      delegationId: id,
      rank: 'minister',
    });
    delegations.push({ id, spokesperson: spokesperson.client, head: head.client });
  }
  const secretariat = await participantClient(org, summitId, {
    name: 'Secretariat spokesperson',
    role: 'spokesperson',
  });
  const press = await participantClient(org, summitId, { name: 'Reporter', role: 'press' });
  const observer = await participantClient(org, summitId, { name: 'Observer', role: 'observer' });
  return {
    org,
    summitId,
    delegations,
    secretariat: secretariat.client,
    press: press.client,
    observer: observer.client,
  };
}

/** Drafts, approves and publishes; returns the published communiqué. */
export async function publishCommunique(
  drafter: ApiClient,
  approver: ApiClient,
  summitId: string,
  input: Record<string, unknown>,
): Promise<{
  id: string;
  published: {
    language: string;
    signed: { document: Record<string, unknown>; signature: string };
  }[];
}> {
  const draft = await drafter.post(`/summits/${summitId}/communiques`, input);
  if (draft.status !== 201) throw new Error(`createCommunique: ${JSON.stringify(draft.body)}`);
  const approved = await approver.post(`/communiques/${draft.body.id}/approve`);
  if (approved.status !== 200)
    throw new Error(`approveCommunique: ${JSON.stringify(approved.body)}`);
  const published = await drafter.post(`/communiques/${draft.body.id}/publish`);
  if (published.status !== 200)
    throw new Error(`publishCommunique: ${JSON.stringify(published.body)}`);
  return published.body;
}

/** What the role walk needs for the desk's operations (authz-walk.test.ts). */
export interface CommuniqueFixture {
  /** A summit draft that stays a draft (updateCommunique). */
  summitDraftId: string;
  /** Drafts to approve: the summit's (an organiser) and the delegation's (its head). */
  summitToApproveId: string;
  delegationToApproveId: string;
  /** Approved communiqués to publish, in each name. */
  summitApprovedId: string;
  delegationApprovedId: string;
  /** Published and released: everyone reads it. */
  publishedId: string;
  /** A key to revoke. */
  keyId: string;
}

export async function communiqueFixture(
  org: ApiClient,
  secretariat: ApiClient,
  head: ApiClient,
  summitId: string,
  delegationId: string,
): Promise<CommuniqueFixture> {
  const own = await participantClient(org, summitId, {
    name: 'Delegation spokesperson',
    role: 'spokesperson',
    delegationId,
  });
  const draft = async (who: ApiClient) => {
    const r = await who.post(`/summits/${summitId}/communiques`, {
      versions: { en: { title: 'Walk', body: 'Walk text' } },
    });
    if (r.status !== 201) throw new Error(`createCommunique: ${JSON.stringify(r.body)}`);
    return r.body.id as string;
  };
  const approved = async (who: ApiClient, approver: ApiClient) => {
    const id = await draft(who);
    const r = await approver.post(`/communiques/${id}/approve`);
    if (r.status !== 200) throw new Error(`approveCommunique: ${JSON.stringify(r.body)}`);
    return id;
  };
  const published = await publishCommunique(secretariat, org, summitId, {
    versions: { en: { title: 'Walk', body: 'Published walk text' } },
  });
  return {
    summitDraftId: await draft(secretariat),
    summitToApproveId: await draft(secretariat),
    delegationToApproveId: await draft(own.client),
    summitApprovedId: await approved(secretariat, org),
    delegationApprovedId: await approved(own.client, head),
    publishedId: published.id,
    keyId: String(published.published[0]?.signed.document['keyId']),
  };
}
