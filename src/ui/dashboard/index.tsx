// The chair's dashboard (Tổng quan): level reached, what is missing, villages against thresholds,
// year over year — read live from IndexedDB. Judges nothing itself: the readiness engine does.
// Charts are drawn by ../charts (chart.js loaded on demand); each has a table alternative.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { AssessInput, AssessOutput, LevelNo, Status } from '../../domain/assess-types.ts';
import { type RequestPlan } from '../../domain/readiness/request.ts';
import { findCriterion, getCatalog, DEFAULT_CATALOG_ID } from '../../domain/catalog/index.ts';
import { getDossier, listVillages, listYears, type CommuneRow } from '../../db/index.ts';
import { duplicateVillageCodes } from '../../domain/village-codes.ts';
import { href } from '../router.ts';
import { PATHS } from '../routes.tsx';
import { loadAssessment } from '../assessment.ts';
import { localToday, previousYearDeadlines } from '../../dossier/deadlines.ts';
import { BarChart } from '../charts/bar-chart.tsx';
import type { BarChartSpec, ThresholdLine } from '../charts/types.ts';
import {
  COUNT_FIELDS, completeness, criterionRows, distanceTo, nextLevel, RATIO_KEYS, ratioLines, reaches, villageRows, yearSeries,
  type RatioKey, type VillageRow, type YearPoint,
} from './model.ts';
import { useLive } from '../hooks/use-live.ts';
import { VILLAGE_KIND_WORDS } from '../../domain/schemas/labels.ts';
import { words as en } from '../../i18n/en/dashboard.ts';
import { words as vi } from '../../i18n/vi/dashboard.ts';
import { addWords, getLang, t, type Lang } from '../i18n/index.ts';
import './dashboard.css';
import { HeldTitle } from '../sending/index.tsx';
import { actionsToReach, formatDay, formatPercent, formatShare, levelLabel, statusLabel, type Action, requestText, criterionName } from '../../i18n/readiness.ts';

// This screen's part of the catalog rides in its chunk (src/i18n/parts.ts).
addWords({ vi, en });

// Colours checked against white for WCAG AA (≥ 4.5:1 so they also work as text) and chosen to be
// told apart without red/green (blue vs amber).
const COLOR_ABOVE = '#1d4ed8';
const COLOR_BELOW = '#b45309';
const COLOR_LINE_1 = '#111827';
const COLOR_LINE_2 = '#6b21a8';
const YEAR_COLORS = ['#1d4ed8', '#b45309', '#047857', '#6b21a8', '#be185d'];

interface DashboardData {
  input: AssessInput;
  output: AssessOutput;
  plan: RequestPlan;
  /** Outputs of earlier years, oldest first (year over year). */
  earlier: AssessOutput[];
  settings: CommuneRow | undefined;
  /** Whether the dossier due this calendar year (last year's) is locked after its meeting. */
  dueLocked: boolean;
  /** Each Mã thôn two active villages share, with their names (the villages list resolves it). */
  sharedCodes: string[];
}

async function loadDashboard(commune: string, year: number): Promise<DashboardData> {
  // The same assessment every screen shows (../assessment.ts), this year's and each earlier one's.
  const [now, years] = await Promise.all([loadAssessment(commune, year), listYears(commune)]);
  const earlierYears = years.filter((y) => y < year).sort((a, b) => a - b);
  const earlier = await Promise.all(earlierYears.map(async (y) => (await loadAssessment(commune, y)).output));
  const due = await getDossier(commune, Number(localToday().slice(0, 4)) - 1);
  const sharedCodes = duplicateVillageCodes(await listVillages(commune)).map((g) => `${g.code} (${g.villages.map((v) => v.name).join(', ')})`);
  return { input: now.input, output: now.output, plan: now.plan, earlier, settings: now.commune, dueLocked: due?.locked === true, sharedCodes };
}

const KIND_PREFIX = new RegExp(`^(${VILLAGE_KIND_WORDS.join('|')})\\s+(?=\\S)`, 'u');

/** Chart labels drop the "Thôn" every village shares, so names fit beside the bars at 360 px. */
function shortName(name: string): string {
  return name.replace(KIND_PREFIX, '');
}


/** The dashboard of one commune for one assessment year. */
export function Dashboard({ commune, year }: { commune: string; year: number }) {
  const lang: Lang = getLang();
  const { value: data, error } = useLive(() => loadDashboard(commune, year), [commune, year]);
  const output = data?.output ?? null;
  const earlierOutputs = data?.earlier ?? [];
  useEffect(() => {
    // A printout carries the tables: open every table alternative before printing.
    const open = () => document.querySelectorAll<HTMLDetailsElement>('.xht-dash details').forEach((d) => (d.open = true));
    window.addEventListener('beforeprint', open);
    return () => window.removeEventListener('beforeprint', open);
  }, []);

  if (error && !data) return <section class="xht-dash" role="alert">{String(error)}</section>;
  if (!data || !output) {
    return (
      <section class="xht-dash" aria-busy="true">
        <p>{t('dash.loading')}</p>
      </section>
    );
  }
  return (
    <section class="xht-dash" data-testid="dashboard" data-year={year} data-commune={commune} aria-labelledby="xht-dash-title">
      <h1 id="xht-dash-title" class="xht-dash__title">
        {t('dash.title')} <span class="xht-dash__sub">{data.input.commune.name} · {t('dash.yearLabel', { year })}</span>
      </h1>
      <DossierDue data={data} lang={lang} />
      <HeldTitle commune={commune} />
      <LevelCard output={output} plan={data.plan} lang={lang} />
      <Actions output={output} input={data.input} lang={lang} />
      <Criteria output={output} lang={lang} />
      <Villages input={data.input} output={output} lang={lang} sharedCodes={data.sharedCodes} />
      <Programmes output={output} lang={lang} />
      {earlierOutputs.length > 0 && <Years outputs={[...earlierOutputs, output]} lang={lang} />}
    </section>
  );
}

/**
 * Days left for the dossier due this calendar year (last year's: by 28/02 unless the province set
 * another date), shown from 1 January until the decision date has passed.
 */
function DossierDue({ data, lang }: { data: DashboardData; lang: Lang }) {
  const due = previousYearDeadlines(data.settings ?? {}, localToday());
  if (due.decision.daysLeft < 0) return null;
  const date = formatDay(due.dossier.date, lang);
  const overdue = due.dossier.daysLeft < 0 && !data.dueLocked;
  return (
    <p class={`xht-dash__due${overdue ? ' xht-dash__due--late' : ''}`} data-testid="dossier-due">
      {data.dueLocked ? t('dash.dossierLocked', { year: due.year }) : t('dash.dossierDue', { year: due.year, date, days: due.dossier.daysLeft })}{' '}
      <a href="#/ho-so">{t('dash.openDossier')}</a>
    </p>
  );
}

interface Part {
  output: AssessOutput;
  lang: Lang;
}

function LevelCard({ output, plan, lang }: Part & { plan: RequestPlan }) {
  const next = nextLevel(output);
  const dist = next ? distanceTo(output, next) : null;
  const reached = output.level === 0 ? levelLabel(0, lang) : t('dash.reached', { label: levelLabel(output.level, lang) });
  const apply = output.eligibleLevel === 0 ? t('dash.mayNotApply') : t('dash.mayApply', { label: levelLabel(output.eligibleLevel, lang) });
  const waitFrom = output.eligibility?.from;
  return (
    <div class="xht-dash__card xht-dash__level" data-testid="dash-level" data-level={output.level}>
      <p class="xht-dash__reached" data-testid="dash-reached">
        {reached}
        {output.level === 0 && dist ? ` — ${t('dash.toGo', { n: dist.total })}` : ''}
      </p>
      {dist && output.level > 0 && (
        <p data-testid="dash-distance">
          {levelLabel(dist.level, lang)}: {t('dash.toGo', { n: dist.total })}
          {dist.total > 0 ? ` (${t('dash.toGoDetail', { unmet: dist.unmet, unknown: dist.unknown })})` : ''}
        </p>
      )}
      {dist && output.level === 0 && dist.unknown > 0 && (
        <p data-testid="dash-distance">
          {levelLabel(dist.level, lang)}: {t('dash.toGoDetail', { unmet: dist.unmet, unknown: dist.unknown })}
        </p>
      )}
      {!next && <p>{t('dash.topLevel')}</p>}
      <p class="xht-dash__apply" data-testid="dash-eligible" data-eligible={output.eligibleLevel}>
        {apply}
      </p>
      {waitFrom && output.eligibleLevel < output.level && (
        <p data-testid="dash-wait">{t('dash.waitUntil', { label: levelLabel(output.level as LevelNo, lang), date: formatDay(waitFrom, lang) })}</p>
      )}
      {/* "Chưa thể đề nghị công nhận" above already says it when no level is met. */}
      {plan.kind === 'none' && plan.reason === 'not-met' ? null : (
        <p data-testid="dash-request" data-kind={plan.kind}>{requestText(plan, lang)}</p>
      )}
    </div>
  );
}

/** How many actions show before "more"; the chair needs the first few, not all. */
const ACTIONS_SHOWN = 5;

function ActionItem({ a }: { a: Action }) {
  return (
    <li data-indicator={a.indicatorId ?? ''} data-kind={a.kind}>
      {a.text}
      {a.details.length > 0 && (
        <ul class="xht-dash__details">
          {a.details.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      )}
    </li>
  );
}

function Actions({ output, input, lang }: Part & { input: AssessInput }) {
  const next = nextLevel(output);
  const actions = useMemo(() => (next ? actionsToReach(output, next, input, lang) : []), [output, input, next, lang]);
  if (!next) return null;
  const shown = actions.slice(0, ACTIONS_SHOWN);
  const rest = actions.slice(ACTIONS_SHOWN);
  return (
    <div class="xht-dash__card" data-testid="dash-actions" data-level={next}>
      <h2>{t('dash.nextLevel', { label: levelLabel(next, lang) })}</h2>
      {actions.length === 0 ? (
        <p>{t('dash.actionsNone')}</p>
      ) : (
        <ol class="xht-dash__actions">
          {shown.map((a) => (
            <ActionItem key={`${a.indicatorId}|${a.kind}`} a={a} />
          ))}
        </ol>
      )}
      {rest.length > 0 && (
        <details class="xht-dash__more">
          <summary>{t('dash.moreActions', { n: rest.length })}</summary>
          <ol class="xht-dash__actions" start={ACTIONS_SHOWN + 1}>
            {rest.map((a) => (
              <ActionItem key={`${a.indicatorId}|${a.kind}`} a={a} />
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}

function StatusBadge({ status, lang }: { status: Status; lang: Lang }) {
  const mark = status === 'met' ? '✓' : status === 'unmet' ? '✗' : '?';
  return (
    <span class={`xht-status xht-status--${status}`} data-status={status}>
      <span aria-hidden="true">{mark} </span>
      {statusLabel(status, lang)}
    </span>
  );
}

function Criteria({ output, lang }: Part) {
  const catalog = getCatalog(output.catalog) ?? getCatalog(DEFAULT_CATALOG_ID);
  const rows = criterionRows(output);
  return (
    <div class="xht-dash__card" data-testid="dash-criteria">
      <h2>{t('dash.criteria')}</h2>
      <ul class="xht-dash__criteria">
        {rows.map((r) => {
          const def = catalog ? findCriterion(catalog, r.id) : undefined;
          return (
            <li key={r.id} data-criterion={r.id}>
              <span class="xht-dash__crit-name">
                <b>{criterionName(r.id, lang)}</b> {def ? def.text[lang] : ''}
              </span>
              <span class="xht-dash__crit-status">
                <span data-level="1">
                  {t('dash.level1Short')}: <StatusBadge status={r.status[1]} lang={lang} />
                </span>
                <span data-level="2">
                  {t('dash.level2Short')}: <StatusBadge status={r.status[2]} lang={lang} />
                </span>
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function linesFor(output: AssessOutput, key: RatioKey, lang: Lang): ThresholdLine[] {
  const l = ratioLines(output, key);
  const label = (level: LevelNo, value: number) =>
    t('dash.lineLevel', { label: levelLabel(level, lang), value: formatPercent(value, lang) }) + (l.difficultArea ? ` (${t('dash.difficultArea')})` : '');
  const lines: ThresholdLine[] = [];
  if (l.levels[1] !== null) lines.push({ value: l.levels[1], label: label(1, l.levels[1]), color: COLOR_LINE_1 });
  if (l.levels[2] !== null) lines.push({ value: l.levels[2], label: label(2, l.levels[2]), color: COLOR_LINE_2, dashed: true });
  if (l.target !== null) lines.push({ value: l.target, label: t('dash.lineTarget', { value: formatPercent(l.target, lang) }), color: COLOR_LINE_1, dashed: true });
  return lines;
}

/** A short list of village names: the first few, then how many more (the table has them all). */
const NAMES_SHOWN = 6;
function nameList(names: string[]): string {
  return names.length <= NAMES_SHOWN ? names.join(', ') : `${names.slice(0, NAMES_SHOWN - 1).join(', ')} ${t('dash.andMore', { n: names.length - NAMES_SHOWN + 1 })}`;
}

function ratioName(key: RatioKey): string {
  return t(`dash.ratioName.${key}`);
}

function Villages({ input, output, lang, sharedCodes }: Part & { input: AssessInput; sharedCodes: string[] }) {
  const [key, setKey] = useState<RatioKey>('citizens');
  const rows = useMemo(() => villageRows(input), [input]);
  const done = completeness(rows);
  const lines = useMemo(() => linesFor(output, key, lang), [output, key, lang]);
  // Bars are coloured against the lowest line drawn (level 1, or the programme target).
  const bar = lines[0]?.value ?? null;
  const spec = useMemo<BarChartSpec>(
    () => ({
      labels: rows.map((r) => (r.ratios[key] ? shortName(r.name) : `${shortName(r.name)} (${t('dash.noData')})`)),
      series: [
        {
          label: ratioName(key),
          values: rows.map((r) => r.ratios[key]?.percent ?? null),
          color: rows.map((r) => {
            const v = r.ratios[key];
            return v && bar !== null && !reaches(v, bar) ? COLOR_BELOW : COLOR_ABOVE;
          }),
        },
      ],
      lines,
      horizontal: true,
      max: 100,
      format: (v) => pct(lang, v),
      valueLabels: true,
    }),
    [rows, key, lines, lang, bar],
  );
  const withData = rows.filter((r) => r.ratios[key]);
  const below = bar === null ? 0 : withData.filter((r) => !reaches(r.ratios[key]!, bar)).length;
  const emptyNames = rows.filter((r) => r.state === 'empty').map((r) => r.name);
  const notRecognized = rows.filter((r) => r.recognized === false).map((r) => r.name);

  if (rows.length === 0) {
    return (
      <div class="xht-dash__card" data-testid="dash-villages">
        <h2>{t('dash.villages')}</h2>
        <p>{t('dash.noVillages')}</p>
      </div>
    );
  }
  return (
    <div class="xht-dash__card" data-testid="dash-villages">
      <h2>{t('dash.villages')}</h2>
      {sharedCodes.length ? (
        <p class="notice warn" role="note" data-testid="dash-shared-codes">
          {t('dash.sharedCodes', { codes: sharedCodes.join('; ') })} <a href={href(PATHS.villages)}>{t('dash.fixCodes')}</a>
        </p>
      ) : null}
      <p data-testid="dash-completeness" data-empty={done.empty} data-partial={done.partial} data-total={done.total}>
        {done.empty + done.partial === 0
          ? t('dash.completenessDone', { total: done.total })
          : [done.empty ? t('dash.completenessEmpty', { n: done.empty, total: done.total }) : '', done.partial ? t('dash.completenessPartial', { n: done.partial }) : '']
              .filter(Boolean)
              .join(' · ')}
        {emptyNames.length > 0 && <span class="xht-dash__names">: {nameList(emptyNames)}</span>}
      </p>
      <p data-testid="dash-recognized" data-recognized={done.recognized}>
        {t('dash.villagesRecognized', { n: done.recognized, total: done.total })}
        {notRecognized.length > 0 && <span class="xht-dash__names"> — {t('dash.no')}: {nameList(notRecognized)}</span>}
      </p>
      <fieldset class="xht-dash__switch">
        <legend>{t('dash.chooseRatio')}</legend>
        {/* Chrome < 86 cannot lay out a fieldset as a grid: the grid is an inner box. */}
        <div class="xht-dash__seg">
          {RATIO_KEYS.map((k) => (
            <label key={k} class={k === key ? 'is-on' : ''}>
              <input type="radio" name="xht-ratio" value={k} checked={k === key} onChange={() => setKey(k)} />
              {t(`dash.ratioShort.${k}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <h3 class="xht-dash__chart-title">{t('dash.chartTitle', { what: ratioName(key) })}</h3>
      <BarChart
        spec={spec}
        height={rows.length * 30 + 36 + lines.length * 15}
        label={t('dash.chartAria', { what: ratioName(key), below, total: withData.length, line: lines[0]?.label ?? '' })}
        failedText={t('dash.chartFailed')}
        testId="dash-village-chart"
      >
        <ul class="xht-dash__legend xht-dash__legend--list" data-testid="dash-village-legend">
          <li>
            <span class="xht-swatch" aria-hidden="true" style={{ background: COLOR_ABOVE }} /> {t('dash.legendAbove')}
          </li>
          <li>
            <span class="xht-swatch" aria-hidden="true" style={{ background: COLOR_BELOW }} /> {t('dash.legendBelow')}
          </li>
          {lines.map((l) => (
            <li key={l.label} data-line={l.value}>
              <span class="xht-line" aria-hidden="true" style={{ borderColor: l.color, borderTopStyle: l.dashed ? 'dashed' : 'solid' }} /> {l.label}
            </li>
          ))}
        </ul>
        <VillageTable rows={rows} lang={lang} />
      </BarChart>
    </div>
  );
}

/**
 * A percent cut (never rounded up) to one decimal: a share of 59,96 % reads 59,9 %, never as the
 * 60 % it does not reach. The epsilon keeps an exact 57,3 % (57.29999… in floating point) whole.
 */
function pct(lang: Lang, v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : formatPercent(Math.floor(v * 10 + 1e-9) / 10, lang);
}

function VillageTable({ rows, lang }: { rows: VillageRow[]; lang: Lang }) {
  return (
    <details class="xht-dash__table">
      <summary>{t('dash.showTable')}</summary>
      <div class="xht-dash__scroll">
        <table data-testid="dash-village-table">
          <thead>
            <tr>
              <th scope="col">{t('dash.village')}</th>
              {RATIO_KEYS.map((k) => (
                <th scope="col" key={k}>
                  {t(`dash.ratioName.${k}`)}
                </th>
              ))}
              <th scope="col">{t('dash.villageCommunity')}</th>
              <th scope="col">{t('dash.dataColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.code} data-village={r.code}>
                <th scope="row">{r.name}</th>
                {RATIO_KEYS.map((k) => (
                  <td data-ratio={k} key={k}>
                    {pct(lang, r.ratios[k]?.percent)}
                  </td>
                ))}
                <td>{r.recognized === null ? '—' : r.recognized ? t('dash.yes') : t('dash.no')}</td>
                <td>{r.state === 'empty' ? t('dash.noData') : t('dash.filled', { n: r.filled, total: COUNT_FIELDS.length })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

const YEAR_SERIES: { key: keyof Omit<YearPoint, 'year'>; name: () => string }[] = [
  { key: 'citizens', name: () => t('dash.ratioName.citizens') },
  { key: 'trained', name: () => t('dash.ratioName.trained') },
  { key: 'university', name: () => t('dash.ratioName.university') },
  { key: 'families', name: () => t('dash.ratioName.families') },
  { key: 'villages', name: () => t('dash.villageCommunity') },
];

/** Programme targets of Quyết định 387/QĐ-TTg: information beside the criteria, never in the level. */
function Programmes({ output, lang }: Part) {
  const catalog = getCatalog(output.catalog) ?? getCatalog(DEFAULT_CATALOG_ID)!;
  return (
    <div class="xht-dash__card" data-testid="dash-programmes">
      <h2>{t('dash.programmes')}</h2>
      <p class="xht-dash__note">{t('dash.programmesNote', { source: catalog.programmes.source[lang] })}</p>
      <ul class="xht-dash__criteria">
        {catalog.programmes.targets.map((p) => {
          const r = output.info[p.key];
          return (
            <li key={p.key} data-programme={p.key}>
              <span class="xht-dash__crit-name">{p.label[lang]}</span>
              <span class="xht-dash__crit-status">
                {r && r.denominator > 0 ? formatShare(r, p.target, lang) : '—'} · {t('dash.lineTarget', { value: formatPercent(p.target, lang) })}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function Years({ outputs, lang }: { outputs: AssessOutput[]; lang: Lang }) {
  const points = useMemo(() => yearSeries(outputs), [outputs]);
  const spec = useMemo<BarChartSpec>(
    () => ({
      labels: points.map((p) => String(p.year)),
      series: YEAR_SERIES.map((s, i) => ({
        label: s.name(),
        values: points.map((p) => p[s.key]),
        color: YEAR_COLORS[i] ?? COLOR_ABOVE,
      })),
      lines: [],
      horizontal: false,
      max: 100,
      format: (v) => pct(lang, v),
      valueLabels: false,
    }),
    [points, lang],
  );
  const first = points[0]?.year ?? 0;
  const last = points[points.length - 1]?.year ?? 0;
  return (
    <div class="xht-dash__card" data-testid="dash-years">
      <h2>{t('dash.years')}</h2>
      <BarChart spec={spec} height={220} label={t('dash.yearsAria', { first, last })} failedText={t('dash.chartFailed')} testId="dash-year-chart">
        <ul class="xht-dash__legend xht-dash__legend--list" aria-hidden="true">
          {YEAR_SERIES.map((s, i) => (
            <li key={s.key}>
              <span class="xht-swatch" style={{ background: YEAR_COLORS[i] }} /> {s.name()}
            </li>
          ))}
        </ul>
        <details class="xht-dash__table">
          <summary>{t('dash.showTable')}</summary>
          <div class="xht-dash__scroll">
            <table data-testid="dash-year-table">
              <thead>
                <tr>
                  <th scope="col">{t('dash.year')}</th>
                  {YEAR_SERIES.map((s) => (
                    <th scope="col" key={s.key}>
                      {s.name()}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {points.map((p) => (
                  <tr key={p.year}>
                    <th scope="row">{p.year}</th>
                    {YEAR_SERIES.map((s) => (
                      <td key={s.key}>{pct(lang, p[s.key])}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </BarChart>
    </div>
  );
}
