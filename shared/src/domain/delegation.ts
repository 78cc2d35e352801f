import { z } from 'zod';
import { Id, LocalizedText, Versioned } from './common.ts';
import { isStateCode } from './states.ts';

/**
 * Organisations that sit as delegations. EU and UN have CLDR names; the
 * others are named by the organiser in each language.
 */
export const ORGANISATION_CODES = [
  'EU',
  'UN',
  'AU',
  'LAS',
  'ASEAN',
  'OIC',
  'GCC',
  'OAS',
  'CELAC',
  'NATO',
  'OSCE',
  'WHO',
  'IMF',
  'WB',
] as const;

/** Organisations CLDR names as regions, in every locale. */
export const CLDR_NAMED_ORGANISATIONS: ReadonlySet<string> = new Set(['EU', 'UN']);

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
/** Codes CLDR names that are not states: user-assigned, unknown, and groupings. */
const NOT_A_STATE = /^(AA|Q[M-Z]|X[A-Z]|ZZ|EU|EZ|UN)$/;

/**
 * True when `code` is an ISO 3166-1 alpha-2 code that CLDR names (a state or territory,
 * withdrawn codes included). Not for validation: delegations and hosts are `isStateCode`.
 */
export function isRegionCode(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code) || NOT_A_STATE.test(code)) return false;
  try {
    return regionNames.of(code) !== undefined;
  } catch {
    return false;
  }
}

export const DelegationKind = z.enum(['state', 'organisation']);
export type DelegationKind = z.infer<typeof DelegationKind>;

export const DelegationCode = z
  .string()
  .regex(
    /^[A-Z]{2,6}$/,
    'must be an ISO 3166-1 alpha-2 code (e.g. "SA") or an organisation code (e.g. "AU")',
  );

const DelegationFields = z.object({
  kind: DelegationKind,
  code: DelegationCode,
  /** Organisation names per language; states take their names from CLDR. */
  name: LocalizedText.optional(),
  votingRights: z.boolean(),
});

export const DelegationCreate = DelegationFields.strip().superRefine((d, ctx) => {
  // ACCT-4: current states only; withdrawn codes (SU, YU, DD), aliases (UK) and territories fail.
  if (d.kind === 'state' && !isStateCode(d.code)) {
    ctx.addIssue({
      code: 'custom',
      path: ['code'],
      message: 'is not the current ISO 3166-1 alpha-2 code of a state',
    });
  }
  if (d.kind === 'organisation' && !(ORGANISATION_CODES as readonly string[]).includes(d.code)) {
    ctx.addIssue({
      code: 'custom',
      path: ['code'],
      message: `must be one of ${ORGANISATION_CODES.join(', ')}`,
    });
  }
  if (d.kind === 'organisation' && d.name === undefined && !CLDR_NAMED_ORGANISATIONS.has(d.code)) {
    ctx.addIssue({
      code: 'custom',
      path: ['name'],
      message: 'is required for an organisation CLDR does not name',
    });
  }
});
export type DelegationCreate = z.infer<typeof DelegationCreate>;

export const Delegation = DelegationFields.extend({ id: Id, summitId: Id }).extend(Versioned.shape);
export type Delegation = z.infer<typeof Delegation>;
