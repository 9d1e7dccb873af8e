// Which URLs count as "our page": the app:// origin the packaged renderer is served from, and in development
// the electron-vite dev server. Pure (no electron import) so the relay and navigation guards share one check.

export const APP_SCHEME = 'app';
export const APP_HOST = 'outpost';
/** Where the packaged renderer is loaded from; HashRouter keeps every route on this one document. */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export type UrlCheck = (url: string) => boolean;

/**
 * Build the trust check. `devServerUrl` is only passed in development (ELECTRON_RENDERER_URL of an unpackaged app).
 * Compared by scheme and host rather than `URL.origin`, because Node reports origin "null" for custom schemes.
 */
export function createOriginCheck(devServerUrl?: string): UrlCheck {
  const devOrigin = devServerUrl ? new URL(devServerUrl).origin : undefined;
  return (url) => {
    const parsed = parseUrl(url);
    if (!parsed) return false;
    if (parsed.protocol === `${APP_SCHEME}:`) return parsed.host === APP_HOST && !parsed.username && !parsed.password;
    return devOrigin !== undefined && parsed.origin === devOrigin;
  };
}

function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
