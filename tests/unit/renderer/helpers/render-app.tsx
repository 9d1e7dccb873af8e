// Renders the whole renderer App against a FakeCore, at a given route, the way main.tsx wires it.
import { render, type RenderResult } from '@testing-library/react';
import type { i18n as I18n } from 'i18next';
import { createClient } from '../../../../src/shared/api/client';
import { resolveLocale } from '../../../../src/shared/domain/settings';
import { App } from '../../../../src/renderer/src/App';
import { createI18n } from '../../../../src/renderer/src/i18n/create-i18n';
import { createConnectionMonitor, monitorClient, type ConnectionMonitor } from '../../../../src/renderer/src/lib/connection';
import { FakeCore, type FakeCoreOptions } from './fake-core';

export interface RenderAppOptions extends FakeCoreOptions {
  route?: string;
  /** Runs on the fresh i18n instance before the first render (e.g. to install a pseudo-locale). */
  prepareI18n?: (i18n: I18n) => void;
}

export interface RenderedApp extends RenderResult {
  core: FakeCore;
  i18n: I18n;
  connection: ConnectionMonitor;
}

export function renderApp(options: RenderAppOptions = {}): RenderedApp {
  window.location.hash = `#${options.route ?? '/war-room'}`;
  const core = new FakeCore(options);
  const connection = createConnectionMonitor();
  const client = monitorClient(createClient(core), connection);
  const i18n = createI18n(resolveLocale(core.settings.locale, navigator.languages));
  options.prepareI18n?.(i18n);
  const result = render(<App client={client} connection={connection} i18n={i18n} initialSettings={core.settings} />);
  return { ...result, core, i18n, connection };
}

/** Undo what the app does to the document between tests. */
export function resetDocument(): void {
  document.documentElement.removeAttribute('lang');
  document.documentElement.removeAttribute('data-theme');
  document.documentElement.removeAttribute('style');
  document.title = '';
  window.location.hash = '';
}
