// The only way a URL leaves the app: handed to the OS browser/mail client, and only for an allow-list of schemes.
// Anything else (file:, javascript:, http:, smb:, custom protocol handlers…) could run code or leak data, so it is refused.
import { shell } from 'electron';

const ALLOWED_PROTOCOLS: ReadonlySet<string> = new Set(['https:', 'mailto:']);
const MAX_URL_LENGTH = 2048;

/** True if `url` may be opened outside the app. */
export function isSafeExternalUrl(url: string): boolean {
  if (url.length > MAX_URL_LENGTH) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!ALLOWED_PROTOCOLS.has(parsed.protocol)) return false;
  // Credentials in an https URL are a classic disguise (`https://bank.com@evil.example`).
  if (parsed.protocol === 'https:') return parsed.hostname !== '' && !parsed.username && !parsed.password;
  return true;
}

/** Open `url` in the user's default app if it is allowed; resolves to whether it was handed over. */
export async function openExternalUrl(url: string): Promise<boolean> {
  if (!isSafeExternalUrl(url)) return false;
  try {
    await shell.openExternal(url);
    return true;
  } catch {
    return false; // no handler registered for it on this machine: nothing to do
  }
}
