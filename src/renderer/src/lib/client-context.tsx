// React access to core: the typed client and the connection monitor, provided once at the app root.
import { createContext, useContext, useEffect, useSyncExternalStore, type ReactNode } from 'react';
import type { OutpostClient } from '../../../shared/api/client';
import type { ConnectionMonitor } from './connection';

interface CoreContextValue {
  client: OutpostClient;
  connection: ConnectionMonitor;
}

const CoreContext = createContext<CoreContextValue | null>(null);

export function ClientProvider({ client, connection, children }: CoreContextValue & { children: ReactNode }) {
  return <CoreContext.Provider value={{ client, connection }}>{children}</CoreContext.Provider>;
}

function useCore(): CoreContextValue {
  const value = useContext(CoreContext);
  if (!value) throw new Error('useClient() must be used inside <ClientProvider>');
  return value;
}

/** The typed core API client. */
export function useClient(): OutpostClient {
  return useCore().client;
}

/** The connection monitor itself, for code that must read the latest value inside a callback. */
export function useConnection(): ConnectionMonitor {
  return useCore().connection;
}

/** True while core is reachable; re-renders when that changes. */
export function useConnected(): boolean {
  const { connection } = useCore();
  return useSyncExternalStore(connection.subscribe, connection.isConnected);
}

/**
 * Runs `load` now and again each time the connection comes back, because pushed events may have been
 * missed while it was down. `load` should be stable (wrap it in useCallback).
 */
export function useReloadOnReconnect(load: () => void): void {
  const { connection } = useCore();
  useEffect(() => {
    load();
    let wasConnected = connection.isConnected();
    return connection.subscribe(() => {
      const now = connection.isConnected();
      if (now && !wasConnected) load();
      wasConnected = now;
    });
  }, [connection, load]);
}
