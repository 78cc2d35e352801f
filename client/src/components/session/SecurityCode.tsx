import type { MediaKeysState } from '../../e2ee/mediaKeys.ts';
import { useT } from '../../i18n/index.ts';

/**
 * CONF-3: the code members read aloud to one another. The same code on
 * every screen means every device holds the same media key and no device
 * key was slipped in; it changes with each new key.
 */
export function SecurityCode({ e2ee }: { e2ee: MediaKeysState }) {
  const t = useT();
  return (
    <aside
      className="security-code"
      aria-labelledby="security-code-title"
      data-testid="security-code"
    >
      <h2 id="security-code-title">{t('room.e2ee.title')}</h2>
      {e2ee.securityCode === undefined ? (
        <p role="status">{t('room.e2ee.waiting')}</p>
      ) : (
        <>
          <p>{t('room.e2ee.compare')}</p>
          <p
            className="code"
            dir="ltr"
            data-testid="security-code-value"
            data-key-index={e2ee.keyIndex}
          >
            {e2ee.securityCode}
          </p>
        </>
      )}
      {e2ee.problem !== undefined && <p role="alert">{t('room.e2ee.problem')}</p>}
    </aside>
  );
}
