// FIRST-LOAD. The catalog's part `shell` in Vietnamese: the few words the shell draws before any
// screen has loaded (header, navigation, sync bar, update prompt). Every other part loads with
// what shows it (src/i18n/parts.ts).
export const words = {
  appName: 'Xã Học Tập',
  loading: 'Đang tải…',
  loadFailed: 'Không mở được dữ liệu: {reason}',
  mainNav: 'Điều hướng chính',
  navHome: 'Tổng quan',
  navVillages: 'Thôn',
  navCriteria: 'Tiêu chí',
  navReadiness: 'Mức độ',
  navMore: 'Thêm',
  yearLabel: 'Năm đánh giá (01/01 – 31/12)',
  sync: 'Đồng bộ',
  syncPending: 'Chờ đồng bộ: {n}',
  syncNever: 'Chưa đồng bộ lần nào',
  syncLast: 'Đồng bộ lần cuối: {when}',
  receipt: 'Mã biên nhận: {code}',
  sendNow: 'Gửi ngay',
  sending: 'Đang gửi…',
  notEnrolled: 'Chưa kết nối máy chủ',
  connect: 'Kết nối',
  updateReady: 'Có phiên bản mới',
  updateApply: 'Cập nhật',
} as const;
