import { useEffect, useId, useState } from 'react';
import {
  ordered,
  overtimeOf,
  remainingMs,
  type Entry,
  type FloorCommand,
  type InterventionKind,
  type Me,
  type RulingOutcome,
} from '@majlis/shared';
import { useFormat, useT, type MessageKey } from '../../i18n/index.ts';
import { RULE_BUTTON_WORDS, RULING_WORDS } from '../session/words.ts';
import type { useFloor } from './useFloor.ts';
import { getSession, listDelegations } from '../../api/summits.ts';
import { entryLabel } from './entryLabel.ts';
import { ErrorAlert } from '../Alerts.tsx';

const KIND_WORDS: Readonly<Record<InterventionKind, MessageKey>> = {
  statement: 'floor.kind.statement',
  point_of_order: 'floor.kind.point_of_order',
  right_of_reply: 'floor.kind.right_of_reply',
  explanation_of_vote: 'floor.kind.explanation_of_vote',
};
const KINDS = Object.keys(KIND_WORDS) as InterventionKind[];

interface Names {
  delegations: Record<string, string>;
  chairId: string | null;
  /** Why the names could not be read; the panel says so (the chair's console needs `chairId`). */
  failure?: unknown;
}

/** The session's chair and the delegations' codes, for labels and the chair's console. */
function useNames(sessionId: string, summitId: string | null): Names {
  const [names, setNames] = useState<Names>({ delegations: {}, chairId: null });
  useEffect(() => {
    // An object, not a let: the cleanup flips it after the closure was made.
    const guard = { live: true };
    const load = async (): Promise<Names> => {
      const session = await getSession(sessionId);
      const delegations = await listDelegations(summitId ?? session.summitId);
      return {
        chairId: session.chairId,
        delegations: Object.fromEntries(delegations.map((d) => [d.id, d.code])),
      };
    };
    load().then(
      (loaded) => guard.live && setNames(loaded),
      (failure: unknown) => guard.live && setNames({ delegations: {}, chairId: null, failure }),
    );
    return () => {
      guard.live = false;
    };
  }, [sessionId, summitId]);
  return names;
}

const clock = (ms: number): string => {
  const total = Math.ceil(ms / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
};

/**
 * The floor for everyone (current speaker, countdown, list), the delegate's
 * request controls and the chair's console (FLOOR-1 … FLOOR-5). Every act is
 * a Socket.IO command; the server decides and the list follows.
 */
const OUTCOMES: readonly RulingOutcome[] = ['upheld', 'not_upheld', 'out_of_order'];

export function FloorPanel({
  sessionId,
  me,
  nameOf,
  live,
  onRefused,
}: {
  sessionId: string;
  me: Me;
  nameOf: (participantId: string) => string | undefined;
  /** The page's one floor subscription (the control bar reads it too). */
  live: ReturnType<typeof useFloor>;
  /** A refused act, shown by the page in the reader's language (it clears itself). */
  onRefused: (err: unknown, command: FloorCommand) => void;
}) {
  const t = useT();
  const format = useFormat();
  const { floor, serverNow, warned, expired, send } = live;
  const names = useNames(sessionId, me.kind === 'participant' ? me.summitId : null);
  const [kind, setKind] = useState<InterventionKind>('statement');
  const [rulingText, setRulingText] = useState('');
  const kindId = useId();
  const rulingId = useId();

  const myId = me.kind === 'participant' ? me.participantId : null;
  const isChair = myId !== null && names.chairId === myId;
  const maySpeak =
    me.kind === 'participant' && (me.role === 'head_of_delegation' || me.role === 'delegate');
  const act = (c: FloorCommand) => {
    send(c).catch((e: unknown) => onRefused(e, c));
  };

  if (!floor) return <p>{t('floor.loading')}</p>;
  const list = ordered(floor.queue, floor.policy.protocolOrder);
  // The person's name while they are in the room, and their delegation always: never a blank name.
  const who = (e: Entry) => {
    const code = names.delegations[e.delegationId];
    const country = code ? format.countryName(code) : '';
    return entryLabel(nameOf(e.participantId), country);
  };
  const current = floor.current;
  const mine = list.findIndex(
    (e) => me.kind === 'participant' && e.delegationId === me.delegationId,
  );
  const left = current ? remainingMs(current, serverNow) : 0;
  const over = current ? overtimeOf(current, serverNow) : 0;
  const ruling = floor.lastRuling;

  return (
    <section className="floor" aria-labelledby="floor-title" data-testid="floor">
      <h2 id="floor-title">{t('floor.title')}</h2>
      {names.failure !== undefined && <ErrorAlert error={names.failure} />}
      <p data-testid="floor-current" data-participant={current?.entry.participantId ?? ''}>
        {current
          ? t('floor.current', {
              name: who(current.entry),
              kind: t(KIND_WORDS[current.entry.kind]),
            })
          : t('floor.nobody')}
        {current && (
          <>
            {' '}
            <span
              className="countdown"
              data-testid="floor-countdown"
              data-remaining={Math.round(left)}
              aria-live="off"
            >
              {clock(left)}
            </span>
            {over > 0 && (
              <span className="overtime" data-testid="floor-overtime" data-over={Math.round(over)}>
                {' '}
                {t('room.overtime', { time: clock(over) })}
              </span>
            )}
            {current.deadline === null && <span className="paused"> {t('floor.paused')}</span>}
          </>
        )}
      </p>
      {floor.suspended && (
        <p>
          {t('floor.suspended', {
            name: who(floor.suspended.entry),
            left: clock(floor.suspended.remainingMs),
          })}
        </p>
      )}
      {current && warned !== undefined && !expired && (
        <p role="alert" data-testid="floor-warning">
          {t('floor.warning')}
        </p>
      )}
      {current && expired && (
        <p role="alert" data-testid="floor-expired">
          {t('floor.expired')}
        </p>
      )}
      {current?.entry.kind === 'point_of_order' && (
        <p role="alert" className="point-of-order" data-testid="point-of-order">
          {t('floor.pointOfOrder', { name: who(current.entry) })}
        </p>
      )}
      {ruling && (
        <p
          className="ruling"
          role="status"
          data-testid="ruling"
          data-outcome={ruling.outcome ?? ''}
        >
          {t(RULING_WORDS[ruling.outcome ?? 'none'], { name: who(ruling.pointOfOrder) })}
          {ruling.text !== null && (
            <>
              {' '}
              {t('room.ruling.words')} <q>{ruling.text}</q>
            </>
          )}
        </p>
      )}

      <h3>{t('floor.list')}</h3>
      {list.length === 0 ? (
        <p>{t('floor.empty')}</p>
      ) : (
        <ol data-testid="floor-list">
          {list.map((e, i) => (
            <li key={e.id} data-entry={e.id}>
              <span>
                {t(KIND_WORDS[e.kind])}: <bdi>{who(e)}</bdi>
              </span>
              {isChair && e.kind === 'point_of_order' && (
                <button
                  type="button"
                  data-testid="rule-out-of-order"
                  onClick={() => act({ type: 'rule', outcome: 'out_of_order', entryId: e.id })}
                >
                  {t('room.rule.out_of_order')}
                </button>
              )}
              {isChair && (
                <span className="row-actions">
                  <button type="button" onClick={() => act({ type: 'grant', entryId: e.id })}>
                    {t('floor.give')}
                  </button>
                  <button
                    type="button"
                    disabled={i === 0}
                    onClick={() =>
                      act({ type: 'reorder', entryId: e.id, toIndex: Math.max(0, i - 1) })
                    }
                  >
                    {t('floor.moveUp')}
                  </button>
                  <button
                    type="button"
                    disabled={i === list.length - 1}
                    onClick={() => act({ type: 'reorder', entryId: e.id, toIndex: i + 1 })}
                  >
                    {t('floor.moveDown')}
                  </button>
                  <button type="button" onClick={() => act({ type: 'remove', entryId: e.id })}>
                    {t('floor.remove')}
                  </button>
                </span>
              )}
            </li>
          ))}
        </ol>
      )}

      {maySpeak && (
        <div className="form" data-testid="floor-request">
          <label htmlFor={kindId}>{t('floor.kindLabel')}</label>
          <select
            id={kindId}
            value={kind}
            onChange={(e) => setKind(e.target.value as InterventionKind)}
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(KIND_WORDS[k])}
              </option>
            ))}
          </select>
          <button
            type="button"
            onClick={() => act({ type: 'request', kind })}
            data-testid="floor-ask"
          >
            {t('floor.request')}
          </button>
          {mine >= 0 && (
            <>
              <span data-testid="floor-position">{t('floor.position', { n: mine + 1 })}</span>
              <button
                type="button"
                onClick={() => act({ type: 'withdraw', entryId: list[mine]?.id ?? '' })}
              >
                {t('floor.withdraw')}
              </button>
            </>
          )}
          {current?.entry.participantId === myId && (
            <button type="button" onClick={() => act({ type: 'yield' })}>
              {t('floor.yield')}
            </button>
          )}
        </div>
      )}

      {isChair && (
        <div
          className="chair-console"
          role="group"
          aria-label={t('floor.console')}
          data-testid="chair-console"
        >
          <button
            type="button"
            onClick={() => act({ type: 'grantNext' })}
            disabled={list.length === 0 || current !== null}
            data-testid="floor-grant-next"
          >
            {t('floor.grantNext')}
          </button>
          <button
            type="button"
            onClick={() => act({ type: 'revoke' })}
            disabled={current === null}
            data-testid="floor-revoke"
          >
            {t('floor.revoke')}
          </button>
          {current?.deadline === null ? (
            <button type="button" onClick={() => act({ type: 'resume' })}>
              {t('floor.resume')}
            </button>
          ) : (
            <button
              type="button"
              onClick={() => act({ type: 'pause' })}
              disabled={current === null}
            >
              {t('floor.pause')}
            </button>
          )}
          <button
            type="button"
            onClick={() => act({ type: 'extend', ms: 60_000 })}
            disabled={current === null}
          >
            {t('floor.extend')}
          </button>
          <label>
            <input
              type="checkbox"
              checked={floor.policy.expiry === 'revoke'}
              onChange={(e) =>
                act({
                  type: 'setPolicy',
                  policy: { ...floor.policy, expiry: e.target.checked ? 'revoke' : 'notify' },
                })
              }
            />{' '}
            {t('floor.revokeOnExpiry')}
          </label>
          <label>
            <input
              type="checkbox"
              checked={floor.policy.protocolOrder}
              onChange={(e) =>
                act({
                  type: 'setPolicy',
                  policy: { ...floor.policy, protocolOrder: e.target.checked },
                })
              }
            />{' '}
            {t('floor.protocolOrder')}
          </label>
          {current?.entry.kind === 'point_of_order' && (
            <div className="form" data-testid="ruling-form">
              <label htmlFor={rulingId}>{t('floor.ruling')}</label>
              <textarea
                id={rulingId}
                value={rulingText}
                onChange={(e) => setRulingText(e.target.value)}
              />
              <div className="row-actions">
                {OUTCOMES.map((outcome) => (
                  <button
                    key={outcome}
                    type="button"
                    data-testid={`rule-${outcome}`}
                    onClick={() => {
                      const words = rulingText.trim();
                      act({
                        type: 'rule',
                        outcome,
                        ...(words === '' ? {} : { ruling: words }),
                      });
                      setRulingText('');
                    }}
                  >
                    {t(RULE_BUTTON_WORDS[outcome])}
                  </button>
                ))}
              </div>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
