// Admin CLI (`npm run admin -- <command> …`): communes, enrolment codes, revocation. Uses the same
// Store as the server (DATABASE_URL, DB_PATH or --db). Prints a code once, when issued; never prints a token.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { CODE_RE, ROLES, type Role } from '../src/domain/sync/protocol.ts';
import { DEFAULT_CODE_DAYS, issueCode } from './codes.ts';
import { importVillages } from './import-villages.ts';
import { openStore, type Store } from './store/index.ts';

export const DEFAULT_DB_PATH = './data/xa-hoc-tap.sqlite';

const USAGE = `Cách dùng / usage: npm run admin -- <lệnh> [tùy chọn]   (--db FILE hoặc DB_PATH=FILE)

  create-commune --code 21085 --name "Xã Ba Tô" --province "Quảng Ngãi" \\
                 --village "T01=Thôn Làng Mạ" --village "T02=Thôn Gò Ra" …
  issue-code     --commune 21085 --role collector|officer|chair|reviewer --name "Người nhận" \\
                 [--villages T01,T02]      (chỉ cho người thu thập / collectors only)
                 [--days 30]               (số ngày mã còn dùng được / days the code stays valid)
  list-codes     [--commune 21085]
  revoke-token   --id <id từ list-codes>   (thu hồi mã và thiết bị đã dùng nó)
  import-villages --commune 21085 --year 2025 <tệp.xlsx | tệp.csv>
                 (nhập số liệu các thôn từ bảng tính, chỉ khi tệp không có lỗi; kiểm tra trước bằng
                  npm run import -- <tệp> --dry-run / applies a clean villages' sheet as ordinary ops)
`;

class UsageError extends Error {}

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
      if (typeof x !== 'string' || x.trim() === '') throw new UsageError(`Thiếu --${k} / missing --${k}`);
      return x.trim();
    };
    if (!command || command === 'help' || command === '--help') {
      io.out(USAGE);
      return command ? 0 : 2;
    }
    if (!['create-commune', 'issue-code', 'list-codes', 'revoke-token', 'import-villages'].includes(command)) throw new UsageError(`Lệnh không có: ${command} / unknown command`);
    // --db names a SQLite file; otherwise the server's own settings: DATABASE_URL, else DB_PATH.
    const env = io.env ?? process.env;
    store ??= await openStore(values.db ? { dbPath: values.db } : { databaseUrl: env.DATABASE_URL || null, dbPath: env.DB_PATH ?? DEFAULT_DB_PATH });

    if (command === 'create-commune') {
      const code = need('code');
      if (!CODE_RE.test(code)) throw new UsageError(`Mã xã không hợp lệ: ${code}`);
      const villages = (values.village ?? []).map((s) => {
        const m = /^([^=]+)=(.+)$/.exec(s);
        if (!m || !CODE_RE.test(m[1]!.trim())) throw new UsageError(`--village phải có dạng MÃ=Tên: ${s}`);
        return { code: m[1]!.trim(), name: m[2]!.trim() };
      });
      if (new Set(villages.map((v) => v.code)).size !== villages.length) throw new UsageError('Mã thôn bị trùng / duplicate village code');
      if (await store.getCommune(code)) throw new Error(`Xã ${code} đã có / commune ${code} exists`);
      await store.createCommune({ code, name: need('name'), province: need('province'), villages });
      io.out(`Đã tạo xã ${code} với ${villages.length} thôn.\n`);
      return 0;
    }
    if (command === 'issue-code') {
      const role = need('role') as Role;
      if (!ROLES.includes(role)) throw new UsageError(`Vai trò phải là một trong: ${ROLES.join(', ')}`);
      const villages = values.villages ? values.villages.split(',').map((s) => s.trim()).filter(Boolean) : null;
      const days = values.days === undefined ? DEFAULT_CODE_DAYS : Number(values.days);
      if (!Number.isInteger(days) || days < 1 || days > 366) throw new UsageError(`--days phải là số nguyên từ 1 đến 366 / --days must be 1–366: ${values.days}`);
      const { id, code, expiresAt } = await issueCode(store, { commune: need('commune'), role, villages, person: need('name'), validDays: days });
      io.out(`Mã đăng ký (dùng một lần) / enrolment code: ${code}\nid: ${id}\nDùng được đến / valid until: ${day(expiresAt)}\n`);
      return 0;
    }
    if (command === 'import-villages') {
      const commune = need('commune');
      const year = Number(need('year'));
      if (positionals.length !== 1) throw new UsageError('Cần đúng một tệp bảng tính / one sheet file is needed');
      const file = positionals[0]!;
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(readFileSync(file));
      } catch (e) {
        throw new Error(`Không đọc được "${file}" / cannot read "${file}": ${(e as Error).message}`);
      }
      const res = await importVillages(store, { commune, year, bytes, now: Date.now() });
      if (res.kind === 'refused') {
        io.err(`Không nhập gì cả: tệp có ${res.problems.length} chỗ cần sửa / nothing imported, ${res.problems.length} problem(s):\n`);
        for (const p of res.problems) io.err(`  ${p.vi}\n    ${p.en}\n`);
        return 2;
      }
      const { tally } = res.plan;
      io.out(res.ops === 0
        ? `Không có gì thay đổi: số liệu năm ${year} của xã ${commune} đã giống tệp (${tally.unchanged} thôn) / nothing to change.\n`
        : `Đã nhập số liệu năm ${year} của xã ${commune}: ${res.villagesAdded} thôn mới, ${res.villagesChanged} thôn thay đổi, ${tally.unchanged} thôn không đổi (${res.ops} thao tác, các máy sẽ nhận khi đồng bộ) / imported ${res.ops} op(s).\n`);
      return 0;
    }
    if (command === 'list-codes') {
      const codes = await store.listCodes(values.commune);
      const at = Date.now();
      for (const c of codes) {
        const expiry = c.expiresAt === null ? 'không hết hạn/no expiry' : c.expiresAt <= at ? `đã hết hạn/expired ${day(c.expiresAt)}` : `hết hạn/expires ${day(c.expiresAt)}`;
        const state = c.revokedAt
          ? 'đã thu hồi/revoked'
          : c.usedAt
            ? `đã dùng/used ${new Date(c.usedAt).toISOString()}${c.deviceName ? ` (${c.deviceName})` : ''}`
            : `chưa dùng/unused, ${expiry}`;
        // Every field is escaped: a name with terminal escapes or newlines must not forge rows.
        io.out(`${[c.id, c.commune, `${c.role}${c.villages ? `[${c.villages.join(',')}]` : ''}`, c.person, state].map(printable).join('\t')}\n`);
      }
      if (codes.length === 0) io.out('Chưa có mã nào / no codes.\n');
      return 0;
    }
    // revoke-token
    const id = need('id');
    if (!(await store.revoke(id, Date.now()))) throw new Error(`Không có mã id ${id} / no such id`);
    io.out(`Đã thu hồi ${id}: thiết bị dùng mã này phải đăng ký lại.\n`);
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
