// The PostgreSQL schema, in order: each entry runs once, in one transaction with its row in
// schema_migrations, under an advisory lock so that several server processes starting together
// migrate once. Append a new entry for a change; never edit one that has shipped.
// Same tables as the SQLite store; text columns that are keys sort bytewise (COLLATE "C"), as
// SQLite's do, and JSON is kept as text so it is served exactly as it was hashed.

export interface Migration {
  name: string;
  sql: string;
}

export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    name: 'communes, codes and tokens, the op log with its per-commune sequence, merged state, receipts (SQLite v1 + v2)',
    sql: `
    CREATE TABLE communes (
      code TEXT COLLATE "C" PRIMARY KEY, name TEXT NOT NULL, province TEXT NOT NULL,
      seq BIGINT NOT NULL DEFAULT 0, created_at BIGINT NOT NULL
    );
    CREATE INDEX communes_province ON communes (province, code);
    CREATE TABLE villages (
      commune TEXT COLLATE "C" NOT NULL REFERENCES communes (code), code TEXT COLLATE "C" NOT NULL,
      name TEXT NOT NULL, ord INTEGER NOT NULL, PRIMARY KEY (commune, code)
    );
    CREATE TABLE codes (
      id TEXT COLLATE "C" PRIMARY KEY, code_hash TEXT COLLATE "C" NOT NULL UNIQUE,
      commune TEXT COLLATE "C" NOT NULL REFERENCES communes (code), role TEXT NOT NULL, villages TEXT,
      person TEXT NOT NULL, created_at BIGINT NOT NULL, used_at BIGINT, revoked_at BIGINT, expires_at BIGINT,
      token_hash TEXT COLLATE "C" UNIQUE, device_id TEXT COLLATE "C", device_name TEXT
    );
    CREATE INDEX codes_device ON codes (device_id) WHERE device_id IS NOT NULL;
    CREATE INDEX codes_commune ON codes (commune, created_at, id);
    CREATE TABLE ops (
      commune TEXT COLLATE "C" NOT NULL, seq BIGINT NOT NULL, op_id TEXT COLLATE "C" NOT NULL UNIQUE,
      entity TEXT COLLATE "C" NOT NULL, key TEXT COLLATE "C" NOT NULL, fields TEXT NOT NULL, hlc TEXT NOT NULL, prev TEXT,
      content_hash TEXT NOT NULL, device_id TEXT NOT NULL, batch_id TEXT NOT NULL, token_id TEXT NOT NULL,
      received_at BIGINT NOT NULL, PRIMARY KEY (commune, seq)
    );
    CREATE TABLE entities (
      entity TEXT COLLATE "C" NOT NULL, key TEXT COLLATE "C" NOT NULL, commune TEXT COLLATE "C" NOT NULL,
      state TEXT NOT NULL, seq BIGINT NOT NULL, PRIMARY KEY (entity, key)
    );
    CREATE TABLE batches (
      commune TEXT COLLATE "C" NOT NULL, device_id TEXT COLLATE "C" NOT NULL, batch_id TEXT COLLATE "C" NOT NULL,
      content_hash TEXT COLLATE "C" NOT NULL, receipt TEXT COLLATE "C" NOT NULL UNIQUE, token_id TEXT NOT NULL,
      ops INTEGER NOT NULL, received_at BIGINT NOT NULL, PRIMARY KEY (commune, device_id, batch_id, content_hash)
    );
    `,
  },
  {
    name: 'stable ids (SQLite v3): communes and villages named by an id, their code a field; every one keeps its code as its id, the mapping recorded',
    sql: `
    ALTER TABLE communes RENAME COLUMN code TO id;
    ALTER TABLE communes ADD COLUMN code TEXT COLLATE "C";
    UPDATE communes SET code = id;
    CREATE INDEX communes_code ON communes (code);
    ALTER TABLE villages RENAME COLUMN code TO id;
    ALTER TABLE villages ADD COLUMN code TEXT COLLATE "C";
    UPDATE villages SET code = id;
    CREATE TABLE stable_ids (
      kind TEXT COLLATE "C" NOT NULL, commune TEXT COLLATE "C" NOT NULL, id TEXT COLLATE "C" NOT NULL,
      code TEXT COLLATE "C" NOT NULL, recorded_at BIGINT NOT NULL, PRIMARY KEY (kind, commune, id)
    );
    INSERT INTO stable_ids SELECT 'commune', id, id, code, (extract(epoch FROM now()) * 1000)::int8 FROM communes;
    INSERT INTO stable_ids SELECT 'village', commune, id, code, (extract(epoch FROM now()) * 1000)::int8 FROM villages;
    `,
  },
  {
    name: 'merged state per field and device (SQLite v4, issue 12): a batch writes only the writes it added or replaced; every stored state split into its rows',
    sql: `
    CREATE TABLE entity_writes (
      entity TEXT COLLATE "C" NOT NULL, key TEXT COLLATE "C" NOT NULL, field TEXT COLLATE "C" NOT NULL, node TEXT COLLATE "C" NOT NULL,
      value TEXT NOT NULL, hlc TEXT NOT NULL, op_id TEXT NOT NULL, prev TEXT,
      PRIMARY KEY (entity, key, field, node)
    );
    INSERT INTO entity_writes (entity, key, field, node, value, hlc, op_id, prev)
      SELECT e.entity, e.key, f.key, w.key, (w.value -> 'value')::text, w.value ->> 'hlc', w.value ->> 'opId', w.value ->> 'prev'
      FROM entities e, jsonb_each(e.state::jsonb) f, jsonb_each(f.value) w;
    ALTER TABLE entities DROP COLUMN state;
    `,
  },
];
