/**
 * The Redis key layout, in one place. docs/REDIS.md describes each key.
 * Entities are JSON strings carrying a `version`; indexes are sorted sets.
 */
export const keys = {
  user: (id: string) => `majlis:user:${id}`,
  userByEmail: (email: string) => `majlis:user-by-email:${email.toLowerCase()}`,
  users: () => 'majlis:users',
  setupCode: () => 'majlis:setup-code',
  auth: (sidHash: string) => `majlis:auth:${sidHash}`,
  authsOf: (kind: 'organiser' | 'participant', id: string) => `majlis:auths-of:${kind}:${id}`,
  summits: () => 'majlis:summits',
  summit: (id: string) => `majlis:summit:${id}`,
  summitSessions: (id: string) => `majlis:summit:${id}:sessions`,
  summitDelegations: (id: string) => `majlis:summit:${id}:delegations`,
  summitParticipants: (id: string) => `majlis:summit:${id}:participants`,
  delegationCode: (summitId: string, code: string) =>
    `majlis:summit:${summitId}:delegation-code:${code}`,
  session: (id: string) => `majlis:session:${id}`,
  sessionAgenda: (id: string) => `majlis:session:${id}:agenda`,
  agendaItem: (id: string) => `majlis:agenda-item:${id}`,
  delegation: (id: string) => `majlis:delegation:${id}`,
  participant: (id: string) => `majlis:participant:${id}`,
  participantInvitations: (id: string) => `majlis:participant:${id}:invitations`,
  invitation: (id: string) => `majlis:invitation:${id}`,
  invitationByHash: (hash: string) => `majlis:invitation-by-hash:${hash}`,
  /** ACCT-1: a single-use sign-in link, under the SHA-256 of its token; expires with it. */
  signInLink: (hash: string) => `majlis:sign-in-link:${hash}`,
  sessionFloor: (id: string) => `majlis:session:${id}:floor`,
  /** MEET-2: scheduled, open, suspended or closed; absent means scheduled. */
  sessionLifecycle: (id: string) => `majlis:session:${id}:lifecycle`,
  sessionPresence: (id: string) => `majlis:session:${id}:presence`,
  sessionBooths: (id: string) => `majlis:session:${id}:booths`,
  /** identity → `floor` or a language: what each listener hears now (INTERP-1, REACH-1). */
  sessionChannels: (id: string) => `majlis:session:${id}:channels`,
  sessionAttendance: (id: string) => `majlis:session:${id}:attendance`,
  /** CONF-5, ACCESS-8: who waits, who was admitted or denied, who invited the secretariat. */
  sessionLobby: (id: string) => `majlis:session:${id}:lobby`,
  /** CONF-1, CONF-2: registered device public keys and media keys wrapped per device (never a key). */
  sessionKeys: (id: string) => `majlis:session:${id}:keys`,
  webhookSeen: (eventId: string) => `majlis:webhook-seen:${eventId}`,
  record: (scope: string) => `majlis:record:${scope}`,
  recordHead: (scope: string) => `majlis:record:${scope}:head`,
  motion: (id: string) => `majlis:motion:${id}`,
  sessionMotions: (sessionId: string) => `majlis:session:${sessionId}:motions`,
  /** Motions open or being counted: the timers and the count resume from it after a restart. */
  liveMotions: () => 'majlis:motions:live',
  motionEligible: (id: string) => `majlis:motion:${id}:eligible`,
  /** Secret ballots: delegations that voted, with nothing about what they chose. */
  motionVoted: (id: string) => `majlis:motion:${id}:voted`,
  /** Recorded votes: delegation → choice. */
  motionRoll: (id: string) => `majlis:motion:${id}:roll`,
  /** Secret ballots: receipts filed under one choice, in random order. */
  motionBox: (id: string, choice: string) => `majlis:motion:${id}:box:${choice}`,
  delegationAlternate: (id: string) => `majlis:delegation:${id}:alternate`,
  // ── communiqués (COMM-1 … COMM-5) ──
  /** An issuer's signing key: public part, validity, and the private key only as sealed under the KEK. */
  signingKey: (keyId: string) => `majlis:signing-key:${keyId}`,
  /** Every signing key ever made, by creation time: the published key set. */
  signingKeys: () => 'majlis:signing-keys',
  /** The issuer's current key id (summit or delegation). */
  issuerKey: (kind: string, id: string) => `majlis:issuer-key:${kind}:${id}`,
  communique: (id: string) => `majlis:communique:${id}`,
  summitCommuniques: (summitId: string) => `majlis:summit:${summitId}:communiques`,
  /** Published communiqués of a summit, scored by release time: the feeds. */
  summitReleases: (summitId: string) => `majlis:summit:${summitId}:releases`,
  /** One signed language version as published, with when it was signed. */
  communiqueDocument: (id: string) => `majlis:communique-document:${id}`,
  /** SHA-256 of a normalised published body → its document ids: the verify page's text match. */
  communiqueText: (hash: string) => `majlis:communique-text:${hash}`,
  claim: (id: string) => `majlis:claim:${id}`,
  summitClaims: (summitId: string) => `majlis:summit:${summitId}:claims`,
  /** PRESS-1: the press briefing's question queue and who has the microphone. */
  sessionPress: (id: string) => `majlis:session:${id}:press`,
} as const;

/** The record scope for acts that belong to no summit (accounts, setup). */
export const PLATFORM_SCOPE = 'platform';
