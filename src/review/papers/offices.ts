// How the province's offices stand on their papers: the header lines (the parent body regular,
// the issuing body bold), document numbers with their office's abbreviation, the signing block,
// the authority a decision is issued under, and the date line. Pure wording of a province setting.
import { officialHeader, signingColumns, type HeaderSpec, type IssuerLine } from '../../dossier/blocks.ts';
import type { Columns, Para } from '../../dossier/doc.ts';
import { dateLine } from '../../dossier/format.ts';
import { documentNumber, signingBlock } from '../../dossier/texts.ts';
import type { Office, PaperRef, ProvinceSettings } from './types.ts';

const upper = (s: string): string => s.trim().toLocaleUpperCase('vi');

/** "GIÁM ĐỐC" → "Giám đốc": a title inside a sentence. */
export function sentenceCase(s: string): string {
  const low = s.trim().toLocaleLowerCase('vi');
  return low.charAt(0).toLocaleUpperCase('vi') + low.slice(1);
}

const PEOPLES_COMMITTEE = /^(ủy ban nhân dân)\s+(.+)$/iu;

/**
 * The header lines of an office (Nghị định 30/2020): its parent body upper case, not bold, then
 * its own name bold; a People's Committee without a parent on two bold lines, as the commune's.
 */
export function issuerOf(o: Office): IssuerLine[] {
  const own = (o.headerName ?? o.name).trim();
  if (o.parent?.trim()) return [{ text: upper(o.parent), bold: false }, { text: upper(own), bold: true }];
  const m = PEOPLES_COMMITTEE.exec(own);
  if (m) return [{ text: upper(m[1]!), bold: true }, { text: upper(m[2]!), bold: true }];
  return [{ text: upper(own), bold: true }];
}

/** The council's header: the receiver above it, the council's own name bold. */
export function councilIssuer(receiver: Office): IssuerLine[] {
  return [
    { text: upper(receiver.headerName ?? receiver.name), bold: false },
    { text: 'HỘI ĐỒNG ĐÁNH GIÁ, CÔNG NHẬN', bold: true },
    { text: '"CỘNG ĐỒNG HỌC TẬP" CẤP XÃ', bold: true },
  ];
}

/** "Số: 05/TTr-SGDĐT": the paper's kind then the office's abbreviation (numbers below 10 with a leading zero). */
export function numberLine(ref: PaperRef | undefined, kind: string, o: Office): string {
  return `Số: ${documentNumber(ref?.number, `${kind}-${o.abbr}`)}`;
}

/** A number cited inside a sentence: "120/QĐ-UBND", or "…/QĐ-UBND" while the office has not given it. */
export function citedNumber(typed: string | undefined, suffix: string): string {
  return typed?.trim() ? documentNumber(typed, suffix) : `…/${suffix}`;
}

/** A letter's number: the office's abbreviation, then its drafting unit ("Số: 120/SGDĐT-GDTX"). */
export function letterNumberLine(ref: PaperRef | undefined, o: Office): string {
  return `Số: ${documentNumber(ref?.number, o.draftingUnit?.trim() ? `${o.abbr}-${o.draftingUnit.trim()}` : o.abbr)}`;
}

/** "Quảng Ngãi, ngày 10 tháng 03 năm 2026", blanks for the hand without a date. */
export function provinceDate(s: ProvinceSettings, date: string | undefined, year: number): string {
  return dateLine(s.place?.trim() || s.province, date, year + 1);
}

/** The header of a paper issued by `issuer`. */
export function header(issuer: IssuerLine[], number: string | null, date: string | null, leftExtra?: Para[]): Columns {
  const spec: HeaderSpec = { issuer, numberLine: number, dateText: date };
  if (leftExtra) spec.leftExtra = leftExtra;
  return officialHeader(spec);
}

/** The signing lines of an office, upper case as printed. */
export function signingOf(o: Office): string[] {
  return signingBlock(o.signerAuthority ? upper(o.signerAuthority) : undefined, upper(o.signerTitle));
}

/** Nơi nhận and the office's signing block. */
export function officeFooter(o: Office, recipients: string[] | null, signerName?: string): Columns {
  return signingColumns(recipients, signingOf(o), signerName ?? o.signerName);
}

/** The head's title a deputy signs for: "PHÓ GIÁM ĐỐC" → "GIÁM ĐỐC". */
const headTitle = (o: Office): string => upper(o.signerTitle).replace(/^(KT\.\s*)?PHÓ\s+/u, '');

/**
 * Who a decision is issued by, as the line above its Căn cứ prints it: the body itself when it
 * decides collectively ("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI"), else its head ("CHỦ TỊCH ỦY BAN NHÂN
 * DÂN TỈNH QUẢNG NGÃI", "GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH QUẢNG NGÃI").
 */
export function authorityLine(o: Office): string {
  if (/^TM\./iu.test(o.signerAuthority?.trim() ?? '')) return upper(o.name);
  return `${headTitle(o)} ${upper(o.name)}`;
}

/** The same authority inside a sentence: "của Chủ tịch Ủy ban nhân dân tỉnh Quảng Ngãi". */
export function authorityInText(o: Office): string {
  if (/^TM\./iu.test(o.signerAuthority?.trim() ?? '')) return o.name.trim();
  return `${sentenceCase(headTitle(o))} ${o.name.trim()}`;
}

/** The drafting unit after "Lưu: VT,", or the office's abbreviation. */
export function archiveOf(o: Office): string {
  return o.draftingUnit?.trim() || o.abbr;
}
