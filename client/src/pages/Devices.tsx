import type { Device } from '@majlis/shared';
import { listMyDevices, signOutDevice } from '../api/sign-in.ts';
import { ErrorAlert, Loading } from '../components/Alerts.tsx';
import { RequireSignIn } from '../components/RequireSignIn.tsx';
import { useAction } from '../components/useAction.ts';
import { useLoader } from '../components/useLoader.ts';
import { DateTime, useT } from '../i18n/index.ts';

const DEVICES = 'devices';

function DeviceRow({ device, onSignedOut }: { device: Device; onSignedOut: () => void }) {
  const t = useT();
  const { busy, failure, run } = useAction();
  const name = device.label === '' ? t('devices.unknown') : device.label;
  return (
    <li data-testid="device" data-device-id={device.id}>
      <bdi>{name}</bdi>{' '}
      {device.signedInAt !== null && (
        <span className="muted">
          {t('devices.since')} <DateTime value={new Date(device.signedInAt)} />
        </span>
      )}{' '}
      {device.current ? (
        <strong>{t('devices.current')}</strong>
      ) : (
        <button
          type="button"
          className="danger"
          disabled={busy}
          aria-label={t('devices.signOutNamed', { name })}
          onClick={() =>
            void run(async () => {
              await signOutDevice(device.id);
              onSignedOut();
            })
          }
        >
          {t('devices.signOut')}
        </button>
      )}
      {failure && <ErrorAlert error={failure.error} />}
    </li>
  );
}

function DeviceList() {
  const t = useT();
  const { loaded, update } = useLoader(DEVICES, listMyDevices);
  if (loaded.kind === 'loading') return <Loading />;
  if (loaded.kind === 'failed') return <ErrorAlert error={loaded.error} />;
  return (
    <section className="card narrow" aria-labelledby="devices-title">
      <h1 id="devices-title">{t('devices.title')}</h1>
      <p>{t('devices.intro')}</p>
      <ul className="devices" data-testid="devices">
        {loaded.value.map((d) => (
          <DeviceRow
            key={d.id}
            device={d}
            onSignedOut={() => update((all) => all.filter((x) => x.id !== d.id))}
          />
        ))}
      </ul>
    </section>
  );
}

/** ACCT-1: the browsers signed in as me, each of which I can sign out. */
export default function Devices() {
  return <RequireSignIn kind="participant">{() => <DeviceList />}</RequireSignIn>;
}
