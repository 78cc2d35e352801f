import {
  SessionAttendance,
  SessionReach,
  SpeakingTime,
  SummitReach,
  type LanguageCode,
  type ReachTableName,
  type SummaryFormat,
} from '@majlis/shared';
import { API_BASE, request } from './http.ts';

const id = (value: string) => encodeURIComponent(value);

// ── reach (REACH-1 … REACH-3): the secretariat and the session's chair ──
export const getSessionReach = (sessionId: string) =>
  request(SessionReach, `/sessions/${id(sessionId)}/reach`);
/** Across the summit's sessions (a chair: the sessions they chair). */
export const getSummitReach = (summitId: string) =>
  request(SummitReach, `/summits/${id(summitId)}/reach`);
export const getSpeakingTime = (sessionId: string) =>
  request(SpeakingTime, `/sessions/${id(sessionId)}/speaking-time`);
export const getAttendance = (sessionId: string) =>
  request(SessionAttendance, `/sessions/${id(sessionId)}/attendance`);

/** One table behind the charts, as a CSV download. */
export const reachCsvUrl = (sessionId: string, table: ReachTableName) =>
  `${API_BASE}/sessions/${id(sessionId)}/reach.csv?table=${table}`;

/** The summary record (REC-1) in one official language; HTML opens, PDF downloads. */
export const summaryRecordUrl = (
  sessionId: string,
  language: LanguageCode,
  format: SummaryFormat,
) => `${API_BASE}/sessions/${id(sessionId)}/summary-record?language=${language}&format=${format}`;
