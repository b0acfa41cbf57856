// The server's storage contract: communes, enrolment codes, device tokens, the op log with its
// per-commune change sequence, and the merged state per entity/key. Routes speak only to this
// interface, never to a database driver; the SQLite and PostgreSQL stores both pass its contract
// suite (test/server/store-contract.ts), and the rules of a batch are theirs alike (batch-apply.ts).
import type { EntityName, Op } from '../../src/domain/sync/op.ts';
import type { EntityState } from '../../src/domain/sync/merge.ts';
import type { CommuneInfo, Problem, Role } from '../../src/domain/sync/protocol.ts';
import type { Writer } from '../review-rules.ts';

/** A commune to create: its id (the code when not given: identity, as every commune before stable ids), code, villages likewise. */
export interface NewCommune {
  id?: string;
  code: string;
  name: string;
  province: string;
  villages: { id?: string; code: string; name: string }[];
}

/** An enrolment code as kept by the store (the code itself only as a hash). */
export interface CodeRecord {
  id: string;
  commune: string;
  role: Role;
  /** Villages a collector is limited to; null = all. */
  villages: string[] | null;
  person: string;
  createdAt: number;
  usedAt: number | null;
  revokedAt: number | null;
  /** After this moment (ms) an unused code no longer works; null = never (codes made before expiry existed). */
  expiresAt: number | null;
  /** Device that redeemed the code, once used. */
  deviceId: string | null;
  deviceName: string | null;
}

/** What a valid bearer token grants. */
export interface TokenGrant {
  /** The id of the code it was redeemed from; doubles as the token's id. */
  id: string;
  commune: string;
  province: string;
  role: Role;
  villages: string[] | null;
  person: string;
  deviceId: string | null;
  deviceName: string | null;
}

/** One page of the change feed: each op as ChangeOp JSON text, in seq order. */
export interface ChangesPage {
  json: string[];
  /** The seq of the last op of the page (null when empty). */
  lastSeq: number | null;
  hasMore: boolean;
}

export type RedeemResult =
  | { kind: 'ok'; grant: TokenGrant }
  /** Unknown, used, revoked or expired. */
  | { kind: 'bad-code' }
  | { kind: 'device-taken' };

export type ApplyResult =
  | { kind: 'ok'; applied: string[]; known: string[]; receipt: string; cursor: number }
  /** Some opIds are already held with other content: nothing of the batch was written. */
  | { kind: 'conflict'; opIds: string[] }
  /** An op would leave a record breaking a rule of its entity: nothing was written (400). */
  | { kind: 'invalid'; problems: Problem[] }
  /** An op changes a year whose dossier is locked: nothing was written (409 year-locked). */
  | { kind: 'locked'; problems: Problem[] };

export interface ApplyBatchInput {
  /** The stream the batch goes to: a commune, or a province's own records (its id, `p:…`). */
  commune: string;
  deviceId: string;
  batchId: string;
  tokenId: string;
  ops: Op[];
  now: number;
  /** Who sends it: the review's rules (server/review-rules.ts) need the role, the person and the province. */
  who?: Writer;
}

export interface Store {
  /** Which engine holds the data (logs, the bench). */
  readonly kind: 'sqlite' | 'postgres';
  /** Creates a commune and its villages; refused (nothing written) when the code exists. */
  createCommune(c: NewCommune): Promise<void>;
  /** A commune by its id. */
  getCommune(id: string): Promise<CommuneInfo | null>;
  listCommunes(): Promise<CommuneInfo[]>;
  /** The codes of the communes in a province (the reach of a reviewer); never the province's own stream. */
  communesInProvince(province: string): Promise<string[]>;
  /**
   * Each commune of a province with the last seq of its change feed, and the province's own stream
   * (code `p:…`) when it has one: the reviewer's pull asks which moved.
   */
  communeHeads(province: string): Promise<{ id: string; code: string; name: string; seq: number }[]>;
  /** The merged states of an entity whose keys start with `prefix` (which ends with '/'), by key. */
  statesByPrefix(entity: EntityName, prefix: string): Promise<{ key: string; state: EntityState }[]>;

  /** Stores a new code by the SHA-256 hash of its text. */
  createCode(rec: { id: string; codeHash: string; commune: string; role: Role; villages: string[] | null; person: string; now: number; expiresAt: number | null }): Promise<void>;
  listCodes(commune?: string): Promise<CodeRecord[]>;
  /**
   * Trades an unused, unrevoked, unexpired code for a token (by hash), atomically: a code works
   * once. A device id already held by another live token is refused ('device-taken') unless the
   * request proves it is that device (`proofTokenHash`, the hash of the token it holds), in which
   * case the old token is revoked: one device id, one live token, so nobody can stamp as another.
   */
  redeemCode(codeHash: string, tokenHash: string, device: { deviceId: string | null; deviceName: string | null; proofTokenHash?: string | null }, now: number): Promise<RedeemResult>;
  /** The grant of a live token, or null (unknown or revoked). */
  tokenGrant(tokenHash: string): Promise<TokenGrant | null>;
  /** Revokes a code and the token made from it. False when there is no such id. */
  revoke(id: string, now: number): Promise<boolean>;

  /**
   * Applies a batch all or nothing, after checking every new op on the merged state it would leave
   * (server/batch-plan.ts: record rules, year lock); resolves only once it is durable.
   */
  applyBatch(input: ApplyBatchInput): Promise<ApplyResult>;
  /**
   * The commune's ops with seq > since, in seq order: at most `limit` of them and about
   * `maxBytes` of their JSON (MAX_CHANGES_BYTES by default; always at least one op). Each op comes
   * as its ChangeOp JSON text, ready to send: a page is built without parsing what was stored.
   */
  changes(commune: string, since: number, limit: number, maxBytes?: number): Promise<ChangesPage>;
  /** The merged state of one entity/key. */
  entityState(entity: EntityName, key: string): Promise<EntityState | null>;
  /**
   * Runs `fn` while no other holder of the same name on this database runs one: what several
   * server processes must do only once (the demo seed). PostgreSQL: an advisory lock; SQLite (one
   * server process per file): within this process.
   */
  exclusive<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Row counts, for tests, the bench and the admin CLI. */
  stats(): Promise<{ communes: number; ops: number; entities: number; batches: number; tokens: number }>;
  close(): Promise<void>;
}
