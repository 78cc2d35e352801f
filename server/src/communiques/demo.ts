import type { LanguageCode, Participant } from '@majlis/shared';
import type { SummitService } from '../summits/service.ts';
import type { Principal } from '../summits/principal.ts';
import type { CommuniqueService } from './service.ts';

export interface DemoCommunique {
  id: string;
  issuer: 'summit' | 'delegation';
  languages: LanguageCode[];
}

const asPrincipal = (participant: Participant): Principal => ({
  kind: 'participant',
  participant,
  role: participant.role,
});

/**
 * The demo's communiqués (COMM-1, COMM-3): the summit's in English, French
 * and Arabic, drafted, approved and signed by the secretariat; and one by
 * Ethiopia, drafted and signed by its spokesperson after its head approved.
 */
export async function seedDemoCommuniques(deps: {
  summits: SummitService;
  communiques: CommuniqueService;
  org: Principal;
  summitId: string;
  delegationId: string;
  spokesperson: Participant;
}): Promise<DemoCommunique[]> {
  const { communiques, org, summitId } = deps;
  const { items } = await deps.summits.listParticipants(org, summitId, { limit: 200 });
  const head = items.find(
    (p) => p.role === 'head_of_delegation' && p.delegationId === deps.delegationId,
  );
  if (head === undefined) throw new Error('the demo delegation has no head');

  const summitDraft = await communiques.create(org, summitId, {
    versions: {
      en: {
        title: 'Joint communiqué on water security',
        body: 'The delegations agree to share hydrological data on transboundary river basins and to meet again within a year.',
      },
      fr: {
        title: 'Communiqué conjoint sur la sécurité de l’eau',
        body: 'Les délégations conviennent de partager les données hydrologiques des bassins transfrontaliers et de se réunir à nouveau dans un an.',
      },
      ar: {
        title: 'بيان مشترك بشأن الأمن المائي',
        body: 'تتفق الوفود على تبادل البيانات الهيدرولوجية لأحواض الأنهار العابرة للحدود وعلى الاجتماع مجددًا في غضون عام.',
      },
    },
    releaseAt: null,
    supersedes: null,
    cites: [],
  });
  await communiques.approve(org, summitDraft.id);
  const summitCommunique = await communiques.publish(org, summitDraft.id);

  const spokesperson = asPrincipal(deps.spokesperson);
  const delegationDraft = await communiques.create(spokesperson, summitId, {
    versions: {
      en: {
        title: 'Ethiopia welcomes the data-sharing accord',
        body: 'Ethiopia welcomes the agreement on sharing hydrological data and will host the technical working group.',
      },
    },
    releaseAt: null,
    supersedes: null,
    cites: [],
  });
  await communiques.approve(asPrincipal(head), delegationDraft.id);
  const delegationCommunique = await communiques.publish(spokesperson, delegationDraft.id);

  return [summitCommunique, delegationCommunique].map((c) => ({
    id: c.id,
    issuer: c.issuer.kind,
    languages: c.published.map((p) => p.language),
  }));
}
