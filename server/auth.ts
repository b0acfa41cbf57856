// Secrets of enrolment: one-time codes and device tokens (made here, stored only as SHA-256
// hashes), and the token's principal for the access policy (src/domain/access), whose refusals it
// words. Never logs or stores a secret in clear.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Op } from '../src/domain/sync/op.ts';
import { communeOfKey } from '../src/domain/keys.ts';
import { parseKey, type Problem, type SyncBatch } from '../src/domain/sync/protocol.ts';
import { parseHlc } from '../src/domain/sync/hlc.ts';
import { writeRefusal as policyWriteRefusal, type Principal, type ReadRefusal, type WriteRefusal } from '../src/domain/access/index.ts';
import { randomCode } from './random-code.ts';
import type { TokenGrant } from './store/store.ts';

/** SHA-256 hex of a secret; what the store keeps instead of the secret. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** A device token: 32 random bytes, base64url. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A fresh enrolment code, 12 Crockford characters shown as XXXX-XXXX-XXXX (60 bits). */
export function newEnrolCode(): { code: string; id: string } {
  const raw = randomCode(12);
  return { code: `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`, id: randomUUID() };
}

/** A code as typed by a person: case, spaces and dashes ignored; O→0, I/L→1 as Crockford reads. */
export function normalizeCode(typed: string): string {
  return typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

/** The hash the store keeps for a code (of its normal form, so typing variants match). */
export function codeHash(typed: string): string {
  return hashSecret(`code:${normalizeCode(typed)}`);
}

/** The access policy's principal of a token (src/domain/access). */
export function principalOf(grant: TokenGrant): Principal {
  return { role: grant.role, commune: grant.commune, province: grant.province, villages: grant.role === 'collector' ? grant.villages : null };
}

/** A refusal of the access policy in Vietnamese and English. */
export function refusalText(r: WriteRefusal | ReadRefusal): { vi: string; en: string } {
  switch (r.code) {
    case 'readOnlyRole': return { vi: 'Vai trò này chỉ được xem, không được sửa số liệu', en: 'This role is read-only' };
    case 'otherCommune': return { vi: 'Số liệu thuộc xã khác', en: 'The data belongs to another commune' };
    case 'otherProvince': return { vi: 'Số liệu thuộc xã của tỉnh khác', en: 'The data belongs to a commune of another province' };
    case 'officerOnly': return { vi: 'Chỉ cán bộ phụ trách cấp xã được sửa mục này', en: 'Only the commune officer may change this' };
    case 'notWriter': return { vi: 'Vai trò này không được sửa mục này', en: 'This role may not change this' };
    case 'lockOfficerOnly':
      return { vi: 'Chỉ cán bộ phụ trách cấp xã được ghi cuộc họp xét, khóa hoặc mở lại năm', en: 'Only the commune officer may record the meeting, lock or reopen the year' };
    case 'villageScope':
      return r.village === undefined
        ? { vi: 'Người thu thập theo thôn chỉ được sửa số liệu của thôn mình', en: 'A village collector may only change their villages' }
        : { vi: `Không được sửa số liệu của thôn ${r.village}`, en: `Not allowed to change village ${r.village}` };
    case 'yearLocked': return { vi: 'Năm này đã khóa hồ sơ', en: 'This year is locked' };
  }
}

/**
 * Why this token may not write this op (Vietnamese + English), or null when it may: the access
 * policy asked with the op's entity, commune, village and fields. The op has already passed
 * validateBatch, so its key parses. `provinceOf` gives the province of a commune other than the
 * token's (a province reviewer's reach); unknown ones are another province's.
 */
export function writeRefusal(grant: TokenGrant, op: Op, provinceOf: (commune: string) => string | null = () => null): Omit<Problem, 'path' | 'opId'> | null {
  const parts = parseKey(op.entity, op.key);
  const village = 'village' in parts ? parts.village : undefined;
  const commune = communeOfKey(op.key);
  const province = commune === grant.commune ? grant.province : provinceOf(commune);
  const why = policyWriteRefusal(principalOf(grant), { entity: op.entity, commune, province, village, fields: op.fields });
  return why ? refusalText(why) : null;
}

/**
 * Problems when a batch speaks for another device than the token's: its `deviceId`, or an op's
 * clock node. A stamp under another device's node would replace that device's own value in the
 * merge (per node, last write wins) without a conflict, so it is refused, not re-stamped.
 */
export function identityRefusals(grant: TokenGrant, batch: SyncBatch): Problem[] {
  if (!grant.deviceId) {
    return [{ path: 'deviceId', vi: 'Thiết bị đăng ký không kèm mã thiết bị nên chưa được gửi số liệu; hãy đăng ký lại bằng ứng dụng', en: 'This token was issued without a device id and cannot send ops; enrol again from the app' }];
  }
  const out: Problem[] = [];
  if (batch.deviceId !== grant.deviceId) {
    out.push({ path: 'deviceId', vi: 'Lô dữ liệu mang mã của một thiết bị khác', en: 'The batch names another device' });
  }
  batch.ops.forEach((op, i) => {
    if (parseHlc(op.hlc).node !== grant.deviceId) {
      out.push({ opId: op.opId, path: `ops[${i}].hlc`, vi: 'Thay đổi được ghi trên một thiết bị khác; chỉ thiết bị đó được gửi nó', en: 'The op was made on another device; only that device may send it' });
    }
  });
  return out;
}
