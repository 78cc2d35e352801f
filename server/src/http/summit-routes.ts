import ical from 'ical-generator';
import {
  Id,
  ListQuery,
  RecordEntry,
  Summit,
  SummitCreate,
  SummitUpdate,
  pageOf,
  type LanguageCode,
  type LocalizedText,
} from '@majlis/shared';
import { z } from 'zod';
import { readRecord, verifyChain } from '../store/record.ts';
import type { ApiDeps } from './api.ts';
import { route, type RouteDef } from './registry.ts';

const SummitParams = z.object({ summitId: Id });
const ScheduleQuery = z.object({ lang: z.enum(['ar', 'zh', 'en', 'fr', 'ru', 'es']).optional() });
const RecordPage = z.object({ entries: z.array(RecordEntry), chainValid: z.boolean() });

const pick = (
  t: LocalizedText,
  lang: LanguageCode | undefined,
  fallback: readonly LanguageCode[],
): string => {
  for (const l of [lang, ...fallback, 'en', 'fr', 'ar', 'es', 'ru', 'zh'] as const) {
    if (l !== undefined && t[l] !== undefined) return t[l];
  }
  return '';
};

/** Summits, their schedule as iCalendar, and their hash-chained record. */
export function summitRoutes(deps: ApiDeps): RouteDef[] {
  const { summits } = deps;
  return [
    route({
      operationId: 'listSummits',
      method: 'get',
      path: '/summits',
      summary: 'List summits',
      tag: 'summits',
      action: 'summit:read',
      query: ListQuery,
      response: { status: 200, schema: pageOf(Summit) },
      async handler({ actor, query }) {
        return { body: await summits.listSummits(actor, query) };
      },
    }),
    route({
      operationId: 'createSummit',
      method: 'post',
      path: '/summits',
      summary: 'Create a summit (as a draft)',
      tag: 'summits',
      action: 'summit:create',
      body: SummitCreate,
      response: { status: 201, schema: Summit, etag: true },
      async handler({ actor, body }) {
        const s = await summits.createSummit(actor, body);
        return { body: s, etag: s.version };
      },
    }),
    route({
      operationId: 'getSummit',
      method: 'get',
      path: '/summits/{summitId}',
      summary: 'Read a summit',
      tag: 'summits',
      action: 'summit:read',
      params: SummitParams,
      response: { status: 200, schema: Summit, etag: true },
      async handler({ actor, params }) {
        const s = await summits.getSummit(actor, params.summitId);
        return { body: s, etag: s.version };
      },
    }),
    route({
      operationId: 'updateSummit',
      method: 'patch',
      path: '/summits/{summitId}',
      summary: 'Change a summit; honours If-Match',
      tag: 'summits',
      action: 'summit:update',
      params: SummitParams,
      body: SummitUpdate,
      response: { status: 200, schema: Summit, etag: true },
      async handler({ actor, params, body, ifMatch }) {
        const s = await summits.updateSummit(actor, params.summitId, body, ifMatch);
        return { body: s, etag: s.version };
      },
    }),
    route({
      operationId: 'exportSchedule',
      method: 'get',
      path: '/summits/{summitId}/schedule.ics',
      summary: 'The caller’s sessions as an iCalendar file',
      tag: 'schedule',
      action: 'schedule:export',
      params: SummitParams,
      query: ScheduleQuery,
      response: { status: 200, contentType: 'text/calendar' },
      async handler({ actor, params, query }) {
        const summit = await summits.getSummit(actor, params.summitId);
        const sessions = await summits.allSessions(actor, params.summitId);
        const lang = query.lang;
        const cal = ical({
          name: pick(summit.title, lang, summit.officialLanguages),
          timezone: summit.timeZone,
          prodId: { company: 'Majlis', product: 'schedule' },
        });
        for (const s of sessions) {
          cal.createEvent({
            id: `${s.id}@majlis`,
            start: new Date(s.startsAt),
            end: new Date(s.endsAt),
            summary: pick(s.title, lang, summit.officialLanguages),
            description: `${s.kind.replace('_', ' ')} — ${pick(summit.title, lang, summit.officialLanguages)}`,
            timezone: summit.timeZone,
          });
        }
        return {
          text: {
            contentType: 'text/calendar; charset=utf-8',
            content: cal.toString(),
            filename: 'majlis-schedule.ics',
          },
        };
      },
    }),
    route({
      operationId: 'getRecord',
      method: 'get',
      path: '/summits/{summitId}/record',
      summary: 'The summit’s append-only, hash-chained record',
      tag: 'record',
      action: 'record:read',
      params: SummitParams,
      response: { status: 200, schema: RecordPage },
      async handler({ actor, params }) {
        await summits.getSummit(actor, params.summitId);
        const entries = await readRecord(deps.store, params.summitId);
        return { body: { entries, chainValid: verifyChain(entries).ok } };
      },
    }),
  ];
}
