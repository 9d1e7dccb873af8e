// The connection monitor behind the "lost connection to core" banner: a transport failure means core is gone,
// but UNAVAILABLE/TIMEOUT from a method that reaches the sync backend may be about the backend, so core is asked.
import { describe, expect, it } from 'vitest';
import { createClient } from '../../../src/shared/api/client';
import { createConnectionMonitor, monitorClient } from '../../../src/renderer/src/lib/connection';
import { FakeCore } from './helpers/fake-core';

function setup() {
  const core = new FakeCore();
  const monitor = createConnectionMonitor();
  const client = monitorClient(createClient(core), monitor);
  return { core, monitor, client };
}

describe('monitorClient', () => {
  it('a transport failure reports core as gone; the next answer as back', async () => {
    const { core, monitor, client } = setup();
    core.unreachable = true;
    await expect(client.call('settings.get', {})).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(monitor.isConnected()).toBe(false);
    core.unreachable = false;
    await client.call('settings.get', {});
    expect(monitor.isConnected()).toBe(true);
  });

  it.each(['UNAVAILABLE', 'TIMEOUT'] as const)('%s from sync.configure with core alive keeps core connected', async (code) => {
    const { core, monitor, client } = setup();
    core.failNext('sync.configure', { code, message: 'backend unreachable' });
    await expect(client.call('sync.configure', { backendUrl: 'http://127.0.0.1:9', token: 't' })).rejects.toMatchObject({ code });
    expect(monitor.isConnected()).toBe(true);
    expect(core.callsOf('app.info')).toHaveLength(1);
  });

  it('UNAVAILABLE from sync.now with core gone reports it gone', async () => {
    const { core, monitor, client } = setup();
    core.unreachable = true;
    await expect(client.call('sync.now', {})).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(monitor.isConnected()).toBe(false);
  });

  it('a refusal (UNAUTHORIZED) proves core is there without asking it', async () => {
    const { core, monitor, client } = setup();
    monitor.report(false);
    core.failNext('sync.configure', { code: 'UNAUTHORIZED', message: 'token refused' });
    await expect(client.call('sync.configure', { backendUrl: 'http://127.0.0.1:9', token: 't' })).rejects.toThrow();
    expect(monitor.isConnected()).toBe(true);
    expect(core.callsOf('app.info')).toHaveLength(0);
  });
});
