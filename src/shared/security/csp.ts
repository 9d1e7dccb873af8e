// The Content-Security-Policy both hosts send with the renderer. Strict: only our own scripts;
// inline styles are allowed because ag-grid and echarts inject <style> tags (ENVIRONMENT.md).

export interface CspOptions {
  /** Extra origins the page may connect to (the web host's ws:// origin). */
  connectSrc?: readonly string[];
}

export function buildCsp(options: CspOptions = {}): string {
  const connect = ["'self'", ...(options.connectSrc ?? [])].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
