import { useMemo } from 'react';
import { readerTimeZone, useFormat, useT } from '../i18n/index.ts';

/** The IANA zones this browser knows, with the reader's own first if the list lacks it. */
function knownZones(): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  const own = readerTimeZone();
  return zones.includes(own) ? zones : [own, ...zones];
}

/** An IANA time zone, each shown by its identifier and its name in the reader's language. */
export function TimeZoneSelect({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (zone: string) => void;
}) {
  const t = useT();
  const format = useFormat();
  const options = useMemo(
    () =>
      knownZones().map((zone) => ({
        zone,
        text: t('timeZone.option', { zone, name: format.timeZoneName(zone) }),
      })),
    [t, format],
  );
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)} required>
        {options.map((o) => (
          <option key={o.zone} value={o.zone}>
            {o.text}
          </option>
        ))}
      </select>
    </label>
  );
}
