// The core API contract suite: every transport must carry the same contract, and no malformed payload on any
// method may crash the host or get anything but a typed error. Run by api-contract.test.ts (in-memory, web host,
// core process) and electron-contract.test.ts (preload → main relay → core process).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../../src/shared/api/client';
import { ERROR_CODES, OutpostError } from '../../../src/shared/api/errors';
import { METHOD_NAMES, methods } from '../../../src/shared/api/methods';
import { DEFAULT_SETTINGS } from '../../../src/shared/domain/settings';
import type { RpcEvent, RpcResponse } from '../../../src/shared/api/rpc';
import { malformedEnvelopes, randomJson, seededRandom } from '../../helpers/fuzz';
import type { TransportUnderTest } from '../../helpers/transports';

const FUZZ_CASES_PER_METHOD = 60;

export function contractSuite(name: string, start: () => Promise<TransportUnderTest>): void {
  describe(`core API over ${name}`, () => {
    let t: TransportUnderTest;
    beforeAll(async () => {
      t = await start();
    });
    afterAll(async () => {
      await t.close();
    });

    const raw = (request: unknown): Promise<RpcResponse> => t.sendRaw(request);

    it('answers app.info with a schema-valid result', async () => {
      const info = await createClient(t.bridge).call('app.info', {});
      expect(info.name).toBe('Outpost');
      expect(info.apiVersion).toBe(1);
      expect(info.replicaSchemaVersion).toBeGreaterThanOrEqual(1);
    });

    it('persists settings and pushes settings.changed to subscribers', async () => {
      const client = createClient(t.bridge);
      const seen: unknown[] = [];
      const off = client.on('settings.changed', (s) => seen.push(s));
      expect(await client.call('settings.get', {})).toEqual(DEFAULT_SETTINGS);
      const updated = await client.call('settings.update', { locale: 'en' });
      expect(updated).toEqual({ ...DEFAULT_SETTINGS, locale: 'en' });
      expect(await client.call('settings.get', {})).toEqual(updated);
      await expect.poll(() => seen).toEqual([updated]);
      off();
      await client.call('settings.update', { theme: 'dark' });
      await new Promise((r) => setTimeout(r, 50));
      expect(seen).toHaveLength(1); // unsubscribed: no second event
    });

    it('gives a typed UNKNOWN_METHOD error for a method that does not exist', async () => {
      const response = await raw({ id: 7, method: 'app.explode', params: {} });
      expect(response).toMatchObject({ id: 7, ok: false, error: { code: 'UNKNOWN_METHOD' } });
    });

    it('reports BAD_REQUEST with the failing field through the typed client', async () => {
      const client = createClient(t.bridge);
      const err = await client.call('settings.update', { locale: 'fr' as never }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OutpostError);
      expect((err as OutpostError).code).toBe('BAD_REQUEST');
      expect((err as OutpostError).issues?.join('\n')).toContain('locale');
    });

    it('answers every malformed envelope with a typed error and keeps serving', async () => {
      for (const envelope of malformedEnvelopes()) {
        const response = await raw(envelope);
        expect(response.ok, JSON.stringify(envelope)).toBe(false);
        if (!response.ok) expect(response.error.code).toBe('BAD_REQUEST');
      }
      expect((await raw({ id: 1, method: 'app.info' })).ok).toBe(true);
    });

    it.each(METHOD_NAMES)('fuzz: malformed params of %s each get BAD_REQUEST, and the host keeps serving', async (method) => {
      const rand = seededRandom(method.length * 7919);
      const schema = methods[method].params;
      let tried = 0;
      while (tried < FUZZ_CASES_PER_METHOD) {
        const params = randomJson(rand);
        // Only payloads that are malformed as they travel: the wire is JSON (a `__proto__` key does not survive it).
        if (params === undefined || schema.safeParse(JSON.parse(JSON.stringify(params))).success) continue;
        tried++;
        const response = await raw({ id: tried, method, params });
        expect(response, `params ${JSON.stringify(params)?.slice(0, 200)}`).toMatchObject({
          id: tried,
          ok: false,
          error: { code: 'BAD_REQUEST' },
        });
        if (!response.ok) expect(ERROR_CODES).toContain(response.error.code);
      }
      const after = await raw({ id: 999, method: 'app.info', params: {} });
      expect(after.ok).toBe(true);
    });

    it('never lets a fuzzed payload change stored settings', async () => {
      const client = createClient(t.bridge);
      const before = await client.call('settings.get', {});
      const rand = seededRandom(42);
      for (let i = 0; i < 40; i++) {
        const params = randomJson(rand);
        if (methods['settings.update'].params.safeParse(JSON.parse(JSON.stringify(params ?? null))).success) continue;
        await raw({ id: i + 1, method: 'settings.update', params });
      }
      expect(await client.call('settings.get', {})).toEqual(before);
    });

    it('delivers events as plain data (no shared references with core)', async () => {
      const events: RpcEvent[] = [];
      const off = t.bridge.onEvent((e) => events.push(e));
      await createClient(t.bridge).call('settings.update', { theme: 'light' });
      await expect.poll(() => events.length).toBeGreaterThan(0);
      off();
      expect(JSON.parse(JSON.stringify(events[0]))).toEqual(events[0]);
    });
  });
}
