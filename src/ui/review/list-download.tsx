// "Tải danh sách (tệp Excel)": the province's list as the screen words it, written by the lazy
// spreadsheet chunk (write-excel-file loads only when asked).
import { useState } from 'preact/hooks';
import { localToday } from '../../dossier/deadlines.ts';
import { listRow, listTotals, sortRows } from '../../review/list.ts';
import { fmtDate, fmtDateTime, t } from '../i18n/index.ts';
import { saveBlob } from '../save-file.ts';
import { loadProvince } from './data.ts';
import { levelShort, stateText } from './words.ts';

export async function downloadProvinceList(year: number): Promise<string> {
  const [x, data] = await Promise.all([import('../../export/index.ts'), loadProvince(year)]);
  const today = localToday();
  const rows = sortRows(data.sources.map((s) => listRow(s, today, data.deadlines)), 'name');
  const totals = listTotals(rows);
  const blob = await x.provinceSheetXlsx({
    title: `${t('rv.title', { year })}${data.province ? ` — ${data.province}` : ''}`,
    columns: ['STT', t('rv.col.commune'), t('rv.col.state'), t('rv.col.claimed'), t('rv.col.computed'), t('rv.col.evidence'), t('rv.col.deadline'), t('rv.col.lastSync'), t('rv.col.changed')],
    rows: rows.map((r, i) => [
      i + 1, r.name, stateText(r.state), levelShort(r.claimed),
      `${levelShort(r.computed)}${r.mismatch ? ` (${t('rv.mismatch')})` : ''}`,
      r.evidence ? t('rv.evidenceOf', r.evidence) : t('rv.none'),
      r.deadline ? `${t('rv.daysLeft', { days: r.deadline.daysLeft })} (${fmtDate(r.deadline.date)})` : t('rv.none'),
      fmtDateTime(r.lastSync),
      r.state === 'draft' ? t('rv.none') : r.changed ? t('rv.changedYes') : t('rv.changedNo'),
    ]),
    totals: `${t('rv.totalComputed', { l1: totals.computed.level1, l2: totals.computed.level2, none: totals.computed.none, noData: totals.computed.noData })}. ${t('rv.totalFlags', { mismatch: totals.mismatch, changed: totals.changed, overdue: totals.overdue })}`,
  });
  const name = x.provinceFileName(data.province ?? '', year);
  saveBlob(blob, name);
  return name;
}

export function ListDownload({ year }: { year: number }) {
  const [done, setDone] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  return (
    <section class="card">
      <button type="button" class="wide" onClick={() => void downloadProvinceList(year).then(setDone, (e: unknown) => setFailed(String(e)))}>
        {t('rv.download')}
      </button>
      {done ? <p role="status">{t('rv.downloaded', { name: done })}</p> : null}
      {failed ? <p role="alert" class="error">{failed}</p> : null}
    </section>
  );
}
