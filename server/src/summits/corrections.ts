import type { StoreDeps } from './common.ts';
import { RosterCorrections } from './corrections-roster.ts';
import { ScheduleCorrections } from './corrections-schedule.ts';
import type { SummitReader } from './reader.ts';

/**
 * ACCT-3: correcting and deleting what the secretariat created. Every
 * deletion counts its dependants inside the transaction that deletes: each
 * creation in a summit appends to that summit's record, which moves the
 * record head this commit checks, so a session added meanwhile makes the
 * deletion count again rather than orphan it. The schedule (summit,
 * sessions, agenda items) and the roster (delegations, participants) each
 * have their own module.
 */
export class Corrections {
  private readonly schedule: ScheduleCorrections;
  private readonly roster: RosterCorrections;

  constructor(deps: StoreDeps, read: SummitReader) {
    this.schedule = new ScheduleCorrections(deps, read);
    this.roster = new RosterCorrections(deps, read);
  }

  deleteSummit: ScheduleCorrections['deleteSummit'] = (actor, summitId, ifMatch) =>
    this.schedule.deleteSummit(actor, summitId, ifMatch);
  updateSession: ScheduleCorrections['updateSession'] = (actor, sessionId, input, ifMatch) =>
    this.schedule.updateSession(actor, sessionId, input, ifMatch);
  deleteSession: ScheduleCorrections['deleteSession'] = (actor, sessionId, ifMatch) =>
    this.schedule.deleteSession(actor, sessionId, ifMatch);
  deleteAgendaItem: ScheduleCorrections['deleteAgendaItem'] = (actor, itemId, ifMatch) =>
    this.schedule.deleteAgendaItem(actor, itemId, ifMatch);

  updateDelegation: RosterCorrections['updateDelegation'] = (actor, id, input, ifMatch) =>
    this.roster.updateDelegation(actor, id, input, ifMatch);
  deleteDelegation: RosterCorrections['deleteDelegation'] = (actor, id, ifMatch) =>
    this.roster.deleteDelegation(actor, id, ifMatch);
  updateParticipant: RosterCorrections['updateParticipant'] = (actor, id, input, ifMatch) =>
    this.roster.updateParticipant(actor, id, input, ifMatch);
  deleteParticipant: RosterCorrections['deleteParticipant'] = (actor, id, ifMatch) =>
    this.roster.deleteParticipant(actor, id, ifMatch);
}
