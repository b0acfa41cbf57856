// What the evidence module says to a person: the error it refuses a file with and the stages of
// its progress, in Vietnamese first and English second. Runs in the page and in the worker
// (numbers are formatted with Intl, which both have).

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

/** Values a message names: the file, its size in MB, the limit, millions of pixels. */
export interface EvidenceErrorParams {
  name?: string;
  sizeMb?: number;
  maxMb?: number;
  megapixels?: number;
  maxMegapixels?: number;
}

type Say = (p: EvidenceErrorParams, n: (x: number | undefined) => string, q: string) => string;

const VI: Record<EvidenceErrorCode, Say> = {
  'empty-file': (p, _n, q) => `Tệp ${q} không có nội dung. Hãy chọn lại tệp.`,
  'file-unreadable': (p, _n, q) => `Không đọc được tệp ${q}: tệp có thể đã bị xóa, bị di chuyển hoặc chưa tải xong về máy. Hãy chọn lại tệp.`,
  'unsupported-type': (p, _n, q) => `Tệp ${q} không phải ảnh hay tệp PDF. Chỉ đính kèm được ảnh (JPG, PNG) hoặc tệp PDF.`,
  'heic-unsupported': (p, _n, q) => `Ảnh ${q} ở định dạng HEIC, máy này chưa mở được. Hãy chọn ảnh JPG hoặc chụp ảnh mới.`,
  'pdf-too-large': (p, n, q) => `Tệp PDF ${q} nặng ${n(p.sizeMb)} MB, vượt mức tối đa ${n(p.maxMb)} MB. Hãy quét lại ở độ phân giải thấp hơn hoặc tách thành nhiều tệp nhỏ rồi đính kèm từng tệp.`,
  'pdf-damaged': (p, _n, q) => `Tệp PDF ${q} không trọn vẹn (có thể chưa tải xong hoặc bị hỏng). Hãy mở thử tệp trên máy rồi chọn lại.`,
  'photo-too-large': (p, n, q) => `Ảnh ${q} nặng ${n(p.sizeMb)} MB, quá lớn để xử lý trên điện thoại (tối đa ${n(p.maxMb)} MB). Hãy chụp lại ở độ phân giải thấp hơn.`,
  'photo-too-many-pixels': (p, n, q) => `Ảnh ${q} quá lớn (${n(p.megapixels)} triệu điểm ảnh, tối đa ${n(p.maxMegapixels)} triệu). Hãy chụp lại ở độ phân giải thấp hơn.`,
  'image-unreadable': (p, _n, q) => `Không mở được ảnh ${q}: tệp có thể bị hỏng hoặc máy không đủ bộ nhớ. Hãy đóng bớt ứng dụng khác rồi thử lại, hoặc chụp lại ảnh.`,
  'compress-failed': (p, _n, q) => `Không nén được ảnh ${q}. Hãy thử lại; nếu vẫn không được, hãy chụp lại ảnh.`,
  aborted: (p, _n, q) => `Đã dừng xử lý tệp ${q}.`,
};

const EN: Record<EvidenceErrorCode, Say> = {
  'empty-file': (p, _n, q) => `The file ${q} is empty. Please choose the file again.`,
  'file-unreadable': (p, _n, q) => `The file ${q} could not be read: it may have been deleted, moved or not fully downloaded. Please choose it again.`,
  'unsupported-type': (p, _n, q) => `The file ${q} is neither a photo nor a PDF. Only photos (JPG, PNG) and PDF files can be attached.`,
  'heic-unsupported': (p, _n, q) => `The photo ${q} is in HEIC format, which this phone cannot open. Please choose a JPG photo or take a new one.`,
  'pdf-too-large': (p, n, q) => `The PDF ${q} is ${n(p.sizeMb)} MB, above the ${n(p.maxMb)} MB limit. Scan it at a lower resolution or split it into smaller files.`,
  'pdf-damaged': (p, _n, q) => `The PDF ${q} is incomplete (not fully downloaded, or damaged). Open it on the phone, then choose it again.`,
  'photo-too-large': (p, n, q) => `The photo ${q} is ${n(p.sizeMb)} MB, too large to process on a phone (limit ${n(p.maxMb)} MB). Take it again at a lower resolution.`,
  'photo-too-many-pixels': (p, n, q) => `The photo ${q} is too large (${n(p.megapixels)} megapixels, limit ${n(p.maxMegapixels)}). Take it again at a lower resolution.`,
  'image-unreadable': (p, _n, q) => `The photo ${q} could not be opened: it may be damaged, or the phone is short of memory. Close other apps and retry, or take the photo again.`,
  'compress-failed': (p, _n, q) => `The photo ${q} could not be compressed. Please retry; if it still fails, take the photo again.`,
  aborted: (p, _n, q) => `Processing of ${q} was stopped.`,
};

/** The message for `code`, in `lang`. */
export function evidenceErrorMessage(code: EvidenceErrorCode, params: EvidenceErrorParams = {}, lang: 'vi' | 'en' = 'vi'): string {
  const nf = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 });
  const n = (x: number | undefined): string => (x === undefined ? '?' : nf.format(x));
  const q = params.name ? `“${params.name}”` : lang === 'vi' ? 'này' : 'chosen';
  return (lang === 'vi' ? VI : EN)[code](params, n, q);
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

/** What a progress line says for each stage. */
export const STAGE_LABELS: Record<'vi' | 'en', Record<EvidenceStage, string>> = {
  vi: {
    read: 'Đang đọc tệp…',
    decode: 'Đang mở ảnh…',
    resize: 'Đang giảm kích thước ảnh…',
    encode: 'Đang nén ảnh…',
    thumbnail: 'Đang tạo ảnh thu nhỏ…',
    hash: 'Đang kiểm tra tệp…',
    done: 'Xong',
  },
  en: {
    read: 'Reading the file…',
    decode: 'Opening the photo…',
    resize: 'Resizing the photo…',
    encode: 'Compressing the photo…',
    thumbnail: 'Making the thumbnail…',
    hash: 'Checking the file…',
    done: 'Done',
  },
};

/** One progress report: the stage and how far the whole job is, 0–1. */
export interface EvidenceProgress {
  stage: EvidenceStage;
  fraction: number;
}
