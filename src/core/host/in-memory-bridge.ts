// In-memory transport: an OutpostBridge wired straight to a Core. Messages are cloned both ways so
// tests see exactly what a serializing transport would carry (no shared object references).
import type { OutpostBridge } from '../../shared/api/bridge';
import type { Core } from '../core';

export function createInMemoryBridge(core: Core): OutpostBridge {
  return {
    invoke: async (request) => structuredClone(await core.dispatch(structuredClone(request))),
    onEvent: (listener) => core.subscribe((event) => listener(structuredClone(event))),
  };
}
