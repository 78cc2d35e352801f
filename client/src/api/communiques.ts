import {
  Claim,
  ClaimList,
  Communique,
  CommuniqueList,
  KeySet,
  PublicCommunique,
  TextMatchResult,
  type ClaimCreate,
  type CommuniqueCreate,
} from '@majlis/shared';
import { request, requestAtRoot } from './http.ts';

/** The public diplomacy desk (COMM-1 … COMM-5): server/src/http/communique-routes.ts. */
const id = (value: string) => encodeURIComponent(value);

export const listCommuniques = async (summitId: string) =>
  (await request(CommuniqueList, `/summits/${id(summitId)}/communiques`)).items;
export const createCommunique = (summitId: string, input: CommuniqueCreate) =>
  request(Communique, `/summits/${id(summitId)}/communiques`, { method: 'POST', body: input });
export const approveCommunique = (communiqueId: string) =>
  request(Communique, `/communiques/${id(communiqueId)}/approve`, { method: 'POST' });
export const publishCommunique = (communiqueId: string) =>
  request(Communique, `/communiques/${id(communiqueId)}/publish`, { method: 'POST' });

export const listClaims = async (summitId: string) =>
  (await request(ClaimList, `/summits/${id(summitId)}/claims`)).items;
export const logClaim = (summitId: string, input: ClaimCreate) =>
  request(Claim, `/summits/${id(summitId)}/claims`, { method: 'POST', body: input });

export const getPublicCommunique = (communiqueId: string) =>
  request(PublicCommunique, `/public/communiques/${id(communiqueId)}`);
export const matchText = (text: string) =>
  request(TextMatchResult, '/public/match', { method: 'POST', body: { text } });

/** The published keys: the one source a browser verifies against (COMM-2). */
export const getKeySet = async () =>
  (await requestAtRoot(KeySet, '/.well-known/majlis/keys.json')).body;
