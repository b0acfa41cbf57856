// prepareEvidenceFile on what needs no canvas (Node): PDFs kept byte for byte with their SHA-256,
// and every refusal with its Vietnamese message. Photos go through Chromium in
// test/e2e/evidence.spec.ts.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVIDENCE_ERROR_CODES, EvidenceFileError, evidenceErrorMessage, prepareEvidenceFile, STAGE_LABELS } from '../../src/evidence/index.ts';
import { MAX_EVIDENCE_BYTES } from '../../src/domain/evidence/index.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const pdf = (bodyBytes: number, end = '\n%%EOF\n') => new File([enc('%PDF-1.7\n'), new Uint8Array(bodyBytes).fill(0x20), enc(end)], 'Quyet dinh 15-QD-UBND.pdf');

async function refusal(file: File): Promise<EvidenceFileError> {
  try {
    await prepareEvidenceFile(file);
  } catch (e) {
    expect(e).toBeInstanceOf(EvidenceFileError);
    return e as EvidenceFileError;
  }
  throw new Error('was not refused');
}

describe('PDF files', () => {
  it('kept as they are, with the SHA-256 of their bytes and no thumbnail', async () => {
    const file = pdf(200_000);
    const stages: string[] = [];
    const r = await prepareEvidenceFile(file, { onProgress: (p) => stages.push(p.stage) });
    const original = new Uint8Array(await file.arrayBuffer());
    expect(r).toMatchObject({ type: 'application/pdf', size: original.length, thumbnail: null, name: 'Quyet dinh 15-QD-UBND.pdf', hashMethod: 'webcrypto' });
    expect(new Uint8Array(await r.bytes.arrayBuffer())).toEqual(original);
    expect(r.sha256).toBe(createHash('sha256').update(original).digest('hex'));
    expect(stages[0]).toBe('read');
    expect(stages.at(-1)).toBe('done');
  });

  it('exactly at the cap is kept; one byte more is refused, saying both sizes in vi-VN', async () => {
    const fixed = enc('%PDF-1.7\n').length + enc('\n%%EOF\n').length;
    expect((await prepareEvidenceFile(pdf(MAX_EVIDENCE_BYTES - fixed))).size).toBe(MAX_EVIDENCE_BYTES);
    const e = await refusal(pdf(7_200_000));
    expect(e.code).toBe('pdf-too-large');
    expect(e.message).toBe('Tệp PDF “Quyet dinh 15-QD-UBND.pdf” nặng 7,2 MB, vượt mức tối đa 5 MB. Hãy quét lại ở độ phân giải thấp hơn hoặc tách thành nhiều tệp nhỏ rồi đính kèm từng tệp.');
    expect(e.messageEn).toMatch(/7\.2 MB, above the 5 MB limit/);
  });

  it('a cut-off PDF (no %%EOF at its end) is refused', async () => {
    const e = await refusal(pdf(10_000, '\n1 0 obj\n<<'));
    expect(e.code).toBe('pdf-damaged');
    expect(e.message).toMatch(/^Tệp PDF “.+” không trọn vẹn/);
  });
});

describe('refusals', () => {
  it.each([
    ['empty-file', new File([], 'trong.pdf'), 'Tệp “trong.pdf” không có nội dung. Hãy chọn lại tệp.'],
    ['unsupported-type', new File([enc('Biên bản họp thôn')], 'bien-ban.txt'), 'Tệp “bien-ban.txt” không phải ảnh hay tệp PDF. Chỉ đính kèm được ảnh (JPG, PNG) hoặc tệp PDF.'],
    ['unsupported-type', new File([new Uint8Array([0x50, 0x4b, 3, 4, 20, 0])], 'bao-cao.docx'), /^Tệp “bao-cao.docx” không phải ảnh/],
    ['heic-unsupported', new File([new Uint8Array([0, 0, 0, 0x18]), enc('ftypheic'), new Uint8Array(8)], 'IMG_0001.HEIC'), /^Ảnh “IMG_0001.HEIC” ở định dạng HEIC/],
  ] as const)('%s: %s', async (code, file, message) => {
    const e = await refusal(file);
    expect(e.code).toBe(code);
    if (typeof message === 'string') expect(e.message).toBe(message);
    else expect(e.message).toMatch(message);
  });

  it('a file named .jpg that is a PDF is taken as the PDF it is (bytes decide, not the name)', async () => {
    const file = new File([enc('%PDF-1.4\n'), enc('\n%%EOF')], 'anh.jpg', { type: 'image/jpeg' });
    expect((await prepareEvidenceFile(file)).type).toBe('application/pdf');
  });

  it('a photo over the pixel cap is refused from its header, before anything is decoded', async () => {
    // A JPEG header claiming 10 000 × 8 000 (80 MP): SOI, SOF0, then nothing — never decoded.
    const sof = [0xff, 0xc0, 0, 11, 8, 8000 >> 8, 8000 & 255, 10000 >> 8, 10000 & 255, 1, 1, 0x11, 0];
    const e = await refusal(new File([new Uint8Array([0xff, 0xd8, ...sof])], 'IMG_big.jpg'));
    expect(e.code).toBe('photo-too-many-pixels');
    expect(e.message).toBe('Ảnh “IMG_big.jpg” quá lớn (80 triệu điểm ảnh, tối đa 50 triệu). Hãy chụp lại ở độ phân giải thấp hơn.');
  });

  it('a JPEG whose header cannot be read is refused as unreadable', async () => {
    const e = await refusal(new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 2, 0x12, 0x34])], 'IMG_cut.jpg'));
    expect(e.code).toBe('image-unreadable');
  });

  it('an already aborted job is refused at once', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(prepareEvidenceFile(pdf(10), { signal: ac.signal })).rejects.toMatchObject({ code: 'aborted' });
  });
});

describe('wording', () => {
  // The house rules (khóa/xóa, …) are checked on these by test/unit/wording.test.ts.
  it('no message or stage label speaks of the machinery', () => {
    const all = [...EVIDENCE_ERROR_CODES.map((c) => evidenceErrorMessage(c, { name: 'a.jpg', sizeMb: 1, maxMb: 5, megapixels: 60, maxMegapixels: 50 })), ...Object.values(STAGE_LABELS.vi)];
    for (const m of all) {
      expect(m).not.toMatch(/JSON|worker|canvas|hash|blob|null|undefined|NaN|\?/i);
    }
  });
});

it('the committed fixtures are what the e2e photos are checked against (exiftool wrote them)', () => {
  expect(readFileSync(join(import.meta.dirname, '../fixtures/evidence/exiftool-o6-II.jpg')).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
});
