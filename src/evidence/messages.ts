// What the evidence module says to a person: the codes it refuses a file with and the stages of
// its progress; the words are the catalog's part `evidence` (src/i18n/vi|en/evidence.ts). Runs in
// the page and in the worker.
import { words as en } from '../i18n/en/evidence.ts';
import type { Lang } from '../i18n/lang.ts';
import { words as vi, type EvidenceErrorParams } from '../i18n/vi/evidence.ts';
import { speak } from '../i18n/words.ts';

/** Why a file was refused or could not be prepared. */
export const EVIDENCE_ERROR_CODES = [
  'empty-file',
  'file-unreadable',
  'unsupported-type',
  'heic-unsupported',
  'pdf-too-large',
  'pdf-damaged',
  'photo-too-large',
  'photo-too-many-pixels',
  'image-unreadable',
  'compress-failed',
  'aborted',
] as const;
export type EvidenceErrorCode = (typeof EVIDENCE_ERROR_CODES)[number];

export type { EvidenceErrorParams };

const TABLES = { vi, en } as const;

/** The message for `code`, in `lang`. */
export function evidenceErrorMessage(code: EvidenceErrorCode, params: EvidenceErrorParams = {}, lang: Lang = 'vi'): string {
  return speak(TABLES[lang][`evidence.${code}`], code, params);
}

/** A file refused or not prepared; `message` is Vietnamese, `messageEn` English. */
export class EvidenceFileError extends Error {
  readonly code: EvidenceErrorCode;
  readonly params: EvidenceErrorParams;
  readonly messageEn: string;
  constructor(code: EvidenceErrorCode, params: EvidenceErrorParams = {}, options?: { cause?: unknown }) {
    super(evidenceErrorMessage(code, params, 'vi'));
    this.name = 'EvidenceFileError';
    this.code = code;
    this.params = params;
    this.messageEn = evidenceErrorMessage(code, params, 'en');
    if (options?.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}

/** The stages a file goes through, in order. */
export type EvidenceStage = 'read' | 'decode' | 'resize' | 'encode' | 'thumbnail' | 'hash' | 'done';

const STAGES: readonly EvidenceStage[] = ['read', 'decode', 'resize', 'encode', 'thumbnail', 'hash', 'done'];
const stageLabels = (lang: Lang) => Object.fromEntries(STAGES.map((st) => [st, speak(TABLES[lang][`evidence.stage.${st}`], st)])) as Record<EvidenceStage, string>;

/** What a progress line says for each stage. */
export const STAGE_LABELS: Record<Lang, Record<EvidenceStage, string>> = { vi: stageLabels('vi'), en: stageLabels('en') };

/** One progress report: the stage and how far the whole job is, 0–1. */
export interface EvidenceProgress {
  stage: EvidenceStage;
  fraction: number;
}
