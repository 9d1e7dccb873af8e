// Renders a wall scene component the way the shell does (i18n provider, optional region names), for the tests.
import { render, type RenderResult } from '@testing-library/react';
import type { i18n as I18n } from 'i18next';
import type { ReactElement, ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../../../../src/renderer/src/i18n/create-i18n';
import type { Locale } from '../../../../src/shared/domain/settings';

export function renderWithI18n(
  ui: ReactElement,
  locale: Locale = 'en',
  prepare?: (i18n: I18n) => void,
): RenderResult & { i18n: I18n } {
  const i18n = createI18n(locale);
  prepare?.(i18n);
  const result = render(<I18nextProvider i18n={i18n}>{ui}</I18nextProvider>);
  return {
    ...result,
    i18n,
    rerender: (next: ReactNode) => result.rerender(<I18nextProvider i18n={i18n}>{next}</I18nextProvider>),
  };
}
