import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import {
  remainingMs,
  overtimeOf,
  type AgendaItem,
  type Session,
  type SessionProgress,
  type Summit,
} from '@majlis/shared';
import { DateTime, LocalizedText, useT, type MessageKey } from '../../i18n/index.ts';
import type { useFloor } from '../floor/useFloor.ts';
import { STATE_WORDS } from './words.ts';

export const clockText = (ms: number): string => {
  const total = Math.ceil(ms / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
};

/**
 * The header people orient by: summit, session, its state, the current
 * agenda item and the speaking clock (with the overtime under the notify
 * policy, MEET-3).
 */
export function RoomHeader({
  summit,
  session,
  progress,
  agendaItem,
  floor,
}: {
  summit: Summit | undefined;
  session: Session | undefined;
  progress: SessionProgress | undefined;
  agendaItem: AgendaItem | undefined;
  floor: ReturnType<typeof useFloor> | null;
}) {
  const t = useT();
  const langs = summit?.officialLanguages ?? [];
  const current = floor?.floor?.current ?? null;
  const left = current ? remainingMs(current, floor?.serverNow ?? 0) : 0;
  const over = current ? overtimeOf(current, floor?.serverNow ?? 0) : 0;
  return (
    <header className="room-header" data-testid="room-header">
      <div className="room-titles">
        {summit && (
          <LocalizedText value={summit.title} fallbackLangs={langs} className="room-summit" />
        )}
        {session ? (
          <LocalizedText
            value={session.title}
            fallbackLangs={langs}
            as="h1"
            className="room-session"
          />
        ) : (
          <h1 className="room-session">{t('meeting.title')}</h1>
        )}
        {progress && (
          <span className={`room-state room-state-${progress.state}`} data-testid="session-state">
            {t(STATE_WORDS[progress.state])}
          </span>
        )}
      </div>
      {floor && (
        <p className="room-agenda" data-testid="room-agenda">
          <span className="muted">{t('room.header.agenda')}</span>{' '}
          {agendaItem ? (
            <LocalizedText value={agendaItem.title} fallbackLangs={langs} />
          ) : (
            t('room.header.noAgenda')
          )}
        </p>
      )}
      {current && (
        <p className="room-clock" data-testid="room-clock" aria-live="off">
          <span className="muted">{t('room.header.clock')}</span>{' '}
          <span className={over > 0 ? 'clock-over' : 'clock'}>
            {over > 0 ? t('room.overtime', { time: clockText(over) }) : clockText(left)}
          </span>
        </p>
      )}
    </header>
  );
}

/** MEET-2: before the chair opens the session, people wait here; the page follows the state by itself. */
export function WaitingRoom({
  session,
  summit,
  presiding,
}: {
  session: Session | undefined;
  summit: Summit | undefined;
  presiding: ReactNode;
}) {
  const t = useT();
  return (
    <div className="waiting-room" data-testid="waiting-room">
      <h2>{t('room.waiting.title')}</h2>
      {session && (
        <p>
          <span>{t('room.waiting.startsLabel')}</span>{' '}
          <DateTime
            value={new Date(session.startsAt)}
            {...(summit ? { summitZone: summit.timeZone } : {})}
            className="waiting-start"
          />
        </p>
      )}
      <p>{t('room.waiting.body')}</p>
      {presiding}
    </div>
  );
}

/** MEET-2: a closed session: nobody is in it and nobody joins again. */
export function ClosedNotice() {
  const t = useT();
  return (
    <div className="closed-room" role="status" data-testid="session-closed">
      <h2>{t('room.closed.title')}</h2>
      <p>{t('room.closed.body')}</p>
    </div>
  );
}

export interface PanelTab {
  id: string;
  label: MessageKey;
  content: ReactNode;
}

/**
 * The side panel's tabs (speakers list, votes, participants): the WAI-ARIA
 * tabs pattern, arrow keys move between tabs, one panel shown at a time.
 */
export function SideTabs({ tabs }: { tabs: readonly PanelTab[] }) {
  const t = useT();
  const base = useId();
  const [selected, setSelected] = useState(tabs[0]?.id ?? '');
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  // A tab that went away (a bilateral has no list) falls back to the first.
  const active = tabs.find((tab) => tab.id === selected) ?? tabs[0];
  const move = (e: KeyboardEvent, i: number) => {
    const step =
      e.key === 'ArrowRight' || e.key === 'ArrowDown'
        ? 1
        : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
          ? -1
          : 0;
    if (step === 0) return;
    e.preventDefault();
    // In a right-to-left page the arrow keys follow the reading direction.
    const rtl = document.dir === 'rtl' && (e.key === 'ArrowRight' || e.key === 'ArrowLeft');
    const next = tabs[(i + (rtl ? -step : step) + tabs.length) % tabs.length];
    if (next) {
      setSelected(next.id);
      refs.current[next.id]?.focus();
    }
  };
  if (!active) return null;
  return (
    <div className="side-panel">
      <div role="tablist" aria-label={t('room.tabs')} className="tabs">
        {tabs.map((tab, i) => (
          <button
            key={tab.id}
            ref={(el) => {
              refs.current[tab.id] = el;
            }}
            type="button"
            role="tab"
            id={`${base}-tab-${tab.id}`}
            aria-selected={tab.id === active.id}
            aria-controls={`${base}-panel-${tab.id}`}
            tabIndex={tab.id === active.id ? 0 : -1}
            data-testid={`tab-${tab.id}`}
            onClick={() => setSelected(tab.id)}
            onKeyDown={(e) => move(e, i)}
          >
            {t(tab.label)}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <div
          key={tab.id}
          role="tabpanel"
          id={`${base}-panel-${tab.id}`}
          aria-labelledby={`${base}-tab-${tab.id}`}
          hidden={tab.id !== active.id}
          className="tab-panel"
        >
          {tab.content}
        </div>
      ))}
    </div>
  );
}
