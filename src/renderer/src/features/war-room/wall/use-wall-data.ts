// React side of the wall's data store: one store per wall, fed by `data.changed` (and by a reconnect, since
// events may have been missed while core was away), told which scene is on screen and which comes next.
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { WallSceneId } from '../../../../../shared/domain/wall';
import { useClient, useConnection } from '../../../lib/client-context';
import { SCENES } from '../scenes/registry';
import { WallDataStore, type WallDataState } from './wall-data-store';

export interface WallData {
  state: WallDataState;
  freeze(scenes: readonly WallSceneId[]): void;
  unfreeze(): void;
}

export function useWallData(scene: WallSceneId | null, next: WallSceneId | null): WallData {
  const client = useClient();
  const connection = useConnection();
  const [store] = useState(() => new WallDataStore(client, (id) => SCENES[id].method));

  useEffect(() => {
    store.start();
    const offData = client.on('data.changed', () => store.dataChanged());
    let wasConnected = connection.isConnected();
    const offConnection = connection.subscribe(() => {
      const connected = connection.isConnected();
      if (connected && !wasConnected) store.dataChanged();
      wasConnected = connected;
    });
    return () => {
      offData();
      offConnection();
      store.stop();
    };
  }, [store, client, connection]);

  useEffect(() => {
    if (scene) store.show(scene, next);
  }, [store, scene, next]);

  const state = useSyncExternalStore(store.subscribe, store.getState);
  const [actions] = useState(() => ({
    freeze: (scenes: readonly WallSceneId[]) => store.freeze(scenes),
    unfreeze: () => store.unfreeze(),
  }));
  return { state, ...actions };
}
