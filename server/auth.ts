// Secrets of enrolment: one-time codes and device tokens (made here, stored only as SHA-256
// hashes), and the token's principal for the access policy (src/domain/access), whose refusals it
// passes on as problem codes (the catalog words them). Never logs or stores a secret in clear.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Op } from '../src/domain/sync/op.ts';
import { communeOfKey } from '../src/domain/keys.ts';
import { parseKey, type Problem, type SyncBatch } from '../src/domain/sync/protocol.ts';
import type { ProblemParams } from '../src/domain/schemas/problems.ts';
import { hlcNode } from '../src/domain/sync/hlc.ts';
import { writeRefusal as policyWriteRefusal, type Principal, type ReadRefusal, type WriteRefusal } from '../src/domain/access/index.ts';
import { randomCode } from './random-code.ts';
import { sha256Hex } from './sha256.ts';
import type { TokenGrant } from './store/store.ts';

/** SHA-256 hex of a secret; what the store keeps instead of the secret. */
export function hashSecret(secret: string): string {
  return sha256Hex(secret);
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

/** The access policy's principal of a token (src/domain/access); one per grant, asked for every op. */
export function principalOf(grant: TokenGrant): Principal {
  let p = principals.get(grant);
  if (!p) principals.set(grant, (p = { role: grant.role, commune: grant.commune, province: grant.province, villages: grant.role === 'collector' ? grant.villages : null }));
  return p;
}
const principals = new WeakMap<TokenGrant, Principal>();

/** A refusal of the access policy as a problem code of the catalog (src/i18n says it) with its parameters. */
export function refusalProblem(r: WriteRefusal | ReadRefusal): Omit<Problem, 'path' | 'opId'> {
  const { code, ...params } = r;
  return Object.keys(params).length ? { code: `pb.access.${code}`, params: params as ProblemParams } : { code: `pb.access.${code}` };
}

/**
 * Why this token may not write this op (a problem code), or null when it may: the access
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
  return why ? refusalProblem(why) : null;
}

/**
 * Problems when a batch speaks for another device than the token's: its `deviceId`, or an op's
 * clock node. A stamp under another device's node would replace that device's own value in the
 * merge (per node, last write wins) without a conflict, so it is refused, not re-stamped.
 */
export function identityRefusals(grant: TokenGrant, batch: SyncBatch): Problem[] {
  if (!grant.deviceId) {
    return [{ path: 'deviceId', code: 'pb.auth.noDevice' }];
  }
  const out: Problem[] = [];
  if (batch.deviceId !== grant.deviceId) {
    out.push({ path: 'deviceId', code: 'pb.auth.otherDevice' });
  }
  batch.ops.forEach((op, i) => {
    if (hlcNode(op.hlc) !== grant.deviceId) {
      out.push({ opId: op.opId, path: `ops[${i}].hlc`, code: 'pb.auth.otherDeviceOp' });
    }
  });
  return out;
}
