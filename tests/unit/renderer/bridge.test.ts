// @vitest-environment jsdom
// Web bridge setup: the token is taken from the URL fragment, kept for reloads and removed from the URL.
import { describe, expect, it, vi } from 'vitest';
import { takeWebToken, webSocketUrl, type WebLocationEnv } from '../../../src/renderer/src/lib/bridge';

function env(hash: string, stored: string | null = null) {
  const storage = new Map<string, string>(stored ? [['outpost.webToken', stored]] : []);
  const replaceState = vi.fn();
  const value: WebLocationEnv = {
    location: { hash, pathname: '/', search: '', host: '127.0.0.1:4321', protocol: 'http:' },
    history: { replaceState },
    storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) },
  };
  return { value, storage, replaceState };
}

describe('web token', () => {
  it('reads #token=..., stores it and replaces the fragment with the default route', () => {
    const { value, storage, replaceState } = env('#token=abc%2Fdef');
    expect(takeWebToken(value)).toBe('abc/def');
    expect(storage.get('outpost.webToken')).toBe('abc/def');
    expect(replaceState).toHaveBeenCalledWith(null, '', '/#/war-room');
  });

  it('falls back to the stored token after a reload, leaving the route alone', () => {
    const { value, replaceState } = env('#/packs', 'stored');
    expect(takeWebToken(value)).toBe('stored');
    expect(replaceState).not.toHaveBeenCalled();
  });

  it('a new token in the URL wins over the stored one', () => {
    expect(takeWebToken(env('#token=new', 'old').value)).toBe('new');
  });

  it('returns null when there is no token anywhere', () => {
    expect(takeWebToken(env('').value)).toBeNull();
  });
});

describe('web socket url', () => {
  it('uses the page origin, ws for http and wss for https, and encodes the token', () => {
    expect(webSocketUrl({ host: '127.0.0.1:4321', protocol: 'http:' }, 'a b')).toBe('ws://127.0.0.1:4321/rpc?token=a%20b');
    expect(webSocketUrl({ host: 'example.test', protocol: 'https:' }, 't')).toBe('wss://example.test/rpc?token=t');
    expect(webSocketUrl({ host: 'h', protocol: 'http:' }, null)).toBe('ws://h/rpc');
  });
});
