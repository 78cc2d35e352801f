import { z } from 'zod';

/**
 * Characters no name, title or code needs, and that an attacker uses to
 * make one text look like another or to reorder what a reader sees
 * (issue 19, item 9): C0 and C1 controls (NUL, escape, line breaks), the
 * bidirectional embeddings, overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069: "‮gnp.exe" reads as "exe.png"), line and paragraph
 * separators, zero-width space, word joiner and invisible operators, and
 * the byte-order mark. Left alone: the zero-width (non-)joiners U+200C and
 * U+200D, which Persian, Arabic and Indic spelling and emoji need, and the
 * left-to-right and right-to-left marks U+200E, U+200F and U+061C, which
 * mixed Arabic and Latin text needs to display in order.
 */
export const UNSAFE_TEXT =
  // Matching control characters is the point of this expression.
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001F\u007F-\u009F\u200B\u2028\u2029\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u;

export const UNSAFE_TEXT_MESSAGE =
  'must not contain control, bidirectional-override or invisible characters';

/**
 * One line of text people read: a name, a title, a code. Trimmed,
 * normalised to NFC (so "é" typed two ways is one name), refused (422 at
 * the HTTP edge, INVALID_PAYLOAD on a socket) when it carries any of the
 * characters above.
 */
export const SafeText = (min: number, max: number) =>
  z
    .string()
    .trim()
    .normalize('NFC')
    .min(min)
    .max(max)
    .refine((s) => !UNSAFE_TEXT.test(s), UNSAFE_TEXT_MESSAGE);
