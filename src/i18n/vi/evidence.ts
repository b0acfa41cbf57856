// The catalog's part `evidence` in Vietnamese: why an evidence file (minh chứng) was refused or
// could not be prepared, and the stages of its progress. Runs in the page and in the worker
// (numbers are formatted with Intl, which both have).
/** Values a message names: the file, its size in MB, the limit, millions of pixels. */
export interface EvidenceErrorParams {
  name?: string;
  sizeMb?: number;
  maxMb?: number;
  megapixels?: number;
  maxMegapixels?: number;
}

const nf = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });
const n = (x: number | undefined): string => (x === undefined ? '?' : nf.format(x));
const q = (p: EvidenceErrorParams): string => (p.name ? `“${p.name}”` : 'này');

export const words = {
  'evidence.empty-file': (p: EvidenceErrorParams) => `Tệp ${q(p)} không có nội dung. Hãy chọn lại tệp.`,
  'evidence.file-unreadable': (p: EvidenceErrorParams) => `Không đọc được tệp ${q(p)}: tệp có thể đã bị xóa, bị di chuyển hoặc chưa tải xong về máy. Hãy chọn lại tệp.`,
  'evidence.unsupported-type': (p: EvidenceErrorParams) => `Tệp ${q(p)} không phải ảnh hay tệp PDF. Chỉ đính kèm được ảnh (JPG, PNG) hoặc tệp PDF.`,
  'evidence.heic-unsupported': (p: EvidenceErrorParams) => `Ảnh ${q(p)} ở định dạng HEIC, máy này chưa mở được. Hãy chọn ảnh JPG hoặc chụp ảnh mới.`,
  'evidence.pdf-too-large': (p: EvidenceErrorParams) => `Tệp PDF ${q(p)} nặng ${n(p.sizeMb)} MB, vượt mức tối đa ${n(p.maxMb)} MB. Hãy quét lại ở độ phân giải thấp hơn hoặc tách thành nhiều tệp nhỏ rồi đính kèm từng tệp.`,
  'evidence.pdf-damaged': (p: EvidenceErrorParams) => `Tệp PDF ${q(p)} không trọn vẹn (có thể chưa tải xong hoặc bị hỏng). Hãy mở thử tệp trên máy rồi chọn lại.`,
  'evidence.photo-too-large': (p: EvidenceErrorParams) => `Ảnh ${q(p)} nặng ${n(p.sizeMb)} MB, quá lớn để xử lý trên điện thoại (tối đa ${n(p.maxMb)} MB). Hãy chụp lại ở độ phân giải thấp hơn.`,
  'evidence.photo-too-many-pixels': (p: EvidenceErrorParams) => `Ảnh ${q(p)} quá lớn (${n(p.megapixels)} triệu điểm ảnh, tối đa ${n(p.maxMegapixels)} triệu). Hãy chụp lại ở độ phân giải thấp hơn.`,
  'evidence.image-unreadable': (p: EvidenceErrorParams) => `Không mở được ảnh ${q(p)}: tệp có thể bị hỏng hoặc máy không đủ bộ nhớ. Hãy đóng bớt ứng dụng khác rồi thử lại, hoặc chụp lại ảnh.`,
  'evidence.compress-failed': (p: EvidenceErrorParams) => `Không nén được ảnh ${q(p)}. Hãy thử lại; nếu vẫn không được, hãy chụp lại ảnh.`,
  'evidence.aborted': (p: EvidenceErrorParams) => `Đã dừng xử lý tệp ${q(p)}.`,
  'evidence.stage.read': 'Đang đọc tệp…',
  'evidence.stage.decode': 'Đang mở ảnh…',
  'evidence.stage.resize': 'Đang giảm kích thước ảnh…',
  'evidence.stage.encode': 'Đang nén ảnh…',
  'evidence.stage.thumbnail': 'Đang tạo ảnh thu nhỏ…',
  'evidence.stage.hash': 'Đang kiểm tra tệp…',
  'evidence.stage.done': 'Xong',
};
