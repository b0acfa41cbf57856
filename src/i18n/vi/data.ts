// The catalog's part `data` in Vietnamese: why the phone's data layer refuses a save, a file of
// "Xuất dữ liệu" or a sheet's import (src/db). The data layer says them in Vietnamese; it reaches
// them through its checks (src/db/validate.ts), loaded before a write, never in the first load.

const CODE_OF = { commune: 'Mã xã', village: 'Mã thôn', decision: 'Mã quyết định' } as const;
type Where = { table: string; row: number };

export const words = {
  // A save (src/db/repo.ts)
  'data.badKey': 'Khóa "{key}" không hợp lệ.',
  'data.year': 'Năm đánh giá phải là số nguyên từ {min} đến {max}.',
  'data.code': (p: { of: keyof typeof CODE_OF }) =>
    `${CODE_OF[p.of]} chỉ gồm chữ cái không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới (tối đa 32 ký tự).`,
  'data.communeName': 'Tên xã không được để trống.',
  'data.villageName': 'Tên thôn không được để trống.',
  'data.level': 'Mức độ chỉ là 1 hoặc 2.',
  'data.decidedOn': 'Ngày quyết định không đúng (cần dạng năm-tháng-ngày).',
  'data.decisionInRegister': 'Quyết định công nhận năm {year} do tỉnh ghi trong sổ công nhận; ở đây chỉ nhập các quyết định của những năm sổ chưa ghi.',
  'data.yearLocked': 'Năm {year} đã khóa hồ sơ. Hãy mở lại năm (ghi rõ lý do) trước khi sửa số liệu.',
  'data.lockFields': 'Dùng "Khóa hồ sơ" / "Mở lại" để đổi trạng thái khóa.',
  'data.meetingDate': 'Ngày họp không đúng (cần dạng năm-tháng-ngày).',
  'data.minutesRef': 'Cần ghi số biên bản họp.',
  'data.reopenReason': 'Cần ghi lý do mở lại.',

  // A file of "Xuất dữ liệu" (src/db/transfer.ts, src/ui/screens/import-file.ts)
  'data.fileNotJson': 'Tệp không đọc được: nội dung bị hỏng hoặc không phải tệp đã xuất từ Xã Học Tập.',
  'data.fileNotOurs': 'Tệp này không phải tệp "Xuất dữ liệu" của ứng dụng Xã Học Tập.',
  'data.fileNotExport': 'Tệp này không đọc được: không phải tệp đã xuất từ Xã Học Tập.',
  'data.fileNewer': 'Tệp được tạo bởi phiên bản ứng dụng mới hơn (định dạng {version}). Hãy cập nhật ứng dụng rồi nhập lại.',
  'data.fileNoTables': 'Tệp hỏng: thiếu phần dữ liệu.',
  'data.tableNotList': 'Bảng {table} không phải danh sách.',
  'data.rowNotRecord': (p: Where) => `Bảng ${p.table}, dòng ${p.row}: không phải một bản ghi.`,
  'data.rowBadKey': (p: Where & { key: string }) => `Bảng ${p.table}, dòng ${p.row}: khóa "${p.key}" không hợp lệ.`,
  'data.rowProblem': (p: Where & { key: string; field?: string; problem: string }) =>
    `Bảng ${p.table}, dòng ${p.row} (${p.key}): ${p.field !== undefined ? `${p.field} — ` : ''}${p.problem}`,
  'data.rowInvalid': (p: Where) => `Bảng ${p.table}, dòng ${p.row}: không hợp lệ.`,
  'data.stampField': (p: Where & { field: string }) => `Bảng ${p.table}, dòng ${p.row}: trường ${p.field} không hợp lệ.`,
  'data.stampOfField': (p: Where & { field: string }) => `Bảng ${p.table}, dòng ${p.row}: dấu thời gian của trường ${p.field} không hợp lệ.`,
  'data.outboxState': 'Hàng đợi gửi, dòng {row}: trạng thái không hợp lệ.',
  'data.outboxProblem': 'Hàng đợi gửi, dòng {row}: {path} — {problem}',
  'data.fileMismatch': 'Tệp có chỗ không khớp với số liệu trên máy nên không nhập gì cả: bảng {table} ({key}) — {reasons}',
  'data.fileRefused': (p: { count: number; first: string }) =>
    `Tệp có ${p.count >= 20 ? 'nhiều' : p.count} chỗ sai nên không nhập gì cả: ${p.first}`,

  // A sheet's import (src/db/village-import.ts)
  'data.importLocked': 'Năm {year} đã khóa hồ sơ nên không nhập được. Hãy mở lại năm (ghi rõ lý do) trước khi nhập.',
  'data.importStale': 'Số liệu trong máy đã thay đổi từ lúc xem trước (có thể vừa đồng bộ), nên chưa nhập gì. Hãy xem lại rồi xác nhận lần nữa.',

  // The evidence files (src/db/attachments.ts, src/db/backup.ts)
  'data.storageFull': 'Bộ nhớ của điện thoại đã đầy; tệp chưa được lưu, dữ liệu đã có vẫn còn nguyên.',
  'data.attachTarget': 'Tệp minh chứng phải gắn với đúng một chỉ tiêu hoặc một quyết định.',
  'data.backupDamaged': (p: { why: 'zip' | 'part' | 'partUnreadable' | 'dataHash' | 'noList' | 'badList' | 'noFile' | 'fileHash'; name?: string; file?: string }) =>
    `Tệp sao lưu bị hỏng nên không nhập gì cả: ${{
      zip: 'không mở được tệp nén.',
      part: `thiếu phần ${p.name ?? ''}.`,
      partUnreadable: `phần ${p.name ?? ''} không đọc được.`,
      dataHash: 'phần số liệu không khớp với mã kiểm tra.',
      noList: 'thiếu danh sách tệp minh chứng.',
      badList: 'danh sách tệp minh chứng không hợp lệ.',
      noFile: `thiếu tệp minh chứng ${p.file ?? ''}….`,
      fileHash: `tệp minh chứng ${p.file ?? ''}… không khớp với mã của nó.`,
    }[p.why]}`,
};
