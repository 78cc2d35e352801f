import {
  Id,
  LanguageCode,
  ReachTableName,
  RecordVerification,
  SessionAttendance,
  SessionReach,
  SpeakingTime,
  SummaryFormat,
  SummitReach,
} from '@majlis/shared';
import { z } from 'zod';
import type { ReachService } from '../reach/service.ts';
import { route, type RouteDef } from './registry.ts';

const SessionParams = z.object({ sessionId: Id });
const SummitParams = z.object({ summitId: Id });
const CsvQuery = z.object({ table: ReachTableName });
const SummaryQuery = z.object({ language: LanguageCode, format: SummaryFormat.default('html') });

/** The header that carries the hash of the last record entry a summary record covers. */
export const RECORD_HASH_HEADER = 'X-Majlis-Record-Hash';

/**
 * Reach and the record over HTTP (REACH-1 … REACH-3, REC-1, ACCESS-5). Reach
 * figures are for the secretariat and the session's chair; the summary
 * record for anyone admitted to the session.
 */
export function reachRoutes(reach: ReachService): RouteDef[] {
  return [
    route({
      operationId: 'getSessionReach',
      method: 'get',
      path: '/sessions/{sessionId}/reach',
      summary:
        'Audience of the session: unique viewers, peak, watch time, by channel and role, now watching; never names a viewer',
      tag: 'reach',
      action: 'reach:read',
      params: SessionParams,
      response: { status: 200, schema: SessionReach },
      async handler({ actor, params }) {
        return { body: await reach.sessionReach(actor, params.sessionId) };
      },
    }),
    route({
      operationId: 'getSummitReach',
      method: 'get',
      path: '/summits/{summitId}/reach',
      summary:
        'Audience across the summit’s sessions (a chair: the sessions they chair); a person in two sessions at once counts once',
      tag: 'reach',
      action: 'reach:read',
      params: SummitParams,
      response: { status: 200, schema: SummitReach },
      async handler({ actor, params }) {
        return { body: await reach.summitReach(actor, params.summitId) };
      },
    }),
    route({
      operationId: 'exportReachCsv',
      method: 'get',
      path: '/sessions/{sessionId}/reach.csv',
      summary: 'One table behind the reach charts, as CSV',
      tag: 'reach',
      action: 'reach:read',
      params: SessionParams,
      query: CsvQuery,
      response: { status: 200, contentType: 'text/csv' },
      async handler({ actor, params, query }) {
        return {
          text: {
            contentType: 'text/csv; charset=utf-8',
            content: await reach.csv(actor, params.sessionId, query.table),
            filename: `reach-${params.sessionId}-${query.table}.csv`,
          },
        };
      },
    }),
    route({
      operationId: 'getAttendance',
      method: 'get',
      path: '/sessions/{sessionId}/attendance',
      summary: 'Each delegation’s first arrival, last departure and time present, from presence',
      tag: 'reach',
      action: 'reach:read',
      params: SessionParams,
      response: { status: 200, schema: SessionAttendance },
      async handler({ actor, params }) {
        return { body: await reach.attendance(actor, params.sessionId) };
      },
    }),
    route({
      operationId: 'getSpeakingTime',
      method: 'get',
      path: '/sessions/{sessionId}/speaking-time',
      summary:
        'Speaking time per delegation and agenda item by kind of intervention, from the record’s floor.ended entries',
      tag: 'reach',
      action: 'reach:read',
      params: SessionParams,
      response: { status: 200, schema: SpeakingTime },
      async handler({ actor, params }) {
        return { body: await reach.speakingTime(actor, params.sessionId) };
      },
    }),
    route({
      operationId: 'getSummaryRecord',
      method: 'get',
      path: '/sessions/{sessionId}/summary-record',
      summary:
        'The session’s summary record in an official language, as HTML or PDF; carries the hash of the last record entry it covers',
      tag: 'record',
      action: 'record:summary',
      params: SessionParams,
      query: SummaryQuery,
      response: { status: 200, contentType: ['text/html', 'application/pdf'] },
      async handler({ actor, params, query, res }) {
        const doc = await reach.summary(actor, params.sessionId, query.language, query.format);
        if (doc.coverage.lastHash !== null)
          res.setHeader(RECORD_HASH_HEADER, doc.coverage.lastHash);
        // The PDF downloads; the HTML opens in the browser.
        const download = query.format === 'pdf' ? { filename: doc.filename } : {};
        return { text: { contentType: doc.contentType, content: doc.content, ...download } };
      },
    }),
    route({
      operationId: 'verifyRecord',
      method: 'get',
      path: '/summits/{summitId}/record/verification',
      summary: 'Walks the summit’s hash chain and names the first broken entry, if any',
      tag: 'record',
      action: 'record:read',
      params: SummitParams,
      response: { status: 200, schema: RecordVerification },
      async handler({ actor, params }) {
        return { body: await reach.verify(actor, params.summitId) };
      },
    }),
  ];
}
