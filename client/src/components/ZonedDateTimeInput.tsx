import { useFormat, useT } from '../i18n/index.ts';
import { instantToZonedLocal, zonedLocalToInstant, type LocalDateTime } from './zonedTime.ts';

export { instantToZonedLocal, zonedLocalToInstant, type LocalDateTime };

/**
 * A date and time on a named zone's clock (the summit's), whatever zone the
 * organiser's browser is in. The label names the zone so nobody enters
 * their own local time by mistake.
 */
export function ZonedDateTimeInput({
  label,
  zone,
  value,
  onChange,
  min,
}: {
  label: string;
  zone: string;
  value: LocalDateTime;
  onChange: (next: LocalDateTime) => void;
  min?: LocalDateTime;
}) {
  const t = useT();
  const format = useFormat();
  return (
    <label>
      {t('field.onZoneClock', { field: label, zone: format.timeZoneName(zone) })}
      <input
        type="datetime-local"
        value={value}
        min={min}
        onChange={(e) => onChange(e.target.value)}
        required
      />
    </label>
  );
}
