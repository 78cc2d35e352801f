import { useState } from 'react';
import { useT } from '../i18n/index.ts';

type CopyState = 'idle' | 'copied' | 'failed';

/** Copies `text` to the clipboard and says so (to screen readers too). */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const t = useT();
  const [state, setState] = useState<CopyState>('idle');
  const copy = () => {
    navigator.clipboard.writeText(text).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  };
  return (
    <>
      <button type="button" onClick={copy}>
        {label}
      </button>
      <span role="status" className={state === 'failed' ? 'bad' : 'good'}>
        {state === 'copied' && t('common.copied')}
        {state === 'failed' && t('common.copyFailed')}
      </span>
    </>
  );
}
