// Village list (route `#/thon`): each village of the commune with its completion for the year
// ("9/11 mục"), its shares of the circular (TC5.1, TC5.2) and its learning-model ratios (programme
// targets). Reads live; adding villages reuses the first-run adder.
// A collector sees their villages first; villages they may not enter are marked read-only.
// Active villages sharing a Mã thôn are named at the top, each with "Sửa mã" (village-codes.tsx).
// "Bảng tính Excel" opens the sheet import in place of the list (src/ui/excel, lazy).
import { useState } from 'preact/hooks';
import { getVillageCounts, listVillages, type VillageCountsRow } from '../../db/index.ts';
import { missingCountKeys } from '../../domain/schemas/entities.ts';
import { VILLAGE_COUNT_KEYS } from '../../domain/schemas/labels.ts';
import { fmtNumber, fmtPercent, t } from '../i18n/index.ts';
import { useLive } from '../hooks/use-live.ts';
import { href } from '../router.ts';
import { Title } from '../components/title.tsx';
import { VillageAdder } from './first-run.tsx';
import { DuplicateCodes } from './village-codes.tsx';
import { ownVillagesFirst, readOnlyReason } from '../access.ts';
import { loadAccess } from '../hooks/use-access.ts';
import { ReadOnlyNote } from '../components/read-only-note.tsx';
import { PATHS, type ScreenProps } from '../routes.tsx';
import { ExcelCard, ImportButton, LazyImportPanel, isImportOpen, setImportOpen } from '../excel/excel-card.tsx';

/** Number of glossary items of villageCounts (the counts + villageRecognized). */
export const VILLAGE_ITEMS = VILLAGE_COUNT_KEYS.length + 1;

/** How many of the items of a village's counts hold a value. */
export function completionOf(row: VillageCountsRow | undefined): number {
  return VILLAGE_ITEMS - missingCountKeys((row ?? {}) as Record<string, unknown>).length;
}

function ratio(num: number | null | undefined, den: number | null | undefined): string {
  if (typeof num !== 'number' || typeof den !== 'number' || den === 0) return '—';
  // Cut, never rounded up, to one decimal: a village at 59,96 % must not read as 60 %.
  return `${fmtPercent(Math.floor((num * 1000) / den) / 10)} (${fmtNumber(num)}/${fmtNumber(den)})`;
}

async function load(commune: string, year: number) {
  const villages = await listVillages(commune);
  const counts = new Map((await getVillageCounts(commune, year)).map((r) => [r.village, r]));
  const access = await loadAccess(commune);
  const rows = ownVillagesFirst(access, villages).map((v) => ({
    village: v,
    counts: counts.get(v.id),
    readOnly: readOnlyReason(access, 'villageCounts', v.id) !== null,
  }));
  return { rows, access };
}

/** The village list screen. */
export function Villages({ commune, year }: ScreenProps) {
  const live = useLive(() => load(commune, year), [commune, year]);
  const rows = live.value?.rows ?? [];
  const access = live.value?.access;
  const mine = access?.role === 'collector' && access.villages ? rows.filter((r) => !r.readOnly) : null;
  const incomplete = rows.filter((r) => completionOf(r.counts) < VILLAGE_ITEMS).length;
  const [importing, setImporting] = useState(isImportOpen());
  if (importing) {
    return (
      <>
        <Title>
          {t('villagesTitle')} — {year}
        </Title>
        <LazyImportPanel commune={commune} year={year} onClose={() => { setImportOpen(false); setImporting(false); }} />
      </>
    );
  }
  const canImport = access ? readOnlyReason(access, 'villageCounts', access.villages?.[0]) === null : false;
  return (
    <>
      <Title>
        {t('villagesTitle')} — {year}
      </Title>
      {access ? <DuplicateCodes commune={commune} villages={rows.map((r) => r.village)} canEdit={readOnlyReason(access, 'village') === null} /> : null}
      {rows.length ? <p>{t('villagesMissing', { n: incomplete, total: rows.length })}</p> : null}
      {incomplete && canImport ? <ImportButton onImport={() => setImporting(true)} /> : null}
      {mine ? (
        <p class="notice" role="note" data-testid="read-only-note">
          {t('roVillageScopeList', { villages: mine.map((r) => r.village.name).join(', ') || '—' })}
        </p>
      ) : access && access.role !== 'collector' ? (
        <ReadOnlyNote reason={readOnlyReason(access, 'villageCounts')} level="village" />
      ) : null}
      <ul class="card-list">
        {rows.map(({ village, counts, readOnly }) => {
          const done = completionOf(counts);
          const c = counts ?? ({} as Partial<VillageCountsRow>);
          return (
            <li key={village.id}>
              <a class={`village-card${done === VILLAGE_ITEMS ? ' complete' : ''}`} href={href(PATHS.villages, village.id)}>
                <span class="village-title">
                  <strong>{village.name}</strong>
                  <span class={`pill${done === VILLAGE_ITEMS ? ' ok' : ''}`}>{t('completion', { done, total: VILLAGE_ITEMS })}</span>
                  {readOnly ? <span class="pill ro">{t('roPill')}</span> : mine ? <span class="pill ok">{t('assignedPill')}</span> : null}
                </span>
                <dl class="ratios">
                  <dt>{t('citizenRatio')}</dt>
                  <dd>{ratio(c.citizensRecognized, c.citizens)}</dd>
                  <dt>{t('trainedRatio')}</dt>
                  <dd>{ratio(c.trained, c.citizens)}</dd>
                  <dt>{t('universityRatio')}</dt>
                  <dd>{ratio(c.university, c.citizens)}</dd>
                  <dt>{t('familyRatio')}</dt>
                  <dd>{ratio(c.familiesRecognized, c.households)}</dd>
                  <dt>{t('lineageRatio')}</dt>
                  <dd>{ratio(c.lineagesRecognized, c.lineages)}</dd>
                  <dt>{t('communityRecognized')}</dt>
                  <dd>{c.villageRecognized === true ? t('yes') : c.villageRecognized === false ? t('no') : '—'}</dd>
                </dl>
              </a>
            </li>
          );
        })}
      </ul>
      {access && readOnlyReason(access, 'village') === null ? <VillageAdder commune={commune} /> : null}
      {access ? <ExcelCard commune={commune} year={year} kinds={['template', 'villages']} onImport={canImport ? () => setImporting(true) : null} /> : null}
    </>
  );
}
