// The catalog's part `sheet` in Vietnamese: what the sheet reader (src/import) says of a villages'
// sheet — a file refused whole, and the problem of a row or a cell ("Dòng 6, cột L: …"). The
// reader runs in a Web Worker, on the server and in the CLI; each carries this part in both locales.

import { inSentence, labelOf, type LabelName } from '../../domain/schemas/labels.ts';

const n = (x: number): string => new Intl.NumberFormat('vi-VN').format(x);
const L = (label: LabelName): string => labelOf(label).vi;
type Shown = { value: string };

export const words = {
  // A file refused whole (src/import/refusal.ts)
  'sheet.too-big': 'Tệp lớn hơn {mb} MB nên không nhập. Hãy xóa các trang tính, hình ảnh không cần thiết rồi lưu lại, hoặc chia thành nhiều tệp.',
  'sheet.too-big-unpacked': 'Nội dung tệp khi giải nén lớn hơn {mb} MB: đây không phải bảng số liệu thôn bình thường (có thể là tệp hỏng hoặc tệp độc hại), nên không nhập.',
  'sheet.too-many-rows': (p: { rows: number }) => `Bảng có hơn ${n(p.rows)} dòng số liệu nên không nhập. Một xã chỉ có vài chục thôn: hãy kiểm tra lại tệp hoặc chia thành nhiều tệp.`,
  'sheet.damaged': 'Tệp bị hỏng, không đọc được. Hãy mở tệp bằng Excel hoặc LibreOffice, lưu lại dạng .xlsx rồi chọn lại.',
  'sheet.password': 'Tệp được đặt mật khẩu nên không đọc được. Hãy mở tệp, bỏ mật khẩu, lưu lại rồi chọn lại.',
  'sheet.xls': 'Tệp dạng Excel 97–2003 (.xls) chưa đọc được. Hãy mở bằng Excel hoặc LibreOffice và lưu lại dạng .xlsx.',
  'sheet.ods': 'Tệp dạng LibreOffice (.ods) chưa đọc được. Hãy mở tệp, chọn Tệp → Lưu thành… → kiểu "Excel 2007-365 (.xlsx)" rồi chọn lại.',
  'sheet.not-a-sheet': 'Tệp này không phải bảng tính Excel (.xlsx) hay tệp CSV.',
  'sheet.encoding': 'Tệp CSV không lưu bằng mã UTF-8 nên chữ có dấu sẽ bị sai. Trong Excel chọn Lưu thành → "CSV UTF-8"; trong LibreOffice chọn bộ ký tự "Unicode (UTF-8)".',
  'sheet.no-header': 'Không tìm thấy dòng tiêu đề: cần một cột "Tên thôn" (hoặc "Mã thôn") và ít nhất một cột số liệu, ví dụ "Tổng số hộ gia đình". Hãy dùng "Tải mẫu Excel" để có đúng tiêu đề.',
  'sheet.empty': 'Bảng không có dòng số liệu nào dưới dòng tiêu đề.',

  // Where a problem is, before its message (src/import/village-sheet.ts cellProblem)
  'sheet.atCell': 'Dòng {row}, cột {column}: ',
  'sheet.atRow': 'Dòng {row}: ',

  // A row or a cell (src/import/village-sheet.ts, plan.ts)
  'sheet.sameColumn': (p: { first: string; column: string; label: LabelName }) => `cột ${p.first} và cột ${p.column} cùng là "${L(p.label)}": chỉ để lại một cột`,
  'sheet.noName': `Thiếu ${inSentence(L('villageName'))}`,
  'sheet.badCode': (p: Shown) => `Mã thôn "${p.value}" chỉ được gồm chữ cái không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới (tối đa 32 ký tự)`,
  'sheet.repeatedRow': (p: Shown & { first: number }) => `thôn "${p.value}" đã có ở dòng ${p.first}: mỗi thôn chỉ một dòng`,
  'sheet.yesNo': (p: Shown & { label: LabelName }) => `${L(p.label)} chỉ ghi "Có", "Không" hoặc đánh dấu "x" (ô đang ghi "${p.value}")`,
  'sheet.cellHolds': ' (ô đang ghi "{value}")',
  'sheet.codeTypo': (p: Shown & { name: string; codes: string }) => `mã thôn "${p.value}" không có trong xã, nhưng thôn "${p.name}" có mã ${p.codes}: hãy sửa mã cho đúng`,
  'sheet.sameName': (p: Shown & { count: number; codes: string }) => `có ${p.count} thôn cùng tên "${p.value}" (${p.codes}): thêm cột "${L('villageCode')}" để phân biệt`,
  'sheet.sharedCode': (p: Shown & { count: number; names: string }) => `mã thôn "${p.value}" đang dùng cho ${p.count} thôn của xã (${p.names}) nên không biết ghi vào thôn nào: hãy sửa mã của một thôn trong danh sách thôn rồi nhập lại`,
  'sheet.unknownCode': (p: Shown) => `mã thôn "${p.value}" không có trong xã; muốn thêm thôn mới thì thêm cột "${L('villageName')}"`,
  'sheet.twoRows': (p: Shown) => `thôn "${p.value}" đã có ở một dòng khác của bảng: mỗi thôn chỉ một dòng`,
  'sheet.againstSaved': ' (so với số đã lưu)',
};
