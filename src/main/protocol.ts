// The app:// scheme: serves the built renderer from disk with our CSP, and nothing outside that directory.
// A privileged standard scheme (rather than file://) gives the page a real origin the relay can check.
import { isAbsolute, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { buildCsp } from '../shared/security/csp';
import { APP_HOST, APP_SCHEME } from './app-origin';

/** Must run before `app` is ready (Electron only accepts scheme privileges then). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // No bypassCSP: our own pages obey the CSP like any web page. No service workers.
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

/** Install the app:// handler (after ready). */
export function registerAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(rendererDir));
}

export function createAppRequestHandler(rendererDir: string): (request: Request) => Promise<Response> {
  const csp = buildCsp();
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, csp);
    const file = resolveInside(rendererDir, request.url);
    if (!file) return plain(404, csp);
    let response: Response;
    try {
      response = await net.fetch(pathToFileURL(file).toString());
    } catch {
      return plain(404, csp); // missing file or a directory: net::ERR_FILE_NOT_FOUND
    }
    const headers = new Headers(response.headers);
    setSecurityHeaders(headers, csp);
    return new Response(response.body, { status: response.status, headers });
  };
}

/**
 * Map an app:// URL to a file under `root`, or undefined if it is not ours or escapes `root`.
 * Why decode then re-check: `%2f`/`%5c` survive URL parsing, so `..%2f..%2fsecret` only becomes a traversal after decoding.
 */
export function resolveInside(root: string, url: string): string | undefined {
  let parsed: URL;
  let pathname: string;
  try {
    parsed = new URL(url);
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST || pathname.includes('\0')) return undefined;
  const file = join(root, pathname === '/' || pathname === '' ? 'index.html' : pathname);
  const rel = relative(root, file);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return file;
}

function setSecurityHeaders(headers: Headers, csp: string): void {
  headers.set('Content-Security-Policy', csp);
  headers.set('X-Content-Type-Options', 'nosniff');
}

function plain(status: number, csp: string): Response {
  const headers = new Headers({ 'Content-Type': 'text/plain; charset=utf-8' });
  setSecurityHeaders(headers, csp);
  return new Response(status === 405 ? 'Method not allowed' : 'Not found', { status, headers });
}
