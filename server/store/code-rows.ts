// The codes table's row as both stores read it (same columns, same types: times in ms, villages
// as JSON text), and its two readings — an enrolment code for the admin CLI, a token's grant.
import type { Role } from '../../src/domain/sync/protocol.ts';
import type { CodeRecord, TokenGrant } from './store.ts';

export interface CodeRow {
  id: string;
  commune: string;
  role: Role;
  villages: string | null;
  person: string;
  created_at: number;
  used_at: number | null;
  revoked_at: number | null;
  expires_at: number | null;
  device_id: string | null;
  device_name: string | null;
}

const villagesOf = (r: CodeRow): string[] | null => (r.villages === null ? null : (JSON.parse(r.villages) as string[]));

export const toCode = (r: CodeRow): CodeRecord => ({
  id: r.id,
  commune: r.commune,
  role: r.role,
  villages: villagesOf(r),
  person: r.person,
  createdAt: r.created_at,
  usedAt: r.used_at,
  revokedAt: r.revoked_at,
  expiresAt: r.expires_at,
  deviceId: r.device_id,
  deviceName: r.device_name,
});

export const toGrant = (r: CodeRow & { province: string }): TokenGrant => ({
  id: r.id,
  commune: r.commune,
  province: r.province,
  role: r.role,
  villages: villagesOf(r),
  person: r.person,
  deviceId: r.device_id,
  deviceName: r.device_name,
});
