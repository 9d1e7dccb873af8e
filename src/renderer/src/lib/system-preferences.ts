// Live OS preferences: the language list and the light/dark scheme. Both can change while the app runs
// (the user changes OS settings), and "system" preferences must follow them.
import { useEffect, useState } from 'react';

const DARK_QUERY = '(prefers-color-scheme: dark)';

function readLanguages(): readonly string[] {
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

/** navigator.languages, updated on the `languagechange` event. */
export function useSystemLanguages(): readonly string[] {
  const [languages, setLanguages] = useState(readLanguages);
  useEffect(() => {
    const onChange = () => setLanguages(readLanguages());
    window.addEventListener('languagechange', onChange);
    return () => window.removeEventListener('languagechange', onChange);
  }, []);
  return languages;
}

function darkQuery(): MediaQueryList | null {
  // jsdom and some embedded hosts have no matchMedia; treat them as light.
  return typeof window.matchMedia === 'function' ? window.matchMedia(DARK_QUERY) : null;
}

/** Whether the OS asks for a dark scheme, following changes live. */
export function useSystemPrefersDark(): boolean {
  const [dark, setDark] = useState(() => darkQuery()?.matches ?? false);
  useEffect(() => {
    const query = darkQuery();
    if (!query) return;
    const onChange = () => setDark(query.matches);
    query.addEventListener('change', onChange);
    onChange();
    return () => query.removeEventListener('change', onChange);
  }, []);
  return dark;
}
