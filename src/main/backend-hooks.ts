// Relay hooks that keep the saved backend in step with core: a window's successful `sync.configure` is saved
// (encrypted) and a successful `sync.signOut` forgets it. Where the token cannot be kept safely, `sync.configure`
// is refused before core sees it, so core never switches to a backend that would be lost at the next start.
import type { ApiErrorData } from '../shared/api/errors';
import { methods } from '../shared/api/methods';
import { errorResponse, type RpcRequest } from '../shared/api/rpc';
import type { RelayHooks } from './ipc-relay';
import { TokenStorageRefusedError, type TokenStore } from './token-store';

export interface BackendHooksOptions {
  store: Pick<TokenStore, 'refusal' | 'save' | 'clear'>;
  /** A window's sign-in or sign-out is on its way to core: it wins over main resuming the saved backend. */
  onUserChange?: () => void;
}

/**
 * Failures are answered as UNAVAILABLE with a message for the user. Why that code: the contract has no
 * "storage" code and the cause is of that kind (a service this computer lacks right now). A keyring refusal also
 * carries reason KEYRING_REFUSED, so the renderer explains it in its own words (its generic UNAVAILABLE text, "can't
 * reach the backend", would mislead here) without reading this English message.
 */
export function createBackendHooks(options: BackendHooksOptions): RelayHooks {
  const { store } = options;
  return {
    onRequest(request) {
      if (request.method !== 'sync.configure' && request.method !== 'sync.signOut') return undefined;
      const refused = request.method === 'sync.configure' ? store.refusal() : null;
      if (refused !== null) return errorResponse(request.id, { ...unavailable(refused), reason: 'KEYRING_REFUSED' });
      options.onUserChange?.();
      return undefined;
    },
    onReply(request, response) {
      if (!response.ok) return response; // core did not switch (or sign out): the saved backend stays as it was
      try {
        if (request.method === 'sync.configure') store.save(configureParams(request));
        else if (request.method === 'sync.signOut') store.clear();
        return response;
      } catch (err) {
        const reason = err instanceof TokenStorageRefusedError ? ({ reason: 'KEYRING_REFUSED' } as const) : {};
        return errorResponse(response.id, { ...unavailable(failureMessage(request.method, err)), ...reason });
      }
    },
  };
}

function configureParams(request: RpcRequest): { backendUrl: string; token: string } {
  // Core accepted these params, so they parse; saved as sent, because core keys the replica by that URL.
  const { backendUrl, token } = methods['sync.configure'].params.parse(request.params);
  return { backendUrl, token };
}

function unavailable(message: string): ApiErrorData {
  return { code: 'UNAVAILABLE', message };
}

function failureMessage(method: string, err: unknown): string {
  if (err instanceof TokenStorageRefusedError) return err.message;
  const why = err instanceof Error ? err.message : String(err);
  return method === 'sync.configure'
    ? `Connected for this session only: Outpost could not save the backend settings (${why}), so it will not reconnect after a restart.`
    : `Signed out, but Outpost could not delete the saved backend settings (${why}); it may sign in again at the next start.`;
}
