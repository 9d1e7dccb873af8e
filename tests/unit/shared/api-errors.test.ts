// The wire form of API errors: a reason (a machine-readable cause under the code) survives every hop — the thrown
// OutpostError, its plain data, the response envelope a transport validates — and a reason outside the catalog
// fails validation rather than reach a caller that would branch on it.
import { describe, expect, it } from 'vitest';
import { OutpostError } from '../../../src/shared/api/errors';
import { errorResponse, rpcResponseSchema } from '../../../src/shared/api/rpc';

describe('API error reasons', () => {
  it('round-trip through the data form and the response envelope', () => {
    const sent = new OutpostError({ code: 'UNAVAILABLE', reason: 'KEYRING_REFUSED', message: 'no keyring' });
    const envelope = rpcResponseSchema.parse(JSON.parse(JSON.stringify(errorResponse(7, sent.toData()))));
    expect(envelope.ok).toBe(false);
    const received = new OutpostError(envelope.ok ? { code: 'INTERNAL', message: '' } : envelope.error);
    expect(received.reason).toBe('KEYRING_REFUSED');
    expect(received.toData()).toEqual({ code: 'UNAVAILABLE', reason: 'KEYRING_REFUSED', message: 'no keyring' });
  });

  it('are optional: an error without one has none in its data', () => {
    expect(new OutpostError({ code: 'TIMEOUT', message: 'slow' }).toData()).toEqual({ code: 'TIMEOUT', message: 'slow' });
  });

  it('outside the catalog fail validation', () => {
    const bad = { id: 1, ok: false, error: { code: 'UNAVAILABLE', reason: 'DISK_FULL', message: 'x' } };
    expect(rpcResponseSchema.safeParse(bad).success).toBe(false);
  });
});
