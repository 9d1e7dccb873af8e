// The drill behind a tile: the exceptions its filter selects, as a list legible from the back of the room
// (rule, subject, severity, age, evidence in the UI language), rep names masked in privacy mode. Esc or Back
// returns to the loop.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExceptionItem, ExceptionList } from '../../../../../shared/analytics/exceptions';
import type { FunnelScene } from '../../../../../shared/analytics/scenes';
import { useClient } from '../../../lib/client-context';
import { useErrorMessage } from '../../../lib/error-message';
import { useFormatters } from '../../../lib/format';
import { useNow } from '../../../lib/use-now';
import { matchesDrill, type DrillTarget } from '../scenes/drill-target';
import { shownName } from '../scenes/privacy';
import { useNameBook, type NameBook, type NameSources } from './drill-names';
import { namesStage, useEvidenceText, useStageNames, type EvidenceText } from './evidence-text';

/** Rows read when the tile's filter sets no limit: more than fit a screen, few enough to read quickly. */
export const DRILL_LIMIT = 200;
/** With facts to match on this side, read more, since the limit applies before that narrowing. */
export const DRILL_FACTS_LIMIT = 2000;

type Load =
  | { status: 'loading' }
  | { status: 'ready'; list: ExceptionList; items: ExceptionItem[] }
  | { status: 'failed'; message: string };

export interface WallDrillProps {
  target: DrillTarget;
  privacy: boolean;
  names: NameSources;
  /** The funnel scene when the wall holds it: stage names for the evidence text (else read when needed). */
  funnel?: FunnelScene;
  onClose(): void;
}

export function WallDrill({ target, privacy, names, funnel, onClose }: WallDrillProps) {
  const { t } = useTranslation();
  const client = useClient();
  const errorMessage = useErrorMessage();
  const format = useFormatters();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const panel = useRef<HTMLElement>(null);
  const title = useDrillTitle(target);

  useEffect(() => {
    let live = true;
    const limit = target.factsMatch ? DRILL_FACTS_LIMIT : DRILL_LIMIT;
    client.call('exceptions.list', { limit, ...target.filter }).then(
      (list) => live && setLoad({ status: 'ready', list, items: list.items.filter((item) => matchesDrill(target, item)) }),
      (err: unknown) => live && setLoad({ status: 'failed', message: errorMessage(err) }),
    );
    return () => {
      live = false;
    };
  }, [client, target, errorMessage]);

  useEffect(() => panel.current?.focus(), []);

  return (
    <section className="wall-drill" data-testid="wall-drill" ref={panel} tabIndex={-1} aria-labelledby="wall-drill-title">
      <header className="wall-drill-header">
        <h2 id="wall-drill-title">{title}</h2>
        {load.status === 'ready' ? (
          <p className="wall-drill-meta">
            <span>
              {target.factsMatch
                ? t('wall.drill.countOnly', { shown: format.number(load.items.length) })
                : t('wall.drill.count', { shown: format.number(load.items.length), total: format.number(load.list.total) })}
            </span>
            {load.list.asOf.time !== null ? (
              <span data-testid="wall-asof">
                {t('wall.asOf', { time: format.dateTime(new Date(load.list.asOf.time).toISOString()) })}
              </span>
            ) : null}
          </p>
        ) : null}
        <button type="button" className="wall-button" data-testid="wall-drill-back" onClick={onClose}>
          {t('wall.drill.back')}
        </button>
      </header>
      {load.status === 'loading' ? <p className="wall-drill-note">{t('wall.drill.loading')}</p> : null}
      {load.status === 'failed' ? (
        <p className="wall-drill-note" role="alert">
          {t('wall.drill.failed', { message: load.message })}
        </p>
      ) : null}
      {load.status === 'ready' ? <DrillTable items={load.items} privacy={privacy} names={names} funnel={funnel} /> : null}
    </section>
  );
}

/** The tile's own title when its key is in the catalog, else a generic one. */
function useDrillTitle(target: DrillTarget): string {
  const { t, i18n } = useTranslation();
  if (!i18n.exists(target.titleKey)) return t('wall.drill.title');
  // The key comes from the scene at run time, so it cannot be checked against the catalog type.
  const translate = t as unknown as (key: string, params?: Record<string, string>) => string;
  return translate(target.titleKey, target.titleParams);
}

interface DrillTableProps {
  items: ExceptionItem[];
  privacy: boolean;
  names: NameSources;
  funnel: FunnelScene | undefined;
}

function DrillTable({ items, privacy, names, funnel }: DrillTableProps) {
  const { t } = useTranslation();
  const book = useNameBook(names);
  const now = useNow(30_000);
  const stage = useStageNames(funnel, items.some(namesStage));
  const rep = useCallback((repId: string) => repText(book, repId, privacy), [book, privacy]);
  const evidence = useEvidenceText(stage, rep);
  if (items.length === 0) return <p className="wall-drill-note">{t('wall.drill.empty')}</p>;
  return (
    <div className="wall-drill-scroll">
      <table className="wall-drill-table">
        <thead>
          <tr>
            <th scope="col">{t('wall.drill.columns.severity')}</th>
            <th scope="col">{t('wall.drill.columns.rule')}</th>
            <th scope="col">{t('wall.drill.columns.subject')}</th>
            <th scope="col">{t('wall.drill.columns.age')}</th>
            <th scope="col">{t('wall.drill.columns.evidence')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <DrillRow key={item.key} item={item} privacy={privacy} book={book} now={now} evidence={evidence(item)} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface DrillRowProps {
  item: ExceptionItem;
  privacy: boolean;
  book: NameBook;
  now: number;
  evidence: EvidenceText;
}

function DrillRow({ item, privacy, book, now, evidence }: DrillRowProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const region = useRegionName(book, item.regionId);
  const subject = useSubjectText(item, privacy, book, region);
  return (
    <tr data-testid="wall-drill-row" data-key={item.key} data-severity={item.severity}>
      <td>
        <span className="wall-drill-severity" data-severity={item.severity}>
          {t(`wall.severity.${item.severity}`)}
        </span>
      </td>
      <td className="wall-drill-rule">{t(`rules.${item.rule}`)}</td>
      <td>
        <span className="wall-drill-subject">{subject}</span>
        {item.subjectType === 'region' ? null : <span className="wall-drill-region">{region}</span>}
      </td>
      <td className="wall-drill-age">{format.timeAgo(now - item.since) ?? t('wall.drill.justNow')}</td>
      <td
        className="wall-drill-evidence"
        // Like the sync error: the words are in the UI language, core's English account is one hover away.
        title={evidence.localized ? t('wall.drill.evidence.detail', { detail: item.evidence.summary }) : undefined}
      >
        {evidence.text}
      </td>
    </tr>
  );
}

function useRegionName(book: NameBook, regionId: string): string {
  const { i18n } = useTranslation();
  const names = book.region(regionId);
  if (!names) return regionId;
  return i18n.language === 'en' ? names.nameEn : names.name;
}

/** The rep an exception is about: the subject itself, or the deal owner / lead assignee in its evidence. */
function repOf(item: ExceptionItem): string | null {
  if (item.subjectType === 'rep') return item.subjectId;
  const { ownerRepId, repId } = item.evidence.facts;
  if (typeof ownerRepId === 'string') return ownerRepId;
  return typeof repId === 'string' ? repId : null;
}

/** A rep as the drill shows it: the name, masked in privacy mode. */
function repText(book: NameBook, repId: string, privacy: boolean): string {
  const name = book.rep(repId);
  // Ids are not names: an unknown rep shows its id, which is safe in privacy mode too.
  return name ? shownName(name, privacy) : repId;
}

function useSubjectText(item: ExceptionItem, privacy: boolean, book: NameBook, region: string): string {
  const { t } = useTranslation();
  const repId = repOf(item);
  const rep = repId ? repText(book, repId, privacy) : null;
  switch (item.subjectType) {
    case 'rep':
      return rep ?? item.subjectId;
    case 'region':
      return region;
    default: {
      const subject = t(`wall.drill.subject.${item.subjectType}`, { id: item.subjectId });
      return rep ? t('wall.drill.subject.withRep', { subject, rep }) : subject;
    }
  }
}
