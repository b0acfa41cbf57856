// The catalog's part `sync` in Vietnamese: what the sync engine says about a run (src/sync/engine.ts
// answers with these codes). Both locales ride with the engine (src/i18n/sync.ts): a status may
// switch language while it shows.

/** "3 ngày 2 giờ", "7 phút". */
const span = (p: { days: number; hours: number; minutes: number }): string =>
  [[p.days, 'ngày'], [p.hours, 'giờ'], [p.minutes, 'phút']].filter(([n]) => (n as number) > 0).map(([n, w]) => `${n} ${w}`).join(' ');

export const words = {
  'sync.offline': 'Không có mạng. Dữ liệu đã lưu trên máy và sẽ tự gửi khi có mạng.',
  'sync.timeout': 'Máy chủ không trả lời kịp. Dữ liệu vẫn an toàn trên máy; sẽ thử lại.',
  'sync.network': 'Không kết nối được máy chủ. Dữ liệu vẫn an toàn trên máy; sẽ thử lại.',
  'sync.server': 'Máy chủ đang gặp lỗi. Dữ liệu vẫn an toàn trên máy; sẽ thử lại sau.',
  'sync.busy': 'Máy chủ đang bận. Sẽ tự thử lại sau ít phút.',
  'sync.garbled': 'Câu trả lời của máy chủ không đọc được (mạng có thể đang chặn). Sẽ thử lại.',
  'sync.enrol': 'Thiết bị cần đăng ký lại với máy chủ. Dữ liệu chưa gửi vẫn được giữ nguyên trên máy.',
  'sync.notEnrolled': 'Thiết bị chưa đăng ký với máy chủ. Dữ liệu vẫn được lưu trên máy.',
  'sync.readOnly': 'Vai trò của bạn chỉ được xem, không gửi được số liệu lên máy chủ.',
  'sync.unexpected': 'Có lỗi khi đồng bộ. Dữ liệu vẫn an toàn trên máy; sẽ thử lại.',
  'sync.tooLarge': 'Thay đổi này quá lớn để gửi lên máy chủ.',
  'sync.opConflict': 'Mã thao tác đã có trên máy chủ với nội dung khác.',
  'sync.badServerUrl': 'Địa chỉ máy chủ không hợp lệ.',
  'sync.badEnrolCode': 'Mã đăng ký không đúng, đã dùng hoặc đã bị thu hồi.',
  'sync.malformedEnrolCode': 'Mã đăng ký không đúng dạng.',
  'sync.enrolOtherCommune': 'Mã đăng ký này dành cho xã có mã {server}, còn máy này đang làm việc với xã có mã {local}. Không có gì thay đổi; hãy xin mã đăng ký của đúng xã.',
  'sync.enrolCommuneSynced': 'Xã có mã {local} trên máy này đã đồng bộ với một máy chủ khác, nên không chuyển sang xã của máy chủ này được. Không có gì thay đổi; hãy hỏi cán bộ quản trị của tỉnh.',
  'sync.clock': (p: { ahead: boolean; days: number; hours: number; minutes: number }) =>
    `Ngày giờ trên máy đang sai (${p.ahead ? 'nhanh' : 'chậm'} ${span(p)} so với máy chủ). Hãy chỉnh lại ngày giờ của điện thoại.`,
};
