// Number formatting for the wall: ratios, money, scores, days and signed week-over-week deltas in the active
// locale. Every formatter takes null ("no data") and shows "—": a projected NaN would be a lie.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ratio } from '../../../../../shared/analytics/metrics';

export const NO_DATA = '—';

export interface WallFormat {
  locale: string;
  /** A fraction as a percentage: one decimal below 10 %, none above. */
  pct(fraction: number | null | undefined): string;
  ratio(ratio: Ratio | null | undefined): string;
  /** A plain number with at most `digits` decimals. */
  num(value: number | null | undefined, digits?: number): string;
  /** A number with exactly `digits` decimals (rates like 1.0 follow-ups a day). */
  fixed(value: number | null | undefined, digits?: number): string;
  /** An amount in CNY, compact (¥1.2M / ¥120万). */
  money(value: number | null | undefined): string;
  /** A 0–100 score, whole points. */
  score(value: number | null | undefined): string;
  /** Days, one decimal, with the unit. */
  days(value: number | null | undefined): string;
  /** Signed: "+12%", "−3%". */
  signedPct(fraction: number): string;
  /** Signed number with at most `digits` decimals. */
  signedNum(value: number, digits?: number): string;
  /** When the data is from: the time alone today, date and time otherwise; "no sync yet" for null. */
  asOf(time: number | null, now?: number): string;
}

const finite = (value: number | null | undefined): value is number => typeof value === 'number' && Number.isFinite(value);

export function createWallFormat(locale: string, unitDays: (value: string) => string, noSync: string): WallFormat {
  const pctSmall = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const pctBig = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const signedPctFormat = new Intl.NumberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  });
  const nums = [0, 1, 2].map((d) => new Intl.NumberFormat(locale, { maximumFractionDigits: d }));
  const fixeds = [0, 1, 2].map((d) => new Intl.NumberFormat(locale, { minimumFractionDigits: d, maximumFractionDigits: d }));
  const signedNums = [0, 1, 2].map((d) => new Intl.NumberFormat(locale, { maximumFractionDigits: d, signDisplay: 'exceptZero' }));
  const money = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'CNY',
    currencyDisplay: 'narrowSymbol',
    notation: 'compact',
    minimumFractionDigits: 0,
    maximumFractionDigits: 1,
  });
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short' });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const pick = (list: Intl.NumberFormat[], digits: number) => list[Math.max(0, Math.min(2, digits))] as Intl.NumberFormat;

  const pct = (fraction: number | null | undefined) => {
    if (!finite(fraction)) return NO_DATA;
    return (Math.abs(fraction) < 0.1 ? pctSmall : pctBig).format(fraction);
  };
  const num = (value: number | null | undefined, digits = 0) => (finite(value) ? pick(nums, digits).format(value) : NO_DATA);
  return {
    locale,
    pct,
    ratio: (r) => pct(r?.value),
    num,
    fixed: (value, digits = 1) => (finite(value) ? pick(fixeds, digits).format(value) : NO_DATA),
    money: (value) => (finite(value) ? money.format(value) : NO_DATA),
    score: (value) => num(value, 0),
    days: (value) => (finite(value) ? unitDays(pick(nums, 1).format(value)) : NO_DATA),
    signedPct: (fraction) => (finite(fraction) ? signedPctFormat.format(fraction) : NO_DATA),
    signedNum: (value, digits = 1) => (finite(value) ? pick(signedNums, digits).format(value) : NO_DATA),
    asOf: (at, now = Date.now()) => {
      if (at === null || !finite(at)) return noSync;
      const sameDay = new Date(at).toDateString() === new Date(now).toDateString();
      return (sameDay ? time : dateTime).format(at);
    },
  };
}

/** Wall formatters for the language the UI is shown in. */
export function useWallFormat(): WallFormat {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? i18n.language;
  return useMemo(
    () => createWallFormat(locale, (value) => t('wallScenes.units.days', { value }), t('wallScenes.noSync')),
    [locale, t],
  );
}
