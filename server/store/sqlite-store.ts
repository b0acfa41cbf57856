// The SQLite Store (better-sqlite3, WAL): the only module that imports the driver.
// Owns the schema and its migrations. Never writes part of a batch: every batch is one transaction.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { canonicalJson, type EntityState } from '../../src/domain/sync/merge.ts';
import { planBatch, stateId } from '../batch-plan.ts';
import type { EntityName, Op } from '../../src/domain/sync/op.ts';
import { MAX_CHANGES_BYTES, type ChangeOp, type CommuneInfo, type Role } from '../../src/domain/sync/protocol.ts';
import { randomCode } from '../random-code.ts';
import type { ApplyBatchInput, ApplyResult, CodeRecord, NewCommune, RedeemResult, Store, TokenGrant } from './store.ts';

/** Schema versions, in order; PRAGMA user_version says how many have run. One comment each: why. */
const MIGRATIONS: string[] = [
  // 1: communes and villages, enrolment codes with the token they became (1:1), the op log with a
  //    per-commune change sequence, merged state per entity/key, and batch receipts.
  `
  CREATE TABLE communes (
    code TEXT PRIMARY KEY, name TEXT NOT NULL, province TEXT NOT NULL,
    seq INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL
  );
  CREATE INDEX communes_province ON communes(province);
  CREATE TABLE villages (
    commune TEXT NOT NULL REFERENCES communes(code), code TEXT NOT NULL, name TEXT NOT NULL,
    ord INTEGER NOT NULL, PRIMARY KEY (commune, code)
  ) WITHOUT ROWID;
  CREATE TABLE codes (
    id TEXT PRIMARY KEY, code_hash TEXT NOT NULL UNIQUE, commune TEXT NOT NULL REFERENCES communes(code),
    role TEXT NOT NULL, villages TEXT, person TEXT NOT NULL, created_at INTEGER NOT NULL,
    used_at INTEGER, revoked_at INTEGER, token_hash TEXT UNIQUE, device_id TEXT, device_name TEXT
  );
  CREATE TABLE ops (
    commune TEXT NOT NULL, seq INTEGER NOT NULL, op_id TEXT NOT NULL UNIQUE,
    entity TEXT NOT NULL, key TEXT NOT NULL, fields TEXT NOT NULL, hlc TEXT NOT NULL, prev TEXT,
    content_hash TEXT NOT NULL, device_id TEXT NOT NULL, batch_id TEXT NOT NULL, token_id TEXT NOT NULL,
    received_at INTEGER NOT NULL, PRIMARY KEY (commune, seq)
  ) WITHOUT ROWID;
  CREATE TABLE entities (
    entity TEXT NOT NULL, key TEXT NOT NULL, commune TEXT NOT NULL, state TEXT NOT NULL,
    seq INTEGER NOT NULL, PRIMARY KEY (entity, key)
  ) WITHOUT ROWID;
  CREATE TABLE batches (
    commune TEXT NOT NULL, device_id TEXT NOT NULL, batch_id TEXT NOT NULL, receipt TEXT NOT NULL UNIQUE,
    token_id TEXT NOT NULL, ops INTEGER NOT NULL, received_at INTEGER NOT NULL,
    PRIMARY KEY (commune, device_id, batch_id)
  ) WITHOUT ROWID;
  `,
  // 2: enrolment codes expire (issue 12: a code lying around for years is a standing invitation);
  //    a receipt belongs to one device's batch id AND its content, so a re-used batch id with other
  //    ops gets its own receipt instead of another batch's. Rows from v1 keep content_hash ''.
  `
  ALTER TABLE codes ADD COLUMN expires_at INTEGER;
  CREATE INDEX codes_device ON codes(device_id) WHERE device_id IS NOT NULL;
  CREATE TABLE batches2 (
    commune TEXT NOT NULL, device_id TEXT NOT NULL, batch_id TEXT NOT NULL, content_hash TEXT NOT NULL,
    receipt TEXT NOT NULL UNIQUE, token_id TEXT NOT NULL, ops INTEGER NOT NULL, received_at INTEGER NOT NULL,
    PRIMARY KEY (commune, device_id, batch_id, content_hash)
  ) WITHOUT ROWID;
  INSERT INTO batches2 SELECT commune, device_id, batch_id, '', receipt, token_id, ops, received_at FROM batches;
  DROP TABLE batches;
  ALTER TABLE batches2 RENAME TO batches;
  `,
];

/** What makes two batches "the same batch": their ops (ids and content), in order. */
export function batchContentHash(opHashes: readonly string[]): string {
  return createHash('sha256').update(opHashes.join('\n')).digest('hex');
}

/** What makes two ops "the same op": everything but the opId, canonically hashed. */
export function opContentHash(op: Op): string {
  return createHash('sha256')
    .update(canonicalJson({ entity: op.entity, key: op.key, fields: op.fields, hlc: op.hlc, prev: op.prev ?? null }))
    .digest('hex');
}

interface CodeRow {
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

interface OpRow {
  seq: number;
  op_id: string;
  entity: EntityName;
  key: string;
  fields: string;
  hlc: string;
  prev: string | null;
}

/** Opens (and creates, and migrates) the database at `path`; ':memory:' works for quick checks. */
export function openSqliteStore(path: string): Store {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // FULL: an acknowledged batch survives a power cut, not only a killed process.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);

  const q = {
    insertCommune: db.prepare('INSERT INTO communes (code, name, province, created_at) VALUES (?, ?, ?, ?)'),
    insertVillage: db.prepare('INSERT INTO villages (commune, code, name, ord) VALUES (?, ?, ?, ?)'),
    commune: db.prepare<[string], { code: string; name: string; province: string }>('SELECT code, name, province FROM communes WHERE code = ?'),
    communes: db.prepare<[], { code: string; name: string; province: string }>('SELECT code, name, province FROM communes ORDER BY code'),
    villages: db.prepare<[string], { code: string; name: string }>('SELECT code, name FROM villages WHERE commune = ? ORDER BY ord, code'),
    inProvince: db.prepare<[string], { code: string }>('SELECT code FROM communes WHERE province = ? ORDER BY code'),
    insertCode: db.prepare('INSERT INTO codes (id, code_hash, commune, role, villages, person, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    codes: db.prepare<[], CodeRow>('SELECT * FROM codes ORDER BY created_at, id'),
    codesOf: db.prepare<[string], CodeRow>('SELECT * FROM codes WHERE commune = ? ORDER BY created_at, id'),
    redeem: db.prepare(
      'UPDATE codes SET used_at = ?, token_hash = ?, device_id = ?, device_name = ? WHERE code_hash = ? AND used_at IS NULL AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)',
    ),
    redeemable: db.prepare<[string, number], { id: string }>(
      'SELECT id FROM codes WHERE code_hash = ? AND used_at IS NULL AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)',
    ),
    liveOfDevice: db.prepare<[string], { id: string; token_hash: string }>(
      'SELECT id, token_hash FROM codes WHERE device_id = ? AND token_hash IS NOT NULL AND revoked_at IS NULL',
    ),
    grantByToken: db.prepare<[string], CodeRow & { province: string }>(
      'SELECT codes.*, communes.province AS province FROM codes JOIN communes ON communes.code = codes.commune WHERE token_hash = ? AND revoked_at IS NULL',
    ),
    revoke: db.prepare('UPDATE codes SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?'),
    opContent: db.prepare<[string], { content_hash: string }>('SELECT content_hash FROM ops WHERE op_id = ?'),
    seq: db.prepare<[string], { seq: number }>('SELECT seq FROM communes WHERE code = ?'),
    setSeq: db.prepare('UPDATE communes SET seq = ? WHERE code = ?'),
    insertOp: db.prepare(
      `INSERT INTO ops (commune, seq, op_id, entity, key, fields, hlc, prev, content_hash, device_id, batch_id, token_id, received_at)
       VALUES (@commune, @seq, @opId, @entity, @key, @fields, @hlc, @prev, @hash, @deviceId, @batchId, @tokenId, @now)`,
    ),
    entity: db.prepare<[string, string], { state: string }>('SELECT state FROM entities WHERE entity = ? AND key = ?'),
    upsertEntity: db.prepare(
      `INSERT INTO entities (entity, key, commune, state, seq) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (entity, key) DO UPDATE SET state = excluded.state, seq = excluded.seq`,
    ),
    batch: db.prepare<[string, string, string, string], { receipt: string }>('SELECT receipt FROM batches WHERE commune = ? AND device_id = ? AND batch_id = ? AND content_hash = ?'),
    receiptTaken: db.prepare<[string], { n: number }>('SELECT 1 AS n FROM batches WHERE receipt = ?'),
    insertBatch: db.prepare('INSERT INTO batches (commune, device_id, batch_id, content_hash, receipt, token_id, ops, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    changes: db.prepare<[string, number, number], OpRow>(
      'SELECT seq, op_id, entity, key, fields, hlc, prev FROM ops WHERE commune = ? AND seq > ? ORDER BY seq LIMIT ?',
    ),
    count: (table: string) => db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM ${table}`),
  };
  const counts = {
    communes: q.count('communes'),
    ops: q.count('ops'),
    entities: q.count('entities'),
    batches: q.count('batches'),
    tokens: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM codes WHERE token_hash IS NOT NULL AND revoked_at IS NULL'),
  };

  const communeInfo = (code: string): CommuneInfo | null => {
    const row = q.commune.get(code);
    if (!row) return null;
    return { code: row.code, name: row.name, province: row.province, villages: q.villages.all(code) };
  };

  const toCode = (r: CodeRow): CodeRecord => ({
    id: r.id,
    commune: r.commune,
    role: r.role,
    villages: r.villages === null ? null : (JSON.parse(r.villages) as string[]),
    person: r.person,
    createdAt: r.created_at,
    usedAt: r.used_at,
    revokedAt: r.revoked_at,
    expiresAt: r.expires_at,
    deviceId: r.device_id,
    deviceName: r.device_name,
  });

  const toGrant = (r: CodeRow & { province: string }): TokenGrant => ({
    id: r.id,
    commune: r.commune,
    province: r.province,
    role: r.role,
    villages: r.villages === null ? null : (JSON.parse(r.villages) as string[]),
    person: r.person,
    deviceId: r.device_id,
    deviceName: r.device_name,
  });

  const createCommuneTx = db.transaction((c: NewCommune) => {
    q.insertCommune.run(c.code, c.name, c.province, Date.now());
    c.villages.forEach((v, i) => q.insertVillage.run(c.code, v.code, v.name, i));
  });

  const redeemTx = db.transaction((codeHash: string, tokenHash: string, deviceId: string | null, deviceName: string | null, proof: string | null, now: number): RedeemResult => {
    if (!q.redeemable.get(codeHash, now)) return { kind: 'bad-code' };
    if (deviceId !== null) {
      const live = q.liveOfDevice.all(deviceId);
      if (live.length && !live.some((t) => t.token_hash === proof)) return { kind: 'device-taken' };
      for (const t of live) q.revoke.run(now, t.id);
    }
    const res = q.redeem.run(now, tokenHash, deviceId, deviceName, codeHash, now);
    if (res.changes !== 1) return { kind: 'bad-code' };
    const row = q.grantByToken.get(tokenHash);
    return row ? { kind: 'ok', grant: toGrant(row) } : { kind: 'bad-code' };
  });

  const readState = (entity: EntityName, key: string): EntityState | undefined => {
    const row = q.entity.get(entity, key);
    return row ? (JSON.parse(row.state) as EntityState) : undefined;
  };

  const applyTx = db.transaction((input: ApplyBatchInput): ApplyResult => {
    const known: string[] = [];
    const conflicting: string[] = [];
    const fresh: { op: Op; hash: string; index: number }[] = [];
    const hashes: string[] = [];
    // Reads and the pure plan first: a refusal must leave the database exactly as it was.
    input.ops.forEach((op, index) => {
      const hash = opContentHash(op);
      hashes.push(`${op.opId}:${hash}`);
      const row = q.opContent.get(op.opId);
      if (!row) fresh.push({ op, hash, index });
      else if (row.content_hash === hash) known.push(op.opId);
      else conflicting.push(op.opId);
    });
    if (conflicting.length) return { kind: 'conflict', opIds: conflicting };
    const plan = planBatch(fresh, new Map(), readState);
    if (plan.kind !== 'ok') return plan;

    let seq = q.seq.get(input.commune)?.seq;
    if (seq === undefined) throw new Error(`unknown commune ${input.commune}`);
    const lastSeq = new Map<string, number>();
    for (const { op, hash } of fresh) {
      seq += 1;
      q.insertOp.run({
        commune: input.commune,
        seq,
        opId: op.opId,
        entity: op.entity,
        key: op.key,
        fields: JSON.stringify(op.fields),
        hlc: op.hlc,
        prev: op.prev ? JSON.stringify(op.prev) : null,
        hash,
        deviceId: input.deviceId,
        batchId: input.batchId,
        tokenId: input.tokenId,
        now: input.now,
      });
      lastSeq.set(stateId(op.entity, op.key), seq);
    }
    for (const [id, s] of plan.states) {
      if (s.touched) q.upsertEntity.run(s.entity, s.key, input.commune, JSON.stringify(s.state), lastSeq.get(id)!);
    }
    if (fresh.length) q.setSeq.run(seq, input.commune);

    const content = batchContentHash(hashes);
    let receipt = q.batch.get(input.commune, input.deviceId, input.batchId, content)?.receipt;
    if (!receipt) {
      do receipt = randomCode(8);
      while (q.receiptTaken.get(receipt));
      q.insertBatch.run(input.commune, input.deviceId, input.batchId, content, receipt, input.tokenId, input.ops.length, input.now);
    }
    return { kind: 'ok', applied: fresh.map((f) => f.op.opId), known, receipt, cursor: seq };
  });

  let closed = false;
  return {
    async createCommune(c) {
      createCommuneTx.immediate(c);
    },
    async getCommune(code) {
      return communeInfo(code);
    },
    async listCommunes() {
      return q.communes.all().map((r) => communeInfo(r.code)!);
    },
    async communesInProvince(province) {
      return q.inProvince.all(province).map((r) => r.code);
    },
    async createCode(rec) {
      q.insertCode.run(rec.id, rec.codeHash, rec.commune, rec.role, rec.villages ? JSON.stringify(rec.villages) : null, rec.person, rec.now, rec.expiresAt);
    },
    async listCodes(commune) {
      return (commune ? q.codesOf.all(commune) : q.codes.all()).map(toCode);
    },
    async redeemCode(codeHash, tokenHash, device, now) {
      return redeemTx.immediate(codeHash, tokenHash, device.deviceId, device.deviceName, device.proofTokenHash ?? null, now);
    },
    async tokenGrant(tokenHash) {
      const row = q.grantByToken.get(tokenHash);
      return row ? toGrant(row) : null;
    },
    async revoke(id, now) {
      return q.revoke.run(now, id).changes === 1;
    },
    async applyBatch(input) {
      return applyTx.immediate(input);
    },
    async changes(commune, since, limit, maxBytes = MAX_CHANGES_BYTES) {
      const ops: ChangeOp[] = [];
      let bytes = 0;
      let hasMore = false;
      // Row by row, so a page of large ops stops at the byte budget without reading the rest.
      for (const r of q.changes.iterate(commune, since, limit + 1)) {
        const size = Buffer.byteLength(r.fields) + (r.prev?.length ?? 0) + r.key.length + 120;
        if (ops.length === limit || (ops.length > 0 && bytes + size > maxBytes)) {
          hasMore = true;
          break;
        }
        bytes += size;
        const op: ChangeOp = { seq: r.seq, opId: r.op_id, entity: r.entity, key: r.key, fields: JSON.parse(r.fields) as Op['fields'], hlc: r.hlc };
        if (r.prev !== null) op.prev = JSON.parse(r.prev) as Record<string, string>;
        ops.push(op);
      }
      return { ops, hasMore };
    },
    async entityState(entity, key) {
      const row = q.entity.get(entity, key);
      return row ? (JSON.parse(row.state) as EntityState) : null;
    },
    async stats() {
      return {
        communes: counts.communes.get()!.n,
        ops: counts.ops.get()!.n,
        entities: counts.entities.get()!.n,
        batches: counts.batches.get()!.n,
        tokens: counts.tokens.get()!.n,
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}

function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`database schema version ${current} is newer than this server knows (${MIGRATIONS.length})`);
  }
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
}
