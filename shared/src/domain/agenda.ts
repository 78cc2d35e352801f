import { z } from 'zod';
import { Id, LocalizedText, Versioned } from './common.ts';

export const AgendaItemKind = z.enum([
  'opening',
  'statements',
  'debate',
  'vote',
  'closing',
  'break',
]);
export const AgendaItemStatus = z.enum(['pending', 'current', 'done', 'deferred']);

const AgendaItemFields = z.object({
  title: LocalizedText,
  kind: AgendaItemKind,
  allottedMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  /**
   * Sort key within the session. Fractional so that a drag between two items
   * writes one item only.
   */
  position: z.number().min(-1e9).max(1e9),
});

export const AgendaItemCreate = AgendaItemFields.partial({ position: true }).strip();
export type AgendaItemCreate = z.infer<typeof AgendaItemCreate>;

export const AgendaItemUpdate = AgendaItemFields.partial()
  .extend({ status: AgendaItemStatus.optional() })
  .strip();
export type AgendaItemUpdate = z.infer<typeof AgendaItemUpdate>;

export const AgendaItem = AgendaItemFields.extend({
  id: Id,
  sessionId: Id,
  summitId: Id,
  status: AgendaItemStatus,
}).extend(Versioned.shape);
export type AgendaItem = z.infer<typeof AgendaItem>;
