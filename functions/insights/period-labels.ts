import type { Language } from '../language/language';
import type { LocalDate } from './calendar';

const MONTHS_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Inclusive dates as a merchant reads them: "1 Sep – 29 Nov 2026", "1–30 Sep 2026", "27 Nov 2026";
 * "2026年9月1日至11月29日" in Chinese. The year is written once when both ends share it.
 */
export function formatDateRange(start: LocalDate, end: LocalDate, lang: Language): string {
  const sameDay = start.year === end.year && start.month === end.month && start.day === end.day;
  const sameMonth = start.year === end.year && start.month === end.month;
  const sameYear = start.year === end.year;
  if (lang === 'zh') {
    const full = (d: LocalDate) => `${d.year}年${d.month}月${d.day}日`;
    if (sameDay) return full(start);
    if (sameMonth) return `${full(start)}至${end.day}日`;
    if (sameYear) return `${full(start)}至${end.month}月${end.day}日`;
    return `${full(start)}至${full(end)}`;
  }
  const month = (d: LocalDate) => MONTHS_SHORT[d.month - 1];
  if (sameDay) return `${start.day} ${month(start)} ${start.year}`;
  if (sameMonth) return `${start.day}–${end.day} ${month(end)} ${end.year}`;
  if (sameYear) return `${start.day} ${month(start)} – ${end.day} ${month(end)} ${end.year}`;
  return `${start.day} ${month(start)} ${start.year} – ${end.day} ${month(end)} ${end.year}`;
}
