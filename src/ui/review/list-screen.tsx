// Hồ sơ các xã (route `#/tinh`): the province's list for the year — one row per commune, as cards
// on a phone and a table on a laptop — with its totals, filters, sorting, the list as a
// spreadsheet, and recognition of the ready communes in bulk behind a confirmation. Reads what
// this device pulled (IndexedDB), so it opens offline; the rows come from src/review/list.ts.
import { useMemo, useState } from 'preact/hooks';
import { setMeta } from '../../db/index.ts';
import { localToday } from '../../dossier/deadlines.ts';
import {
  bulkRecognisable, filterRows, listRow, listTotals, sortRows, STATES, type ListFilter, type ListRow, type SortKey,
} from '../../review/list.ts';
import type { DossierState } from '../../review/papers/types.ts';
import { Title } from '../components/title.tsx';
import { useLive } from '../hooks/use-live.ts';
import { fmtDate, fmtDateTime, t } from '../i18n/index.ts';
import { href } from '../router.ts';
import { PATHS, type ScreenProps } from '../routes.tsx';
import { loadProvince } from './data.ts';
import { useSyncStatus } from '../sync-client.ts';
import { useMedia } from './use-media.ts';
import { levelShort, stateText } from './words.ts';
import { BulkRecognise } from './bulk.tsx';
import { ListDownload } from './list-download.tsx';
import './review.css';
import { REVIEW_PAGES } from './pages.ts';

const SORTS: SortKey[] = ['name', 'state', 'deadline', 'computed', 'claimed', 'lastSync', 'evidence'];

function Deadline({ row }: { row: ListRow }) {
  const d = row.deadline;
  if (!d) return <>{t('rv.none')}</>;
  return (
    <span class={d.daysLeft < 0 ? 'overdue' : d.daysLeft <= 7 ? 'due-soon' : undefined}>
      {t('rv.daysLeft', { days: d.daysLeft })} <span class="muted small">({t(`rv.deadlineKind.${d.kind}`)} {fmtDate(d.date)})</span>
    </span>
  );
}

function Computed({ row }: { row: ListRow }) {
  return (
    <>
      {levelShort(row.computed)}
      {row.mismatch ? (
        <span class="badge status-unmet rv-flag" title={t('rv.mismatch')}>
          <span aria-hidden="true">⚠ </span>
          {t('rv.mismatch')}
        </span>
      ) : null}
    </>
  );
}

const evidenceText = (r: ListRow) => (r.evidence ? t('rv.evidenceOf', r.evidence) : t('rv.none'));
const changedText = (r: ListRow) => (r.state === 'draft' ? t('rv.none') : r.changed ? t('rv.changedYes') : t('rv.changedNo'));

interface RowProps {
  row: ListRow;
  selected: boolean;
  onSelect: (code: string, on: boolean) => void;
}

function SelectBox({ row, selected, onSelect }: RowProps) {
  if (!bulkRecognisable(row)) return null;
  return (
    <input
      type="checkbox"
      class="rv-select"
      checked={selected}
      aria-label={t('rv.select', { name: row.name })}
      onChange={(e) => onSelect(row.code, (e.currentTarget as HTMLInputElement).checked)}
    />
  );
}

function Card(p: RowProps) {
  const r = p.row;
  return (
    <li class={`rv-card state-${r.state}`} data-testid="rv-row" data-code={r.code}>
      <div class="rv-card-head">
        <SelectBox {...p} />
        <a href={href(PATHS.province, r.code)} aria-label={t('rv.open', { name: r.name })}>
          <strong>{r.name}</strong>
        </a>
        <span class="pill">{stateText(r.state)}</span>
      </div>
      <dl class="rv-facts">
        <dt>{t('rv.col.claimed')}</dt>
        <dd>{levelShort(r.claimed)}</dd>
        <dt>{t('rv.col.computed')}</dt>
        <dd><Computed row={r} /></dd>
        <dt>{t('rv.col.deadline')}</dt>
        <dd><Deadline row={r} /></dd>
        <dt>{t('rv.col.evidence')}</dt>
        <dd>{evidenceText(r)}</dd>
        <dt>{t('rv.col.changed')}</dt>
        <dd>{changedText(r)}</dd>
        <dt>{t('rv.col.lastSync')}</dt>
        <dd>{fmtDateTime(r.lastSync)}</dd>
      </dl>
      {r.openComments ? <p class="small">{t('rv.openComments', { n: r.openComments })}</p> : null}
    </li>
  );
}

function TableRow(p: RowProps) {
  const r = p.row;
  return (
    <tr class={`state-${r.state}`} data-testid="rv-row" data-code={r.code}>
      <td><SelectBox {...p} /></td>
      <th scope="row">
        <a href={href(PATHS.province, r.code)}>{r.name}</a>
        {r.openComments ? <div class="small">{t('rv.openComments', { n: r.openComments })}</div> : null}
      </th>
      <td>{stateText(r.state)}</td>
      <td>{levelShort(r.claimed)}</td>
      <td><Computed row={r} /></td>
      <td>{evidenceText(r)}</td>
      <td><Deadline row={r} /></td>
      <td>{fmtDateTime(r.lastSync)}</td>
      <td>{changedText(r)}</td>
    </tr>
  );
}

function Totals({ rows }: { rows: ListRow[] }) {
  const x = listTotals(rows);
  return (
    <section class="card rv-totals" aria-labelledby="rv-totals-h" data-testid="rv-totals">
      <h2 id="rv-totals-h">{t('rv.totals')}</h2>
      <p>
        <strong>{t('rv.totalCommunes', { n: x.communes })}</strong>
        {': '}
        {STATES.filter((s) => x.byState[s] > 0).map((s, i) => (
          <span key={s}>{i ? ' · ' : ''}{stateText(s)} {x.byState[s]}</span>
        ))}
      </p>
      <p class="small">{t('rv.totalComputed', { l1: x.computed.level1, l2: x.computed.level2, none: x.computed.none, noData: x.computed.noData })}</p>
      <p class="small">{t('rv.totalFlags', { mismatch: x.mismatch, changed: x.changed, overdue: x.overdue })}</p>
    </section>
  );
}

function Filters({ filter, setFilter, sort, setSort, desc, setDesc }: {
  filter: ListFilter; setFilter: (f: ListFilter) => void; sort: SortKey; setSort: (s: SortKey) => void; desc: boolean; setDesc: (d: boolean) => void;
}) {
  const flag = (key: 'mismatch' | 'changed' | 'dueSoon' | 'openComments', label: string) => (
    <label class="check">
      <input type="checkbox" checked={!!filter[key]} onChange={(e) => setFilter({ ...filter, [key]: (e.currentTarget as HTMLInputElement).checked })} />
      <span>{label}</span>
    </label>
  );
  return (
    <section class="card rv-filters" aria-label={t('rv.sortBy')}>
      <div class="field">
        <label for="rv-search">{t('rv.search')}</label>
        <input id="rv-search" type="search" value={filter.text ?? ''} onInput={(e) => setFilter({ ...filter, text: (e.currentTarget as HTMLInputElement).value })} />
      </div>
      <div class="rv-filter-row">
        <div class="field">
          <label for="rv-state">{t('rv.filterState')}</label>
          <select
            id="rv-state"
            value={filter.states?.[0] ?? ''}
            onChange={(e) => {
              const v = (e.currentTarget as HTMLSelectElement).value as DossierState | '';
              setFilter({ ...filter, states: v ? [v] : [] });
            }}
          >
            <option value="">{t('rv.allStates')}</option>
            {STATES.map((s) => <option key={s} value={s}>{stateText(s)}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="rv-sort">{t('rv.sortBy')}</label>
          <select id="rv-sort" value={sort} onChange={(e) => setSort((e.currentTarget as HTMLSelectElement).value as SortKey)}>
            {SORTS.map((s) => <option key={s} value={s}>{t(`rv.sort.${s}`)}</option>)}
          </select>
        </div>
        <label class="check">
          <input type="checkbox" checked={desc} onChange={(e) => setDesc((e.currentTarget as HTMLInputElement).checked)} />
          <span>{t('rv.sortDesc')}</span>
        </label>
      </div>
      <div class="rv-flags">
        {flag('mismatch', t('rv.filterMismatch'))}
        {flag('changed', t('rv.filterChanged'))}
        {flag('dueSoon', t('rv.filterDue'))}
        {flag('openComments', t('rv.filterComments'))}
      </div>
    </section>
  );
}

/** The reviewer's pull of the province, while it runs (it resumes where it stopped). */
function PullProgress() {
  const p = useSyncStatus()?.pullProgress;
  if (!p) return null;
  return (
    <div class="card" role="status" data-testid="rv-pull">
      <label for="rv-pull-bar">{t('rv.pulling', { done: p.done, total: p.total })}</label>
      <progress id="rv-pull-bar" value={p.done} max={Math.max(1, p.total)} />
    </div>
  );
}

/** The year under review: last year until the reviewer chooses (the dossiers of a year come in the next). */
function YearChoice({ year }: { year: number }) {
  const now = new Date().getFullYear();
  const years = [now - 3, now - 2, now - 1, now];
  return (
    <div class="field">
      <label for="rv-year">{t('yearLabel')}</label>
      <select id="rv-year" value={String(year)} onChange={(e) => void setMeta('currentYear', Number((e.currentTarget as HTMLSelectElement).value))}>
        {(years.includes(year) ? years : [...years, year].sort()).map((y) => <option key={y} value={String(y)}>{y}</option>)}
      </select>
    </div>
  );
}

/** The province's list screen. */
export function ProvinceList({ year }: ScreenProps) {
  const live = useLive(async () => loadProvince(year), [year]);
  const [filter, setFilter] = useState<ListFilter>({});
  const [sort, setSort] = useState<SortKey>('name');
  const [desc, setDesc] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [bulkDone, setBulkDone] = useState<number | null>(null);
  const wide = useMedia('(min-width: 60em)');
  const data = live.value;
  const today = localToday();
  const rows = useMemo(() => (data ? data.sources.map((s) => listRow(s, today, data.deadlines)) : []), [data, today]);
  const shown = useMemo(() => sortRows(filterRows(rows, filter), sort, desc), [rows, filter, sort, desc]);
  const ready = rows.filter(bulkRecognisable);
  const chosen = ready.filter((r) => selected.has(r.code));
  const onSelect = (code: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(code);
    else next.delete(code);
    setSelected(next);
  };
  return (
    <>
      <Title>{t('rv.title', { year })}</Title>
      <YearChoice year={year} />
      {live.error ? <p role="alert" class="error">{t('loadFailed', { reason: String(live.error) })}</p> : null}
      <PullProgress />
      {!data ? <p class="muted">{t('rv.loading')}</p> : rows.length === 0 ? <p class="notice">{t('rv.noCommunes')}</p> : (
        <>
          <p class="small muted">{t('rv.offlineNote')}</p>
          <Totals rows={rows} />
          <Filters filter={filter} setFilter={setFilter} sort={sort} setSort={setSort} desc={desc} setDesc={setDesc} />
          {ready.length ? (
            <BulkRecognise year={year} ready={ready} chosen={chosen} onChoose={(all) => setSelected(new Set(all ? ready.map((r) => r.code) : []))} onDone={(n) => { setSelected(new Set()); setBulkDone(n); }} />
          ) : null}
          {bulkDone !== null ? <p role="status" class="notice">{t('rv.bulkDone', { n: bulkDone })}</p> : null}
          <p class="small" role="status" data-testid="rv-shown">{t('rv.shown', { shown: shown.length, total: rows.length })}</p>
          {wide ? (
            <div class="rv-table-wrap">
              <table class="rv-table" data-testid="rv-table">
                <thead>
                  <tr>
                    <th scope="col"><span class="visually-hidden">{t('rv.confirm')}</span></th>
                    <th scope="col">{t('rv.col.commune')}</th>
                    <th scope="col">{t('rv.col.state')}</th>
                    <th scope="col">{t('rv.col.claimed')}</th>
                    <th scope="col">{t('rv.col.computed')}</th>
                    <th scope="col">{t('rv.col.evidence')}</th>
                    <th scope="col">{t('rv.col.deadline')}</th>
                    <th scope="col">{t('rv.col.lastSync')}</th>
                    <th scope="col">{t('rv.col.changed')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((r) => <TableRow key={r.code} row={r} selected={selected.has(r.code)} onSelect={onSelect} />)}
                </tbody>
              </table>
            </div>
          ) : (
            <ul class="card-list rv-cards" data-testid="rv-cards">
              {shown.map((r) => <Card key={r.code} row={r} selected={selected.has(r.code)} onSelect={onSelect} />)}
            </ul>
          )}
          <ListDownload year={year} />
        </>
      )}
      <section class="card" aria-labelledby="rv-links-h">
        <h2 id="rv-links-h">{t('rv.links')}</h2>
        <ul class="link-list">
          <li><a href={href(PATHS.province, REVIEW_PAGES.council)}>{t('rv.councilLink')}</a></li>
          <li><a href={href(PATHS.province, REVIEW_PAGES.papers)}>{t('rv.papersLink')}</a></li>
          <li><a href={href(PATHS.province, REVIEW_PAGES.settings)}>{t('rv.settingsLink')}</a></li>
        </ul>
      </section>
    </>
  );
}
