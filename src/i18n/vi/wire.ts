// The catalog's part `pb` (continued) in Vietnamese: why a sync op's envelope, key or stamp is
// refused (src/domain/sync/protocol.ts). The page (its own check of an edit, a pulled op set aside)
// and the server say these.

export const words = {
  // The wire protocol (src/domain/sync/protocol.ts)
  'pb.serverDevice': 'Mã thiết bị này dành riêng cho máy chủ',
  'pb.keyShape': 'Khóa "{key}" sai dạng, cần {want}',
  'pb.keyYear': 'Năm "{segment}" không hợp lệ ({min}–{max})',
  'pb.keyIndicator': 'Chỉ tiêu "{segment}" không có trong bộ tiêu chí (hoặc không phải dạng có/không)',
  'pb.keyCode': 'Mã "{segment}" trong khóa không hợp lệ',
  'pb.keyOrdinal': 'Số thứ tự "{segment}" trong khóa phải là số nguyên từ 1',
  'pb.keyProvince': 'Mã tỉnh "{segment}" trong khóa không hợp lệ',
  'pb.keyInvalid': 'Khóa "{key}" không hợp lệ',
  'pb.opIdRepeated': 'opId bị lặp trong cùng một lô',
  'pb.clockAhead': 'Ngày giờ trên điện thoại đang sai (nhanh hơn máy chủ quá một ngày). Hãy chỉnh lại ngày giờ của điện thoại; thay đổi vẫn được giữ trên máy và sẽ được gửi lại.',
  'pb.reservedName': 'Tên "{name}" không được dùng làm tên trường hay khóa',
  'pb.noFields': 'Thao tác không có trường nào',
  'pb.prevField': 'prev nêu một trường mà thao tác không sửa',
  'pb.notPlainJson': 'Giá trị các trường phải là JSON thuần',
  'pb.dossierFieldName': 'Tên trường của hồ sơ không hợp lệ',
  'pb.dossierFieldValue': 'Trường của hồ sơ phải là chữ, có/không, số nguyên hoặc null',
  'pb.wire.unknownField': 'Trường không được phép',
  'pb.wire.object': 'Cần một đối tượng',
  'pb.wire.required': 'Thiếu trường bắt buộc',
  'pb.wire.string': 'Cần một chuỗi ký tự',
  'pb.wire.number': 'Cần một số',
  'pb.wire.boolean': 'Cần giá trị có/không',
  'pb.wire.array': 'Cần một danh sách',
  'pb.wire.integer': 'Phải là số nguyên',
  'pb.wire.min': 'Phải lớn hơn hoặc bằng {req}',
  'pb.wire.max': 'Phải nhỏ hơn hoặc bằng {req}',
  'pb.wire.minLength': 'Quá ngắn hoặc rỗng (tối thiểu {req})',
  'pb.wire.maxLength': 'Quá dài (tối đa {req})',
  'pb.wire.uuid': 'Phải là UUID',
  'pb.wire.notAllowed': 'Giá trị không được chấp nhận',
  'pb.wire.format': 'Sai định dạng',
  'pb.wire.isoDate': 'Ngày phải có dạng YYYY-MM-DD',
};
