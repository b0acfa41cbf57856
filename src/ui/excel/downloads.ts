// The spreadsheets a cadre downloads (lazy; the writer loads only when a file is asked for): the
// import template, the villages' table of a year and the Bảng tổng hợp, from this device's data.
// Reads through src/db, builds with src/export, hands the file to the browser. Writes nothing.
import { getCommune, getVillageCounts, listVillages } from '../../db/index.ts';
import { getCatalog, tt25_2023 } from '../../domain/catalog/index.ts';
import { textsOfRow } from '../../dossier/texts.ts';
import { loadAssessment } from '../assessment.ts';
import { saveBlob } from '../save-file.ts';

async function tableInput(commune: string, year: number) {
  const c = await getCommune(commune);
  const villages = await listVillages(commune);
  const counts = new Map((await getVillageCounts(commune, year)).map((r) => [r.village, r as unknown as Record<string, unknown>]));
  return { commune: { code: c?.code ?? commune, name: c?.name ?? commune, province: c?.province }, year, villages, counts };
}

export type SheetKind = 'template' | 'villages' | 'summary';

/** Builds and downloads one of the sheets; resolves with its file name. */
export async function downloadSheet(kind: SheetKind, commune: string, year: number): Promise<string> {
  const x = await import('../../export/index.ts');
  if (kind === 'summary') {
    // The one assessment every screen shows (same asOf, same history): the sheet never disagrees.
    const { input, output, commune: c, dossier } = await loadAssessment(commune, year);
    const catalog = getCatalog(input.catalog) ?? tt25_2023;
    const blob = await x.summaryTableXlsx({
      input, output, catalog, texts: textsOfRow(dossier),
      commune: { code: commune, name: c?.name ?? input.commune.name, province: c?.province },
    });
    const name = x.summaryFileName(commune, year);
    saveBlob(blob, name);
    return name;
  }
  const t = await tableInput(commune, year);
  const blob = kind === 'template' ? await x.templateXlsx(t) : await x.villagesTableXlsx(t);
  const name = x.villagesFileName(commune, year, kind === 'template');
  saveBlob(blob, name);
  return name;
}
