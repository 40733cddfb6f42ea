import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);

export const TZ = 'Asia/Shanghai';

/** A UTC instant shown as Beijing time, whatever the browser's own zone. */
export function formatDateTime(iso: string | null | undefined, withSeconds = false): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  if (!d.isValid()) return '—';
  return d.tz(TZ).format(withSeconds ? 'YYYY-MM-DD HH:mm:ss' : 'YYYY-MM-DD HH:mm');
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  return d.isValid() ? d.tz(TZ).format('YYYY-MM-DD') : '—';
}

/** A picker value (interpreted in Beijing time) as an ISO instant with offset, for API filters. */
export function toApiInstant(d: dayjs.Dayjs): string {
  return dayjs.tz(d.format('YYYY-MM-DDTHH:mm:ss'), TZ).format();
}

export { dayjs };
