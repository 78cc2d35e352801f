import { ordered, type FloorCommand, type Me } from '@majlis/shared';
import { LeaveIcon, useT } from '../../i18n/index.ts';
import type { Meeting, MeetingSnapshot } from '../../media/meeting.ts';
import type { useFloor } from '../floor/useFloor.ts';
import { ChannelPicker } from '../interpretation/ChannelPicker.tsx';

/**
 * The control bar (MEET-1): your microphone and camera at any moment, a
 * large "microphone live" light, the DICENTIS-style request to speak with
 * your place in the list, the channel and Leave. Muting is always yours;
 * unmuting is offered only while the grant allows it (the SFU refuses
 * anything else).
 */
export function ControlBar({
  me,
  meeting,
  snapshot,
  sessionId,
  floor,
  onLeave,
  onRefused,
  onFloorRefused,
}: {
  me: Me;
  meeting: Meeting;
  snapshot: MeetingSnapshot;
  sessionId: string;
  /** The floor, or null where there is no speakers list (a bilateral, MEET-5). */
  floor: ReturnType<typeof useFloor> | null;
  onLeave: () => void;
  onRefused: (err: unknown) => void;
  onFloorRefused: (err: unknown, command: FloorCommand) => void;
}) {
  const t = useT();
  const live = snapshot.microphone === 'live';
  const mayAsk =
    floor !== null &&
    me.kind === 'participant' &&
    (me.role === 'head_of_delegation' || me.role === 'delegate');
  const list = floor?.floor ? ordered(floor.floor.queue, floor.floor.policy.protocolOrder) : [];
  const myDelegation = me.kind === 'participant' ? me.delegationId : null;
  const mine = list.findIndex((e) => e.delegationId === myDelegation && e.kind === 'statement');
  const holding =
    me.kind === 'participant' && floor?.floor?.current?.entry.participantId === me.participantId;
  const send = (command: FloorCommand) => {
    floor?.send(command).catch((err: unknown) => onFloorRefused(err, command));
  };
  // Those who may ever speak here always see their controls; unmuting is disabled until allowed.
  const publishes =
    me.role === 'chair' ||
    me.role === 'head_of_delegation' ||
    me.role === 'delegate' ||
    snapshot.allowed.microphone ||
    snapshot.allowed.camera;

  return (
    <div className="control-bar" role="toolbar" aria-label={t('meeting.controls')}>
      <div
        className={`mic-light mic-${live ? 'live' : 'muted'}`}
        role="status"
        data-testid="mic-live"
        data-state={snapshot.microphone}
      >
        <span className="mic-light-dot" aria-hidden="true" />
        {live ? t('room.mic.live') : t('room.mic.muted')}
      </div>
      {(publishes || live || snapshot.camera) && (
        <>
          <button
            type="button"
            className={live ? 'control control-live' : 'control'}
            aria-pressed={!live}
            data-testid="mic-toggle"
            disabled={!live && !snapshot.allowed.microphone}
            onClick={() => void meeting.setMicrophone(!live).catch(onRefused)}
          >
            {live ? t('room.mic.mute') : t('room.mic.unmute')}
          </button>
          <button
            type="button"
            className="control"
            aria-pressed={!snapshot.cameraWanted}
            data-testid="camera-toggle"
            onClick={() => void meeting.setCamera(!snapshot.cameraWanted).catch(onRefused)}
          >
            {snapshot.cameraWanted ? t('room.camera.off') : t('room.camera.on')}
          </button>
        </>
      )}
      {!live && !snapshot.allowed.microphone && mayAsk && !holding && (
        <span className="control-hint">{t('room.mic.notAllowed')}</span>
      )}
      {mayAsk &&
        (holding ? (
          <button type="button" className="control" onClick={() => send({ type: 'yield' })}>
            {t('floor.yield')}
          </button>
        ) : mine >= 0 ? (
          <span className="request-place">
            <span data-testid="request-position">{t('floor.position', { n: mine + 1 })}</span>
            <button
              type="button"
              className="control"
              onClick={() => send({ type: 'withdraw', entryId: list[mine]?.id ?? '' })}
            >
              {t('floor.withdraw')}
            </button>
          </span>
        ) : (
          <button
            type="button"
            className="control control-request"
            data-testid="request-to-speak"
            onClick={() => send({ type: 'request', kind: 'statement' })}
          >
            {t('room.request')}
          </button>
        ))}
      <ChannelPicker room={meeting.room} sessionId={sessionId} />
      <button type="button" className="control control-leave" onClick={onLeave} data-testid="leave">
        <LeaveIcon /> {t('meeting.leave')}
      </button>
    </div>
  );
}
