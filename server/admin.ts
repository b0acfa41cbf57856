// Admin CLI (`npm run admin -- <command> …`): communes, enrolment codes, revocation. Uses the same
// Store as the server (DATABASE_URL, DB_PATH or --db). Prints a code once, when issued; never prints a token.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { CODE_RE, ROLES, idOf, type Role } from '../src/domain/sync/protocol.ts';
import { newId } from '../src/domain/ids.ts';
import { DEFAULT_CODE_DAYS, issueCode } from './codes.ts';
import { importVillages } from './import-villages.ts';
import { ensureProvinceStream } from './province.ts';
import { openStore, type Store } from './store/index.ts';
import { both, cliText, cliTextEn, type CliCode } from '../src/i18n/cli.ts';

export const DEFAULT_DB_PATH = './data/xa-hoc-tap.sqlite';

const USAGE = cliText('cli.adminUsage');

class UsageError extends Error {}

/** The id of a commune an administrator names by its id or by its code (Mã xã). */
async function communeIdOf(store: Store, given: string): Promise<string> {
  if (await store.getCommune(given)) return given;
  const hit = (await store.listCommunes()).find((c) => c.code === given);
  return hit ? idOf(hit) : given;
}

/** YYYY-MM-DD of a moment (UTC). */
const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * Text safe to print in a terminal row: control characters (ESC, CR, LF, TAB…), bidi overrides
 * and other invisible format characters are shown as \u{…} escapes instead of acting.
 */
export function printable(s: string): string {
  return s.replace(/[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/g, (ch) => `\\u{${ch.codePointAt(0)!.toString(16)}}`);
}

/** Runs one admin command; returns the exit status. `store` overrides --db (tests). */
export async function runAdmin(argv: string[], io: { out: (s: string) => void; err: (s: string) => void; store?: Store; env?: NodeJS.ProcessEnv } = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) }): Promise<number> {
  const [command, ...rest] = argv;
  let store: Store | undefined = io.store;
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: {
        db: { type: 'string' },
        code: { type: 'string' },
        name: { type: 'string' },
        province: { type: 'string' },
        village: { type: 'string', multiple: true },
        commune: { type: 'string' },
        role: { type: 'string' },
        villages: { type: 'string' },
        id: { type: 'string' },
        days: { type: 'string' },
        year: { type: 'string' },
      },
      strict: true,
      allowPositionals: command === 'import-villages',
    });
    const need = (k: keyof typeof values): string => {
      const x = values[k];
      if (typeof x !== 'string' || x.trim() === '') throw new UsageError(both('cli.missingOption', { option: k }));
      return x.trim();
    };
    if (!command || command === 'help' || command === '--help') {
      io.out(USAGE);
      return command ? 0 : 2;
    }
    if (!['create-commune', 'issue-code', 'list-codes', 'revoke-token', 'import-villages'].includes(command)) throw new UsageError(`${cliText('cli.unknownCommand', { command })} / ${cliTextEn('cli.unknownCommand')}`);
    // --db names a SQLite file; otherwise the server's own settings: DATABASE_URL, else DB_PATH.
    const env = io.env ?? process.env;
    store ??= await openStore(values.db ? { dbPath: values.db } : { databaseUrl: env.DATABASE_URL || null, dbPath: env.DB_PATH ?? DEFAULT_DB_PATH });

    if (command === 'create-commune') {
      const code = need('code');
      if (!CODE_RE.test(code)) throw new UsageError(cliText('cli.badCommuneCode', { code }));
      // Issue 13: the commune and its villages get fresh ids; the codes typed are fields.
      const villages = (values.village ?? []).map((s) => {
        const m = /^([^=]+)=(.+)$/.exec(s);
        if (!m || !CODE_RE.test(m[1]!.trim())) throw new UsageError(cliText('cli.badVillageOption', { value: s }));
        return { id: newId(), code: m[1]!.trim(), name: m[2]!.trim() };
      });
      if (new Set(villages.map((v) => v.code)).size !== villages.length) throw new UsageError(both('cli.duplicateVillage'));
      if ((await store.getCommune(code)) || (await store.listCommunes()).some((c) => c.code === code)) throw new Error(both('cli.communeExists', { code }));
      const id = newId();
      await store.createCommune({ id, code, name: need('name'), province: need('province'), villages });
      io.out(`${cliText('cli.communeCreated', { code, villages: villages.length })}\nid: ${id}\n`);
      return 0;
    }
    if (command === 'issue-code') {
      const role = need('role') as Role;
      if (!ROLES.includes(role)) throw new UsageError(cliText('cli.badRole', { roles: ROLES.join(', ') }));
      const villages = values.villages ? values.villages.split(',').map((s) => s.trim()).filter(Boolean) : null;
      const days = values.days === undefined ? DEFAULT_CODE_DAYS : Number(values.days);
      if (!Number.isInteger(days) || days < 1 || days > 366) throw new UsageError(`${both('cli.badDays')}: ${values.days}`);
      let commune: string;
      if (values.province !== undefined) {
        // A province reviewer: the code is the province's (its own stream), reaching every commune of it.
        if (values.commune !== undefined) throw new UsageError(both('cli.provinceOrCommune'));
        if (role !== 'reviewer') throw new UsageError(both('cli.provinceReviewerOnly'));
        const province = need('province');
        const communes = await store.communesInProvince(province);
        commune = await ensureProvinceStream(store, province);
        if (communes.length === 0) io.err(`${both('cli.provinceEmpty', { province })}.\n`);
      } else commune = await communeIdOf(store, need('commune'));
      const { id, code, expiresAt } = await issueCode(store, { commune, role, villages, person: need('name'), validDays: days });
      io.out(`${both('cli.codeIssued')}: ${code}\nid: ${id}\n${both('cli.validUntil')}: ${day(expiresAt)}\n`);
      return 0;
    }
    if (command === 'import-villages') {
      const commune = await communeIdOf(store, need('commune'));
      const year = Number(need('year'));
      if (positionals.length !== 1) throw new UsageError(both('cli.oneSheet'));
      const file = positionals[0]!;
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(readFileSync(file));
      } catch (e) {
        throw new Error(`${both('cli.cannotRead', { path: file })}: ${(e as Error).message}`);
      }
      const res = await importVillages(store, { commune, year, bytes, now: Date.now() });
      if (res.kind === 'refused') {
        io.err(`${both('cli.nothingImported', { count: res.problems.length })}:\n`);
        for (const p of res.problems) io.err(`  ${p.vi}\n    ${p.en}\n`);
        return 2;
      }
      const { tally } = res.plan;
      io.out(res.ops === 0
        ? `${both('cli.nothingToChange', { year, commune, unchanged: tally.unchanged })}.\n`
        : `${both('cli.imported', { year, commune, added: res.villagesAdded, changed: res.villagesChanged, unchanged: tally.unchanged, ops: res.ops })}.\n`);
      return 0;
    }
    if (command === 'list-codes') {
      const codes = await store.listCodes(values.commune === undefined ? undefined : await communeIdOf(store, values.commune));
      const at = Date.now();
      for (const c of codes) {
        const w = (code: CliCode) => `${cliText(code)}/${cliTextEn(code)}`;
        const expiry = c.expiresAt === null ? w('cli.noExpiry') : c.expiresAt <= at ? `${w('cli.expired')} ${day(c.expiresAt)}` : `${w('cli.expires')} ${day(c.expiresAt)}`;
        const state = c.revokedAt
          ? w('cli.revoked')
          : c.usedAt
            ? `${w('cli.used')} ${new Date(c.usedAt).toISOString()}${c.deviceName ? ` (${c.deviceName})` : ''}`
            : `${w('cli.unused')}, ${expiry}`;
        // Every field is escaped: a name with terminal escapes or newlines must not forge rows.
        io.out(`${[c.id, c.commune, `${c.role}${c.villages ? `[${c.villages.join(',')}]` : ''}`, c.person, state].map(printable).join('\t')}\n`);
      }
      if (codes.length === 0) io.out(`${both('cli.noCodes')}.\n`);
      return 0;
    }
    // revoke-token
    const id = need('id');
    if (!(await store.revoke(id, Date.now()))) throw new Error(`${cliText('cli.noSuchId', { id })} / ${cliTextEn('cli.noSuchId')}`);
    io.out(`${cliText('cli.tokenRevoked', { id })}\n`);
    return 0;
  } catch (e) {
    const usage = e instanceof UsageError || (e instanceof Error && 'code' in e && String((e as { code: unknown }).code).startsWith('ERR_PARSE_ARGS'));
    io.err(`${e instanceof Error ? e.message : String(e)}\n${usage ? USAGE : ''}`);
    return usage ? 2 : 1;
  } finally {
    if (store && !io.store) await store.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await runAdmin(process.argv.slice(2));
}
