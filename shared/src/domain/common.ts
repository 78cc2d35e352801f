import { z } from 'zod';
import { SafeText } from './text.ts';

/** The six official UN languages: the interface and content languages of Majlis. */
export const LanguageCode = z.enum(['ar', 'zh', 'en', 'fr', 'ru', 'es']);
export type LanguageCode = z.infer<typeof LanguageCode>;
export const LANGUAGES = LanguageCode.options;

/** Text entered per language; at least one language is required. */
export const LocalizedText = z
  .partialRecord(LanguageCode, SafeText(1, 300))
  .refine((t) => Object.keys(t).length > 0, {
    message: 'must have a text in at least one language',
  });
export type LocalizedText = z.infer<typeof LocalizedText>;

/** Server-generated identifiers: 22-character base64url (128 random bits). */
export const Id = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'is not a valid id');
export type Id = z.infer<typeof Id>;

/** A payload naming one session: every command that reads or follows a session's live state. */
export const SessionRef = z.object({ sessionId: Id });
export type SessionRef = z.infer<typeof SessionRef>;

export const Timestamp = z.iso.datetime({ offset: true });

const zoneCache = new Map<string, boolean>();
/** An IANA time zone the runtime's ICU knows, e.g. "Africa/Addis_Ababa". */
export const TimeZone = z.string().refine(
  (tz) => {
    let ok = zoneCache.get(tz);
    if (ok === undefined) {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        ok = /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(tz);
      } catch {
        ok = false;
      }
      zoneCache.set(tz, ok);
    }
    return ok;
  },
  { message: 'must be an IANA time zone such as Europe/Geneva' },
);

/** Every stored entity carries a version; it is the ETag and the If-Match target. */
export const Versioned = z.object({
  version: z.number().int().positive(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .regex(/^\d{1,9}$/, 'is not a cursor from a previous page')
    .optional(),
});
export type ListQuery = z.infer<typeof ListQuery>;

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
