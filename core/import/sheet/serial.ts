import { isoDate, type LocalDateTime } from '../../model/date';

/**
 * The local date and time an Excel serial day stands for (1900 system, or 1904 when the workbook
 * says so). Zettle stores `Afregningsdato` this way: 45870.46357706018 is 2025-08-01 11:07:33.
 * Rounds to the nearest second, as Excel displays it.
 */
export function serialDateTime(serial: number, date1904 = false): LocalDateTime | null {
  if (!Number.isFinite(serial) || serial < 0 || serial > 2_958_466) return null;
  let day = Math.floor(serial);
  let secs = Math.round((serial - day) * 86_400);
  if (secs >= 86_400) {
    day += 1;
    secs -= 86_400;
  }
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const time = `${p2(Math.floor(secs / 3600))}:${p2(Math.floor((secs % 3600) / 60))}:${p2(secs % 60)}`;
  return { date: isoDate(day - 25_569 + (date1904 ? 1_462 : 0)), time };
}
