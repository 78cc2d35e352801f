import { useEffect, useState } from 'react';
import type {
  CommuniqueStatus,
  PublicSigningKey,
  SignedCommunique,
  Verification,
  VerificationReason,
} from '@majlis/shared';
import { getKeySet } from '../../api/communiques.ts';
import { useT, type MessageKey } from '../../i18n/index.ts';
import { verifyInBrowser } from './browserVerify.ts';
import './communiques.css';

export const STATUS_WORDS: Readonly<Record<CommuniqueStatus, MessageKey>> = {
  draft: 'comm.status.draft',
  approved: 'comm.status.approved',
  published: 'comm.status.published',
};

export const VERDICT_WORDS: Readonly<Record<VerificationReason, MessageKey>> = {
  ok: 'comm.verdict.ok',
  bad_signature: 'comm.verdict.bad_signature',
  unknown_key: 'comm.verdict.unknown_key',
  revoked_key: 'comm.verdict.revoked_key',
  not_yet_valid: 'comm.verdict.not_yet_valid',
};

/** The verdict, as a badge; `data-verdict` carries the machine reason for tests and styling. */
export function VerificationBadge({ verdict }: { verdict: Verification | 'checking' | 'failed' }) {
  const t = useT();
  if (verdict === 'checking' || verdict === 'failed')
    return (
      <p className="muted" role="status" data-testid="verification-badge" data-verdict={verdict}>
        {t(verdict === 'checking' ? 'comm.verdict.checking' : 'comm.verdict.unavailable')}
      </p>
    );
  return (
    <p
      role="status"
      className={`verdict ${verdict.valid ? 'good' : 'bad'}`}
      data-testid="verification-badge"
      data-verdict={verdict.reason}
    >
      <strong>{t(VERDICT_WORDS[verdict.reason], { issuer: verdict.issuer?.name ?? '' })}</strong>{' '}
      <span className="muted">{t('comm.verify.keyId', { keyId: verdict.keyId })}</span>
    </p>
  );
}

/**
 * Verifies a signed document in this browser against keys.json, again
 * whenever the document changes. `signedAt` is the server's register of when
 * it signed (the public page has it); a pasted document has none.
 */
export function useBrowserVerdict(
  signed: SignedCommunique | null,
  signedAt: string | null,
): Verification | 'checking' | 'failed' {
  const [verdict, setVerdict] = useState<{
    for: SignedCommunique | null;
    value: Verification | 'failed';
  }>({ for: null, value: 'failed' });
  useEffect(() => {
    if (signed === null) return;
    let live = true;
    const run = async (): Promise<Verification | 'failed'> => {
      try {
        const { keys }: { keys: PublicSigningKey[] } = await getKeySet();
        return await verifyInBrowser(signed, keys, signedAt === null ? null : new Date(signedAt));
      } catch {
        // No keys (offline) or no Ed25519 in this browser: say so, never "valid".
        return 'failed';
      }
    };
    void run().then((value) => {
      if (live) setVerdict({ for: signed, value });
    });
    return () => {
      live = false;
    };
  }, [signed, signedAt]);
  return verdict.for === signed && signed !== null ? verdict.value : 'checking';
}
