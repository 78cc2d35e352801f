import { useEffect, useState } from 'react';
import type { Readiness } from '@majlis/shared';
import { fetchReadiness } from '../api.ts';

export function Home() {
  const [state, setState] = useState<
    { ready: boolean; parts: Readiness | undefined } | 'loading' | 'unreachable'
  >('loading');

  useEffect(() => {
    let live = true;
    const poll = () => {
      fetchReadiness().then(
        (r) => live && setState(r),
        () => live && setState('unreachable'),
      );
    };
    poll();
    const timer = setInterval(poll, 5000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);

  return (
    <section className="card" aria-labelledby="status-title">
      <h1 id="status-title">Majlis</h1>
      <p>
        Virtual summits and diplomatic meetings: delegations, floor control, interpretation and
        votes.
      </p>
      <h2>Platform status</h2>
      {state === 'loading' && <p>Checking…</p>}
      {state === 'unreachable' && <p className="bad">The Majlis server cannot be reached.</p>}
      {typeof state === 'object' && (
        <ul className="status" data-testid="readiness">
          <li className={state.parts?.redis === 'ok' ? 'good' : 'bad'}>
            Record store (Redis): {state.parts?.redis ?? 'unknown'}
          </li>
          <li className={state.parts?.livekit === 'ok' ? 'good' : 'bad'}>
            Media server (LiveKit): {state.parts?.livekit ?? 'unknown'}
          </li>
        </ul>
      )}
      <p>
        <a className="button" href="/media-check">
          Check your camera and microphone
        </a>
      </p>
    </section>
  );
}
