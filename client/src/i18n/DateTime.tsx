import { useFormat } from './hooks.tsx';

/**
 * An instant in the reader's time zone with the summit's beside it, as a
 * machine-readable `<time>`. `readerZone` defaults to the browser's zone.
 */
export function DateTime({
  value,
  summitZone,
  readerZone,
  className,
}: {
  value: Date;
  summitZone?: string;
  readerZone?: string;
  className?: string;
}) {
  const format = useFormat();
  return (
    <time className={className} dateTime={value.toISOString()}>
      {format.dateTime(value, {
        ...(summitZone === undefined ? {} : { summitZone }),
        ...(readerZone === undefined ? {} : { readerZone }),
      })}
    </time>
  );
}
