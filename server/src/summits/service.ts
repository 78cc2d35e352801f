import type { Clock } from '../clock.ts';
import type { RedisStore } from '../store/redis.ts';
import { Accreditation } from './accreditation.ts';
import { Corrections } from './corrections.ts';
import { Delegations } from './delegations.ts';
import { SummitReader } from './reader.ts';
import { SessionsAndAgenda } from './sessions.ts';
import { Summits } from './summits.ts';

/**
 * The secretariat's operations on summits and everything in them, as one
 * object for HTTP, the demo seeder, the CLI and the other services. It reads
 * (`SummitReader`) and hands each change to the module that owns it: each
 * module loads, asks a pure rule from shared, and commits one transaction
 * with its record entry (ACCESS-5).
 */
export class SummitService extends SummitReader {
  private readonly summits = new Summits(this.deps, this);
  private readonly sessions = new SessionsAndAgenda(this.deps, this);
  private readonly delegations = new Delegations(this.deps, this);
  private readonly accreditation = new Accreditation(this.deps, this);
  private readonly corrections = new Corrections(this.deps, this);

  constructor(store: RedisStore, clock: Clock) {
    super({ store, clock });
  }

  readonly createSummit = this.summits.createSummit.bind(this.summits);
  readonly updateSummit = this.summits.updateSummit.bind(this.summits);

  readonly createSession = this.sessions.createSession.bind(this.sessions);
  readonly listSessions = this.sessions.listSessions.bind(this.sessions);
  readonly allSessions = this.sessions.allSessions.bind(this.sessions);
  readonly createAgendaItem = this.sessions.createAgendaItem.bind(this.sessions);
  readonly listAgendaItems = this.sessions.listAgendaItems.bind(this.sessions);
  readonly updateAgendaItem = this.sessions.updateAgendaItem.bind(this.sessions);

  readonly createDelegation = this.delegations.createDelegation.bind(this.delegations);
  readonly listDelegations = this.delegations.listDelegations.bind(this.delegations);

  readonly createParticipant = this.accreditation.createParticipant.bind(this.accreditation);
  readonly listParticipants = this.accreditation.listParticipants.bind(this.accreditation);
  readonly createInvitation = this.accreditation.createInvitation.bind(this.accreditation);
  readonly redeemInvitation = this.accreditation.redeemInvitation.bind(this.accreditation);
  readonly revokeParticipant = this.accreditation.revokeParticipant.bind(this.accreditation);
  readonly onRevoked = this.accreditation.onRevoked.bind(this.accreditation);

  // ACCT-3: corrections and deletions.
  readonly deleteSummit = this.corrections.deleteSummit.bind(this.corrections);
  readonly updateSession = this.corrections.updateSession.bind(this.corrections);
  readonly deleteSession = this.corrections.deleteSession.bind(this.corrections);
  readonly deleteAgendaItem = this.corrections.deleteAgendaItem.bind(this.corrections);
  readonly updateDelegation = this.corrections.updateDelegation.bind(this.corrections);
  readonly deleteDelegation = this.corrections.deleteDelegation.bind(this.corrections);
  readonly updateParticipant = this.corrections.updateParticipant.bind(this.corrections);
  readonly deleteParticipant = this.corrections.deleteParticipant.bind(this.corrections);
}
