// Deterministic demo users and bearer tokens for the reference backend: two directors with different regions, an
// admin with every region, and a director whose token has expired. Region ids are exported for hosts and tests.
import { SCALES } from './scales';
import type { DemoScale } from './types';
import { NATIONAL_REGION, REGION_DEFS } from './vocab';

export const REGION_NATIONAL = NATIONAL_REGION.id;
export const REGION_EAST = 'rg-east';
export const REGION_SOUTH = 'rg-south';
export const REGION_NORTH = 'rg-north';
export const REGION_SOUTHWEST = 'rg-southwest';
export const REGION_CENTRAL = 'rg-central';
export const REGION_NORTHWEST = 'rg-northwest';
export const REGION_NORTHEAST = 'rg-northeast';
export const REGION_WEST = 'rg-west';
export const REGION_JINGJIN = 'rg-jingjin';
export const REGION_CHUANYU = 'rg-chuanyu';

/** Every region id the generator can produce (scale M/L), national root first. */
export const ALL_REGION_IDS: readonly string[] = [REGION_NATIONAL, ...REGION_DEFS.map((r) => `rg-${r.key}`)];

export interface DemoUser {
  id: string;
  name: string;
  role: 'director' | 'admin';
  token: string;
  /** Region ids the token grants. */
  regions: readonly string[];
  /** Epoch ms after which the token is refused (401), or null for no expiry. */
  expiresAt: number | null;
}

/** 2020-01-01T00:00:00Z: long past, and fixed so the demo users are identical on every run. */
export const EXPIRED_AT = Date.UTC(2020, 0, 1);

export const DEMO_USERS: readonly DemoUser[] = [
  {
    id: 'demo-director',
    name: '陈晓东',
    role: 'director',
    token: 'demo-director-token',
    regions: [REGION_EAST, REGION_SOUTH],
    expiresAt: null,
  },
  {
    id: 'demo-director-2',
    name: '林若曦',
    role: 'director',
    token: 'demo-director-2-token',
    regions: [
      REGION_NORTH,
      REGION_SOUTHWEST,
      REGION_CENTRAL,
      REGION_NORTHWEST,
      REGION_NORTHEAST,
      REGION_WEST,
      REGION_JINGJIN,
      REGION_CHUANYU,
    ],
    expiresAt: null,
  },
  { id: 'demo-admin', name: '系统管理员', role: 'admin', token: 'demo-admin-token', regions: ALL_REGION_IDS, expiresAt: null },
  {
    id: 'demo-expired',
    name: '过期账号',
    role: 'director',
    token: 'demo-expired-token',
    regions: [REGION_EAST],
    expiresAt: EXPIRED_AT,
  },
];

/** User id → token, e.g. for the server's `demoTokens`. */
export const DEMO_TOKENS: Readonly<Record<string, string>> = Object.fromEntries(DEMO_USERS.map((u) => [u.id, u.token]));

/** The demo users with their grants narrowed to the regions `scale` generates (demo: the national root + 5). */
export function demoUsersFor(scale: DemoScale): DemoUser[] {
  const existing = new Set(ALL_REGION_IDS.slice(0, SCALES[scale].regions + 1));
  return DEMO_USERS.map((u) => ({ ...u, regions: u.regions.filter((r) => existing.has(r)) }));
}

export function findDemoUserByToken(token: string): DemoUser | undefined {
  return DEMO_USERS.find((u) => u.token === token);
}
