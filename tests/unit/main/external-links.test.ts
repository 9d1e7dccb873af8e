// External links: only https: and mailto: ever reach shell.openExternal.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetElectronFake, shell } from './electron-fake';
import { isSafeExternalUrl, openExternalUrl } from '../../../src/main/external-links';

vi.mock('electron', () => import('./electron-fake'));

describe('openExternalUrl', () => {
  beforeEach(() => resetElectronFake());

  it.each([
    'file:///etc/passwd',
    'file://server/share/evil.exe',
    'javascript:alert(1)',
    'http://example.com/',
    'data:text/html,<script>alert(1)</script>',
    'smb://attacker.example/share',
    'ms-msdt:/id PCWDiagnostic',
    'vbscript:msgbox',
    'app://outpost/index.html',
    'https://bank.example@evil.example/',
    'https://user:pw@example.com/',
    'not a url',
    '',
    `https://example.com/${'a'.repeat(3000)}`,
  ])('refuses %s', async (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
    await expect(openExternalUrl(url)).resolves.toBe(false);
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it.each(['https://example.com/docs?a=1#x', 'HTTPS://EXAMPLE.COM/', 'mailto:someone@example.com'])('allows %s', async (url) => {
    await expect(openExternalUrl(url)).resolves.toBe(true);
    expect(shell.openExternal).toHaveBeenCalledExactlyOnceWith(url);
  });

  it('reports false when the OS has no handler', async () => {
    shell.openExternal.mockRejectedValueOnce(new Error('no handler'));
    await expect(openExternalUrl('mailto:x@example.com')).resolves.toBe(false);
  });
});
