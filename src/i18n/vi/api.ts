// The catalog's part `api` in Vietnamese: the sentence of each error code the server answers
// (`message_vi` of every non-2xx answer, src/domain/sync/protocol.ts ErrorCode).
export const words = {
  'api.bad-request': 'Yêu cầu không hợp lệ',
  'api.invalid-batch': 'Lô dữ liệu bị từ chối vì có thao tác không hợp lệ; chưa có gì được ghi',
  'api.op-conflict': 'Mã thao tác đã có trên máy chủ với nội dung khác; cả lô bị từ chối, chưa có gì được ghi',
  'api.unauthorized': 'Thiết bị chưa đăng ký hoặc mã truy cập đã bị thu hồi; hãy đăng ký lại',
  'api.forbidden': 'Bạn không có quyền thực hiện thao tác này',
  'api.not-found': 'Không tìm thấy',
  'api.bad-code': 'Mã đăng ký không đúng, đã dùng, đã hết hạn hoặc đã bị thu hồi',
  'api.device-taken': 'Mã thiết bị này đang gắn với một đăng ký khác còn hiệu lực. Hãy đăng ký từ chính điện thoại đó, hoặc nhờ quản trị thu hồi đăng ký cũ',
  'api.year-locked': 'Năm này đã khóa hồ sơ nên máy chủ không nhận thay đổi; chưa có gì được ghi. Thay đổi vẫn được giữ trên máy cho tới khi năm được mở lại',
  'api.too-large': 'Dữ liệu gửi lên quá lớn',
  'api.hash-mismatch': 'Nội dung tệp không khớp với mã băm của nó (tệp bị hỏng trên đường truyền); chưa có gì được lưu',
  'api.wrong-kind': 'Chỉ nhận ảnh JPEG hoặc tệp PDF',
  'api.commune-full': 'Tệp minh chứng của xã đã dùng hết dung lượng được cấp trên máy chủ; hãy liên hệ quản trị của tỉnh',
  'api.rate-limited': 'Gửi quá nhiều yêu cầu; vui lòng thử lại sau ít phút',
  'api.internal': 'Lỗi máy chủ; dữ liệu trên máy của bạn vẫn an toàn, hãy thử lại sau',
};
