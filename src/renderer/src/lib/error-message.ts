// Turns any failure into words for the user: core API errors by their stable code (catalog `errors.*`),
// anything else as INTERNAL, so raw English or stack text never reaches the UI.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { OutpostError } from '../../../shared/api/errors';

export function useErrorMessage(): (err: unknown) => string {
  const { t } = useTranslation();
  return useCallback((err: unknown) => t(`errors.${err instanceof OutpostError ? err.code : 'INTERNAL'}`), [t]);
}
