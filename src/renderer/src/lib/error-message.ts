// Turns any failure into words for the user: core API errors by their stable code (catalog `errors.*`),
// anything else as INTERNAL, so raw English or stack text never reaches the UI; sync failures by their kind.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { OutpostError } from '../../../shared/api/errors';
import type { SyncStatus } from '../../../shared/domain/sync-status';

export function useErrorMessage(): (err: unknown) => string {
  const { t } = useTranslation();
  return useCallback((err: unknown) => t(`errors.${err instanceof OutpostError ? err.code : 'INTERNAL'}`), [t]);
}

/** A sync failure in words: `text` in the UI language, `detail` core's English account labelled (for a tooltip). */
export interface SyncErrorText {
  text: string;
  detail: string | null;
}

/**
 * The last sync error of a status in the user's language, by its kind (catalog `chrome.sync.errorKind.*`), with
 * core's English message (host, HTTP status…) as the detail; null when there is none. A status without a kind
 * (a core that predates it) shows core's message as it is: better than hiding the only account of what failed.
 */
export function useSyncErrorText(): (status: Pick<SyncStatus, 'lastError' | 'lastErrorKind'>) => SyncErrorText | null {
  const { t } = useTranslation();
  return useCallback(
    ({ lastError, lastErrorKind }) => {
      if (!lastError) return null;
      if (!lastErrorKind) return { text: lastError, detail: null };
      return { text: t(`chrome.sync.errorKind.${lastErrorKind}`), detail: t('chrome.sync.errorDetail', { detail: lastError }) };
    },
    [t],
  );
}
