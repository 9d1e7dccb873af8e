// The "Backend" card: which backend this replica syncs with (the built-in demo backend or a configured URL), a
// form to switch to another one (URL + token, checked by core with the backend before it switches) and sign-out.
// Failures are explained in words from the catalog, by error code, never with the raw message (at most as a tooltip).
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { OutpostError, type ErrorCode } from '../../../../shared/api/errors';
import type { SessionInfo } from '../../../../shared/api/methods';
import type { BackendKind } from '../../../../shared/domain/sync-status';
import { useClient, useConnection } from '../../lib/client-context';
import { useFormatters } from '../../lib/format';
import { useSyncStatusView } from '../../lib/sync-status-context';

/**
 * Why the last action failed: a check made before calling core, core being gone, the desktop app refusing to keep
 * the token without a system keyring, or core's error code.
 */
type FailureReason = 'invalidUrl' | 'missingToken' | 'coreGone' | 'keyring' | ErrorCode;

type Phase =
  | { kind: 'idle' }
  | { kind: 'connecting' }
  | { kind: 'signingOut' }
  | { kind: 'connected'; session: SessionInfo }
  | { kind: 'signedOut'; purged: boolean }
  | { kind: 'failed'; reason: FailureReason; url: string; detail?: string };

/** Codes with a backend-specific explanation in `settings.backend.errors`; others use the generic `errors`. */
const BACKEND_ERROR_CODES = ['UNAUTHORIZED', 'UNAVAILABLE', 'TIMEOUT', 'CONFLICT', 'BAD_REQUEST'] as const;
type BackendErrorCode = (typeof BACKEND_ERROR_CODES)[number];
const isBackendErrorCode = (code: string): code is BackendErrorCode => (BACKEND_ERROR_CODES as readonly string[]).includes(code);

/**
 * The desktop app's main process answers `sync.configure` with UNAVAILABLE, reason KEYRING_REFUSED, when Electron's
 * safeStorage has no real keyring behind it (unavailable, or Linux's plain-text 'basic_text'). Why it matters: the
 * generic UNAVAILABLE text ("can't reach the backend") would send the user after the wrong fix.
 */
function isKeyringRefusal(err: unknown): err is OutpostError {
  return err instanceof OutpostError && err.reason === 'KEYRING_REFUSED';
}

function isHttpUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

export function BackendSection() {
  const { t } = useTranslation();
  const client = useClient();
  const connection = useConnection();
  const id = useId();
  const [url, setUrl] = useState('');
  const [token, setToken] = useState('');
  const [purge, setPurge] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const busy = phase.kind === 'connecting' || phase.kind === 'signingOut';
  const { url: backendUrl, kind: backendKind } = useCurrentBackend();

  const failed = (err: unknown, target: string): Phase => {
    // A backend-method failure is checked against core itself by the connection monitor before it gets here.
    if (!connection.isConnected()) return { kind: 'failed', reason: 'coreGone', url: target };
    if (isKeyringRefusal(err)) return { kind: 'failed', reason: 'keyring', url: target, detail: err.message };
    return { kind: 'failed', reason: err instanceof OutpostError ? err.code : 'INTERNAL', url: target };
  };

  const connect = (event: FormEvent) => {
    event.preventDefault();
    const target = url.trim();
    if (!isHttpUrl(target)) return setPhase({ kind: 'failed', reason: 'invalidUrl', url: target });
    if (!token) return setPhase({ kind: 'failed', reason: 'missingToken', url: target });
    setPhase({ kind: 'connecting' });
    client.call('sync.configure', { backendUrl: target, token }).then(
      (session) => {
        setToken(''); // never keep a secret in the page longer than needed
        setPhase({ kind: 'connected', session });
      },
      (err: unknown) => setPhase(failed(err, target)),
    );
  };

  const signOut = () => {
    setPhase({ kind: 'signingOut' });
    client.call('sync.signOut', { purge }).then(
      () => setPhase({ kind: 'signedOut', purged: purge }),
      (err: unknown) => setPhase(failed(err, backendUrl ?? '')),
    );
  };

  return (
    <section className="card backend-card" data-testid="settings-backend" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('settings.backend.title')}</h2>
      <p className="backend-current" data-testid="settings-backend-current">
        {backendUrl === undefined
          ? t('settings.backend.current.unknown')
          : backendUrl === null
            ? t('settings.backend.current.none')
            : backendKind === 'embedded'
              ? t('settings.backend.current.embedded', { url: backendUrl })
              : t('settings.backend.current.url', { url: backendUrl })}
      </p>
      <form className="backend-form" onSubmit={connect} noValidate>
        <div className="field">
          <label htmlFor={`${id}-url`}>{t('settings.backend.url.label')}</label>
          <input
            id={`${id}-url`}
            type="url"
            inputMode="url"
            data-testid="settings-backend-url"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
            placeholder={t('settings.backend.url.placeholder')}
            autoComplete="url"
            spellCheck={false}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-token`}>{t('settings.backend.token.label')}</label>
          <input
            id={`${id}-token`}
            type="password"
            data-testid="settings-backend-token"
            value={token}
            onChange={(event) => setToken(event.target.value)}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${id}-token-hint`}
          />
          <p className="field-hint" id={`${id}-token-hint`}>
            {t('settings.backend.token.hint')}
          </p>
        </div>
        <div className="form-actions">
          <button type="submit" className="button" data-testid="settings-backend-save" disabled={busy}>
            {phase.kind === 'connecting' ? t('settings.backend.connecting') : t('settings.backend.connect')}
          </button>
        </div>
      </form>
      <Outcome phase={phase} />
      <div className="backend-signout">
        <label className="checkbox">
          <input
            type="checkbox"
            data-testid="settings-backend-purge"
            checked={purge}
            onChange={(event) => setPurge(event.target.checked)}
          />
          <span>{t('settings.backend.purge')}</span>
        </label>
        <button
          type="button"
          className="button button-secondary"
          data-testid="settings-backend-signout"
          onClick={signOut}
          disabled={busy || !backendUrl}
        >
          {phase.kind === 'signingOut' ? t('settings.backend.signingOut') : t('settings.backend.signOut')}
        </button>
      </div>
      <p className="field-hint">{t('settings.backend.signOutHint')}</p>
    </section>
  );
}

/** The backend in the live sync status: a URL, null when signed out, undefined while unknown; and its kind. */
function useCurrentBackend(): { url: string | null | undefined; kind: BackendKind | null | undefined } {
  const view = useSyncStatusView();
  return view.kind === 'ready'
    ? { url: view.status.backendUrl, kind: view.status.backendKind }
    : { url: undefined, kind: undefined };
}

function Outcome({ phase }: { phase: Phase }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (phase.kind === 'failed') {
    return (
      <p
        className="form-message form-error"
        role="alert"
        data-testid="settings-backend-error"
        data-reason={phase.reason}
        title={phase.detail === undefined ? undefined : t('settings.backend.errors.detail', { detail: phase.detail })}
      >
        {failureText(phase.reason, phase.url)}
      </p>
    );
  }
  if (phase.kind === 'connected') {
    const { session } = phase;
    return (
      <p className="form-message form-ok" role="status" data-testid="settings-backend-result">
        {t('settings.backend.connected', {
          url: session.backendUrl,
          name: session.user.name,
          regions: session.regions.length > 0 ? format.list(session.regions) : t('settings.backend.noRegions'),
        })}
      </p>
    );
  }
  if (phase.kind === 'signedOut') {
    return (
      <p className="form-message form-ok" role="status" data-testid="settings-backend-result">
        {phase.purged ? t('settings.backend.signedOutPurged') : t('settings.backend.signedOut')}
      </p>
    );
  }
  return null;

  function failureText(reason: FailureReason, url: string): string {
    if (reason === 'invalidUrl' || reason === 'missingToken' || reason === 'keyring')
      return t(`settings.backend.errors.${reason}`);
    if (reason === 'coreGone') return t('errors.UNAVAILABLE');
    if (isBackendErrorCode(reason)) return t(`settings.backend.errors.${reason}`, { url });
    return t(`errors.${reason}`);
  }
}
