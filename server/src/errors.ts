import type { Dependant, ErrorCode, FieldIssue } from '@majlis/shared';

/** An error we mean to show the caller: its code decides the HTTP status or the ack. */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
    /** A refused deletion's dependants (ACCT-3). */
    readonly dependants?: Dependant[],
  ) {
    super(message);
  }
}
