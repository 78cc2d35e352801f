import {
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type DragEvent,
  type KeyboardEvent,
  type SyntheticEvent,
} from 'react';
import { AgendaItemKind, type AgendaItem, type Session, type Summit } from '@majlis/shared';
import { hasCode } from '../api/http.ts';
import { createAgendaItem, listAgendaItems, updateAgendaItem } from '../api/summits.ts';
import { DeleteControl } from './corrections/DeleteControl.tsx';
import { LocalizedText, localizedText, useLanguage, useT } from '../i18n/index.ts';
import { inAgendaOrder, moveTo, renumbered } from './agendaOrder.ts';
import { ErrorAlert, Loading } from './Alerts.tsx';
import {
  LocalizedTextFields,
  localizedFromDraft,
  type LocalizedDraft,
} from './LocalizedTextFields.tsx';
import { useLoader } from './useLoader.ts';
import { AGENDA_KIND_WORDS } from './words.ts';
import { useAction } from './useAction.ts';

type Control = 'up' | 'down' | 'row';
type Notice =
  | { kind: 'moved'; itemId: string; index: number; count: number }
  | { kind: 'stale' }
  | { kind: 'failed'; error: unknown };

/**
 * A session's agenda, in order. Items move by drag and drop, by the Move up
 * and Move down buttons, or with Alt+↑/↓ on a focused row. A move writes
 * only the moved item: a position between its new neighbours, guarded by its
 * version so that a move based on a stale agenda is refused, reloaded and
 * explained rather than silently overwriting someone else's.
 */
export function AgendaEditor({ session, summit }: { session: Session; summit: Summit }) {
  const t = useT();
  const { lang } = useLanguage();
  const hintId = useId();
  const { loaded, reload, update } = useLoader(session.id, () => listAgendaItems(session.id));
  const [notice, setNotice] = useState<Notice | undefined>();
  const [dragFrom, setDragFrom] = useState<number | undefined>();
  const [dropAt, setDropAt] = useState<number | undefined>();
  const moving = useRef(false);
  const pendingFocus = useRef<{ id: string; control: Control } | undefined>(undefined);
  const listRef = useRef<HTMLOListElement>(null);

  const items = loaded.kind === 'loaded' ? inAgendaOrder(loaded.value) : [];
  const titleOf = (item: AgendaItem) =>
    localizedText(item.title, lang, summit.officialLanguages)?.text ?? '';

  // A moved row is re-inserted into the DOM, which drops focus: put it back
  // on the same control, or its twin when that one is now disabled.
  useLayoutEffect(() => {
    const want = pendingFocus.current;
    if (want === undefined) return;
    const row = listRef.current?.querySelector<HTMLElement>(`[data-item-id="${want.id}"]`);
    if (!row) return;
    pendingFocus.current = undefined;
    const button = (c: Control) =>
      row.querySelector<HTMLButtonElement>(`button[data-move="${c}"]:not(:disabled)`);
    const target =
      want.control === 'row'
        ? row
        : (button(want.control) ?? button(want.control === 'up' ? 'down' : 'up') ?? row);
    target.focus();
  });

  const move = async (from: number, to: number, control: Control) => {
    if (moving.current) return;
    const item = items[from];
    const plan = moveTo(items, from, to);
    if (item === undefined || plan === null) return;
    moving.current = true;
    pendingFocus.current = { id: item.id, control };
    setNotice(undefined);
    try {
      if (plan === undefined) {
        // No number left between the neighbours: renumber the agenda, one guarded write per item.
        const reordered = items.filter((_, i) => i !== from);
        reordered.splice(to, 0, item);
        for (const { id, position } of renumbered(reordered)) {
          const current = items.find((i) => i.id === id);
          if (current === undefined || current.position === position) continue;
          const saved = await updateAgendaItem(id, current.version, { position });
          update((all) => all.map((i) => (i.id === saved.id ? saved : i)));
        }
      } else {
        update((all) => all.map((i) => (i.id === item.id ? { ...i, position: plan.position } : i)));
        const saved = await updateAgendaItem(item.id, item.version, { position: plan.position });
        update((all) => all.map((i) => (i.id === saved.id ? saved : i)));
      }
      setNotice({ kind: 'moved', itemId: item.id, index: to, count: items.length });
    } catch (error) {
      await reload();
      setNotice(
        hasCode(error, 'PRECONDITION_FAILED') ? { kind: 'stale' } : { kind: 'failed', error },
      );
    } finally {
      moving.current = false;
    }
  };

  const onRowKey = (e: KeyboardEvent<HTMLLIElement>, index: number) => {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    const from = (e.target as HTMLElement).dataset['move'];
    const control: Control = from === 'up' || from === 'down' ? from : 'row';
    void move(index, index + (e.key === 'ArrowUp' ? -1 : 1), control);
  };

  const drag = {
    start: (e: DragEvent, index: number, id: string) => {
      setDragFrom(index);
      e.dataTransfer.effectAllowed = 'move';
      e.dataTransfer.setData('text/plain', id);
    },
    over: (e: DragEvent, index: number) => {
      if (dragFrom === undefined) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
      setDropAt(index);
    },
    drop: (e: DragEvent, index: number) => {
      e.preventDefault();
      if (dragFrom !== undefined) void move(dragFrom, index, 'row');
      drag.end();
    },
    end: () => {
      setDragFrom(undefined);
      setDropAt(undefined);
    },
  };

  const movedItem =
    notice?.kind === 'moved' ? items.find((i) => i.id === notice.itemId) : undefined;

  return (
    <div className="agenda">
      <h4>{t('agenda.title')}</h4>
      {loaded.kind === 'loading' && <Loading />}
      {loaded.kind === 'failed' && <ErrorAlert error={loaded.error} />}
      {loaded.kind === 'loaded' && items.length === 0 && (
        <p className="muted">{t('agenda.empty')}</p>
      )}
      {items.length > 0 && (
        <>
          <ol ref={listRef} className="agenda-list" data-testid="agenda">
            {items.map((item, index) => (
              <li
                key={item.id}
                data-item-id={item.id}
                data-testid="agenda-item"
                tabIndex={0}
                draggable
                aria-describedby={hintId}
                className={[
                  dragFrom === index ? 'dragging' : '',
                  dropAt === index && dragFrom !== index ? 'drop-target' : '',
                ].join(' ')}
                onKeyDown={(e) => onRowKey(e, index)}
                onDragStart={(e) => drag.start(e, index, item.id)}
                onDragOver={(e) => drag.over(e, index)}
                onDrop={(e) => drag.drop(e, index)}
                onDragEnd={drag.end}
              >
                <span className="drag-handle" aria-hidden="true" />
                <LocalizedText
                  value={item.title}
                  fallbackLangs={summit.officialLanguages}
                  className="agenda-title"
                />
                <span className="meta">
                  <span>{t(AGENDA_KIND_WORDS[item.kind])}</span>
                  <span>{t('agenda.minutes', { count: item.allottedMinutes })}</span>
                </span>
                <span className="row-actions">
                  <button
                    type="button"
                    className="secondary"
                    data-move="up"
                    disabled={index === 0}
                    aria-label={t('agenda.moveUpItem', { title: titleOf(item) })}
                    onClick={() => void move(index, index - 1, 'up')}
                  >
                    {t('agenda.moveUp')}
                  </button>
                  <button
                    type="button"
                    className="secondary"
                    data-move="down"
                    disabled={index === items.length - 1}
                    aria-label={t('agenda.moveDownItem', { title: titleOf(item) })}
                    onClick={() => void move(index, index + 1, 'down')}
                  >
                    {t('agenda.moveDown')}
                  </button>
                  <DeleteControl
                    target={{ kind: 'agenda_item', id: item.id }}
                    version={item.version}
                    name={titleOf(item)}
                    archiveHint="correction.agendaItemArchive"
                    onDeleted={() => update((all) => all.filter((i) => i.id !== item.id))}
                  />
                </span>
              </li>
            ))}
          </ol>
          <p id={hintId} className="hint">
            {t('agenda.keyboardHint')}
          </p>
        </>
      )}
      <p role="status" className="visually-hidden">
        {movedItem !== undefined &&
          notice?.kind === 'moved' &&
          t('agenda.moved', {
            title: titleOf(movedItem),
            position: notice.index + 1,
            count: notice.count,
          })}
      </p>
      {notice?.kind === 'stale' && (
        <p role="alert" className="bad">
          {t('agenda.stale')}
        </p>
      )}
      {notice?.kind === 'failed' && <ErrorAlert error={notice.error} />}
      <AgendaItemForm
        session={session}
        summit={summit}
        onCreated={(item) => update((all) => [...all, item])}
      />
    </div>
  );
}

const DEFAULT_MINUTES = 15;

function AgendaItemForm({
  session,
  summit,
  onCreated,
}: {
  session: Session;
  summit: Summit;
  onCreated: (item: AgendaItem) => void;
}) {
  const t = useT();
  const [title, setTitle] = useState<LocalizedDraft>({});
  const [kind, setKind] = useState<AgendaItem['kind']>('statements');
  const [minutes, setMinutes] = useState(String(DEFAULT_MINUTES));
  const { busy, failure, run } = useAction();
  const labels = {
    title: t('agenda.itemTitle'),
    kind: t('agenda.kind'),
    allottedMinutes: t('agenda.allotted'),
  };

  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    await run(async () => {
      onCreated(
        await createAgendaItem(session.id, {
          title: localizedFromDraft(title, summit.officialLanguages),
          kind,
          allottedMinutes: Number(minutes),
        }),
      );
      setTitle({});
    });
  };

  return (
    <form
      className="form-grid compact"
      onSubmit={(e) => void submit(e)}
      aria-label={t('agenda.new')}
      data-testid="agenda-form"
    >
      <LocalizedTextFields
        field={labels.title}
        langs={summit.officialLanguages}
        value={title}
        onChange={setTitle}
      />
      <label>
        {labels.kind}
        <select value={kind} onChange={(e) => setKind(AgendaItemKind.parse(e.target.value))}>
          {AgendaItemKind.options.map((k) => (
            <option key={k} value={k}>
              {t(AGENDA_KIND_WORDS[k])}
            </option>
          ))}
        </select>
      </label>
      <label>
        {labels.allottedMinutes}
        <input
          type="number"
          min={1}
          max={24 * 60}
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
          required
        />
      </label>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {t('agenda.add')}
        </button>
      </div>
      {failure && <ErrorAlert error={failure.error} fieldLabels={labels} />}
    </form>
  );
}
