// Locale-aware formatting through Intl: every number and date the UI shows goes through here, with the
// active i18n locale, so zh-CN and en users both see their own conventions.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export interface Formatters {
  locale: string;
  number(value: number): string;
  percent(fraction: number): string;
  dateTime(iso: string): string;
  /** How long ago, for elapsed ≥ 1 minute ("3 minutes ago", "3分钟前"); null below a minute (say "just now"). */
  timeAgo(elapsedMs: number): string | null;
  /** A duration in the largest fitting unit, rounded up ("20 sec", "3 min", "2 hr"). */
  duration(ms: number): string;
  /** A list joined the local way ("华东、华南", "East and South"). */
  list(items: readonly string[]): string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function createFormatters(locale: string): Formatters {
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'always' });
  const unit = (name: 'second' | 'minute' | 'hour') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'short', maximumFractionDigits: 0 });
  const [seconds, minutes, hours] = [unit('second'), unit('minute'), unit('hour')];
  const list = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
  return {
    locale,
    number: (value) => number.format(value),
    percent: (fraction) => percent.format(fraction),
    dateTime: (iso) => {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
    },
    timeAgo: (elapsedMs) => {
      if (elapsedMs < MINUTE) return null;
      if (elapsedMs < HOUR) return relative.format(-Math.floor(elapsedMs / MINUTE), 'minute');
      if (elapsedMs < DAY) return relative.format(-Math.floor(elapsedMs / HOUR), 'hour');
      return relative.format(-Math.floor(elapsedMs / DAY), 'day');
    },
    duration: (ms) => {
      const safe = Math.max(0, ms);
      if (safe < MINUTE) return seconds.format(Math.max(1, Math.ceil(safe / 1000)));
      if (safe < HOUR) return minutes.format(Math.ceil(safe / MINUTE));
      return hours.format(Math.ceil(safe / HOUR));
    },
    list: (items) => list.format(items),
  };
}

/** Formatters for the language the UI is currently shown in. */
export function useFormatters(): Formatters {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? i18n.language;
  return useMemo(() => createFormatters(locale), [locale]);
}
