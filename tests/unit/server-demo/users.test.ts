// Demo users and tokens are fixed, and their region grants match the regions the generator produces.
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../../src/server/demo/plan';
import {
  ALL_REGION_IDS,
  DEMO_TOKENS,
  DEMO_USERS,
  REGION_CENTRAL,
  REGION_EAST,
  REGION_NATIONAL,
  REGION_SOUTH,
  demoUsersFor,
  findDemoUserByToken,
} from '../../../src/server/demo/users';
import { NOW } from './dataset';

describe('demo users', () => {
  it('has the director, a second director, an admin and an expired token', () => {
    expect(findDemoUserByToken('demo-director-token')).toMatchObject({
      id: 'demo-director',
      role: 'director',
      regions: [REGION_EAST, REGION_SOUTH],
    });
    const second = DEMO_USERS.find((u) => u.id === 'demo-director-2')!;
    expect(second.regions).not.toContain(REGION_EAST);
    expect(second.regions).toContain(REGION_CENTRAL);
    expect(findDemoUserByToken('demo-admin-token')?.regions).toEqual(ALL_REGION_IDS);
    const expired = findDemoUserByToken('demo-expired-token')!;
    expect(expired.expiresAt).not.toBeNull();
    expect(expired.expiresAt!).toBeLessThan(Date.now());
    expect(DEMO_TOKENS['demo-director']).toBe('demo-director-token');
    expect(new Set(DEMO_USERS.map((u) => u.token)).size).toBe(DEMO_USERS.length);
    expect(findDemoUserByToken('nope')).toBeUndefined();
  });

  it('uses region ids the generator produces, narrowed per scale', () => {
    const ids = (scale: 'demo' | 'M'): string[] => [
      REGION_NATIONAL,
      ...buildPlan({ scale, seed: 1, now: NOW }).regions.map((r) => r.id),
    ];
    expect(ids('M')).toEqual(ALL_REGION_IDS);
    const demoIds = new Set(ids('demo'));
    for (const user of demoUsersFor('demo')) {
      expect(user.regions.every((r) => demoIds.has(r))).toBe(true);
      expect(user.regions.length).toBeGreaterThan(0);
    }
    expect(demoUsersFor('demo').find((u) => u.id === 'demo-director')?.regions).toEqual([REGION_EAST, REGION_SOUTH]);
  });
});
