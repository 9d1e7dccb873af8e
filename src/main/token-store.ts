// The saved backend (URL + token) in <userData>/backend.json, encrypted with Electron's safeStorage (OS keyring).
// It refuses to save where safeStorage would not really protect it, so the token is never on disk in plain text.
// safeStorage and the file path are injected: this runs in Node tests without Electron.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

/** The parts of Electron's safeStorage the store uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  /** Linux only (Electron does not define it elsewhere, so it is only called on Linux). */
  getSelectedStorageBackend(): string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export interface StoredBackend {
  backendUrl: string;
  token: string;
}

export interface TokenStoreOptions {
  safeStorage: SafeStorageLike;
  /** Absolute path of backend.json (see paths.ts backendFile). */
  file: string;
  platform?: NodeJS.Platform;
}

export interface TokenStore {
  /** Why a token cannot be kept safely on this computer now, or null when it can. */
  refusal(): string | null;
  /** Encrypt and write atomically; throws TokenStorageRefusedError (nothing written) when refusal() is not null. */
  save(backend: StoredBackend): void;
  /** A backend file exists, whether or not this session can decrypt it. */
  has(): boolean;
  /** The saved backend, null when none; throws when the file is unreadable or cannot be decrypted. */
  load(): StoredBackend | null;
  /** Forget the saved backend (no error when there is none). */
  clear(): void;
}

export class TokenStorageRefusedError extends Error {
  override name = 'TokenStorageRefusedError';
}

const FILE_VERSION = 1;
const fileSchema = z.strictObject({ version: z.literal(FILE_VERSION), encrypted: z.base64().min(1) });
const backendSchema = z.strictObject({ backendUrl: z.string().min(1), token: z.string().min(1) });

/**
 * Why 'basic_text' is refused: Electron then "encrypts" with a password hard-coded in Chromium, which any program
 * running as this user can undo, i.e. plain text with extra steps. 'unknown' means safeStorage is not ready yet.
 */
const WEAK_LINUX_BACKENDS: ReadonlySet<string> = new Set(['basic_text', 'unknown']);

export function createTokenStore(options: TokenStoreOptions): TokenStore {
  const { safeStorage, file } = options;
  const platform = options.platform ?? process.platform;

  const refusal = (): string | null => {
    if (!safeStorage.isEncryptionAvailable()) return refusalMessage('system encryption is not available', platform);
    if (platform !== 'linux') return null;
    const backend = safeStorage.getSelectedStorageBackend();
    if (!WEAK_LINUX_BACKENDS.has(backend)) return null;
    return refusalMessage(`Electron would fall back to its plain-text '${backend}' storage`, platform);
  };

  return {
    refusal,
    save(backend) {
      const refused = refusal();
      if (refused !== null) throw new TokenStorageRefusedError(refused);
      const encrypted = safeStorage.encryptString(JSON.stringify(backendSchema.parse(backend))).toString('base64');
      writeAtomically(file, JSON.stringify({ version: FILE_VERSION, encrypted }));
    },
    has: () => existsSync(file),
    load() {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
      const stored = fileSchema.parse(JSON.parse(text));
      const backend: unknown = JSON.parse(safeStorage.decryptString(Buffer.from(stored.encrypted, 'base64')));
      const { backendUrl, token } = backendSchema.parse(backend);
      return { backendUrl, token };
    },
    clear() {
      rmSync(file, { force: true });
    },
  };
}

export function refusalMessage(reason: string, platform: NodeJS.Platform): string {
  const hint =
    platform === 'linux'
      ? 'Install/unlock a keyring (GNOME Keyring or KWallet) and try again.'
      : "Make sure the system's keychain is available and unlocked, then try again.";
  return `Outpost can't store the backend token safely on this computer: no system keyring (${reason}). ${hint}`;
}

/** Write a temp file next to `file` (owner-only), flush it, then rename over `file`: readers see old or new, never half. */
function writeAtomically(file: string, contents: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  try {
    const fd = openSync(temp, 'w', 0o600);
    try {
      writeSync(fd, contents);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}
