// The wall's setup card on the war-room page: which scenes rotate and in what order, how long each stays,
// privacy mode by default, when figures count as stale, and (in Electron) the display the wall opens on.
// Every change is saved at once through core (settings.update with the whole wall object).
import { useEffect, useId, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { WALL_ROUTE, type DisplayInfo } from '../../../../shared/api/wall-window';
import { WALL_SCENE_IDS, wallSettingsSchema, type WallSceneId, type WallSettings } from '../../../../shared/domain/wall';
import { useErrorMessage } from '../../lib/error-message';
import { usePreferences } from '../../lib/preferences';
import { enterFullscreen, wallWindowBridge } from './wall/wall-window';

export const INTERVAL_RANGE = { min: 5, max: 600 } as const;
export const STALE_RANGE = { min: 1, max: 1440 } as const;

/** Persists a wall change; returns the message to show when core refuses it (null when saved). */
function useSaveWall(): { save(change: Partial<WallSettings>): void; error: string | null } {
  const { settings, update } = usePreferences();
  const errorMessage = useErrorMessage();
  const [error, setError] = useState<string | null>(null);
  const save = (change: Partial<WallSettings>) => {
    const parsed = wallSettingsSchema.safeParse({ ...settings.wall, ...change });
    if (!parsed.success) return; // the controls only offer valid values; this is a guard, not a path
    update({ wall: parsed.data }).then(
      () => setError(null),
      (err: unknown) => setError(errorMessage(err)),
    );
  };
  return { save, error };
}

export function WallSetup() {
  const { t } = useTranslation();
  const { settings } = usePreferences();
  const { save, error } = useSaveWall();
  const wall = settings.wall;
  return (
    <section className="card wall-setup" data-testid="wall-config" aria-labelledby="wall-setup-title">
      <h2 id="wall-setup-title">{t('wall.setup.title')}</h2>
      <p className="field-hint">{t('wall.setup.intro')}</p>
      <SceneList scenes={wall.scenes} onChange={(scenes) => save({ scenes })} />
      <div className="wall-setup-fields">
        <BoundedNumber
          testId="wall-interval"
          label={t('wall.setup.interval')}
          hint={t('wall.setup.intervalHint', INTERVAL_RANGE)}
          value={wall.intervalSec}
          range={INTERVAL_RANGE}
          onCommit={(intervalSec) => save({ intervalSec })}
        />
        <BoundedNumber
          testId="wall-stale-after"
          label={t('wall.setup.staleAfter')}
          hint={t('wall.setup.staleAfterHint', STALE_RANGE)}
          value={wall.staleAfterMin}
          range={STALE_RANGE}
          onCommit={(staleAfterMin) => save({ staleAfterMin })}
        />
        <div className="field">
          <label className="checkbox">
            <input
              type="checkbox"
              data-testid="wall-privacy-default"
              checked={wall.privacy}
              onChange={(event) => save({ privacy: event.target.checked })}
            />
            {t('wall.setup.privacy')}
          </label>
          <p className="field-hint">{t('wall.setup.privacyHint')}</p>
        </div>
        <DisplaySelect value={wall.displayId} onChange={(displayId) => save({ displayId })} />
      </div>
      {error ? (
        <p className="form-message form-error" role="alert">
          {t('wall.setup.saveError', { message: error })}
        </p>
      ) : null}
      <PresentButton displayId={wall.displayId} />
      <KeyHelp />
    </section>
  );
}

/** Every scene: the rotating ones first in their order (with up/down), then the others, unticked. */
function SceneList({ scenes, onChange }: { scenes: readonly WallSceneId[]; onChange(scenes: WallSceneId[]): void }) {
  const { t } = useTranslation();
  const others = WALL_SCENE_IDS.filter((id) => !scenes.includes(id));
  const move = (id: WallSceneId, by: -1 | 1) => {
    const next = [...scenes];
    const at = next.indexOf(id);
    const to = at + by;
    if (at < 0 || to < 0 || to >= next.length) return;
    [next[at], next[to]] = [next[to] as WallSceneId, id];
    onChange(next);
  };
  const toggle = (id: WallSceneId, on: boolean) => onChange(on ? [...scenes, id] : scenes.filter((s) => s !== id));
  const rows = [...scenes.map((id) => ({ id, on: true })), ...others.map((id) => ({ id, on: false }))];
  return (
    <fieldset className="wall-scene-list">
      <legend>{t('wall.setup.scenes')}</legend>
      <ol>
        {rows.map(({ id, on }, i) => (
          <li key={id} data-enabled={on}>
            <label className="checkbox">
              <input
                type="checkbox"
                data-testid={`wall-scene-toggle-${id}`}
                checked={on}
                // The wall needs at least one scene.
                disabled={on && scenes.length === 1}
                onChange={(event) => toggle(id, event.target.checked)}
              />
              {on ? <span className="wall-scene-order">{t('wall.setup.order', { n: i + 1 })}</span> : null}
              {t(`wall.scenes.${id}`)}
            </label>
            <span className="wall-scene-moves">
              <button
                type="button"
                className="button button-secondary button-small"
                data-testid={`wall-scene-up-${id}`}
                disabled={!on || i === 0}
                aria-label={t('wall.setup.moveUp', { scene: t(`wall.scenes.${id}`) })}
                onClick={() => move(id, -1)}
              >
                {t('wall.setup.up')}
              </button>
              <button
                type="button"
                className="button button-secondary button-small"
                data-testid={`wall-scene-down-${id}`}
                disabled={!on || i === scenes.length - 1}
                aria-label={t('wall.setup.moveDown', { scene: t(`wall.scenes.${id}`) })}
                onClick={() => move(id, 1)}
              >
                {t('wall.setup.down')}
              </button>
            </span>
          </li>
        ))}
      </ol>
    </fieldset>
  );
}

interface BoundedNumberProps {
  testId: string;
  label: string;
  hint: string;
  value: number;
  range: { min: number; max: number };
  onCommit(value: number): void;
}

/** A whole number in a range: saved as soon as the typed value is valid; an invalid one is explained, not saved. */
function BoundedNumber({ testId, label, hint, value, range, onCommit }: BoundedNumberProps) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? String(value);
  const parsed = Number(shown);
  const valid = shown.trim() !== '' && Number.isInteger(parsed) && parsed >= range.min && parsed <= range.max;
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const text = event.target.value;
    setDraft(text);
    const n = Number(text);
    if (text.trim() !== '' && Number.isInteger(n) && n >= range.min && n <= range.max && n !== value) onCommit(n);
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        data-testid={testId}
        min={range.min}
        max={range.max}
        step={1}
        value={shown}
        aria-invalid={!valid}
        aria-describedby={`${id}-hint`}
        onChange={onChange}
        // Leaving the field drops an invalid draft: the stored value is what the wall uses.
        onBlur={() => setDraft(null)}
      />
      <p className="field-hint" id={`${id}-hint`} data-invalid={!valid}>
        {valid ? hint : t('wall.setup.outOfRange', range)}
      </p>
    </div>
  );
}

/** Electron only: the display the wall window opens on. */
function DisplaySelect({ value, onChange }: { value: number | null; onChange(displayId: number | null): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [displays, setDisplays] = useState<DisplayInfo[] | null>(null);
  useEffect(() => {
    const bridge = wallWindowBridge();
    if (!bridge) return;
    let live = true;
    bridge.displays().then(
      (list) => live && setDisplays(list),
      () => live && setDisplays([]),
    );
    return () => {
      live = false;
    };
  }, []);
  if (!displays) return null;
  const known = value !== null && displays.some((d) => d.id === value);
  return (
    <div className="field">
      <label htmlFor={id}>{t('wall.setup.display')}</label>
      <select
        id={id}
        data-testid="wall-display"
        value={known ? String(value) : ''}
        onChange={(event) => onChange(event.target.value === '' ? null : Number(event.target.value))}
      >
        <option value="">{t('wall.setup.displayCurrent')}</option>
        {displays.map((d) => (
          <option key={d.id} value={String(d.id)}>
            {t(d.primary ? 'wall.setup.displayPrimary' : 'wall.setup.displayOption', {
              label: d.label,
              width: d.width,
              height: d.height,
            })}
          </option>
        ))}
      </select>
      <p className="field-hint">{t('wall.setup.displayHint')}</p>
    </div>
  );
}

function PresentButton({ displayId }: { displayId: number | null }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const present = () => {
    const bridge = wallWindowBridge();
    if (bridge) {
      bridge.open(displayId).then(
        () => setError(null),
        (err: unknown) => setError(errorMessage(err)),
      );
      return;
    }
    // In a browser the wall takes this tab: full screen first (it needs this click), then the wall route.
    void enterFullscreen();
    navigate(WALL_ROUTE);
  };
  return (
    <div className="wall-present">
      <button type="button" className="button wall-present-button" data-testid="wall-present" onClick={present}>
        {t('wall.setup.present')}
      </button>
      {error ? (
        <p className="form-message form-error" role="alert">
          {t('wall.setup.presentError', { message: error })}
        </p>
      ) : null}
    </div>
  );
}

function KeyHelp() {
  const { t } = useTranslation();
  const keys = ['space', 'arrows', 'numbers', 'tab', 'enter', 'escape', 'freeze', 'privacy'] as const;
  return (
    <details className="wall-keys">
      <summary>{t('wall.setup.keysTitle')}</summary>
      <dl className="facts">
        {keys.map((key) => (
          <div key={key} className="wall-key-row">
            <dt>{t(`wall.keys.${key}.key`)}</dt>
            <dd>{t(`wall.keys.${key}.does`)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
