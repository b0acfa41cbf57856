// The catalog's part `enrol` in Vietnamese: why an enrolment was refused because of the commune
// the phone already holds (src/db/rekey.ts decides, src/sync/enrol.ts refuses). Loaded with the
// sync engine, never on the first load.

export const words = {
  'enrol.otherCommune': 'Mã đăng ký này dành cho xã có mã {server}, còn máy này đang làm việc với xã có mã {local}. Không có gì thay đổi; hãy xin mã đăng ký của đúng xã.',
  'enrol.communeSynced': 'Xã có mã {local} trên máy này đã đồng bộ với một máy chủ khác, nên không chuyển sang xã của máy chủ này được. Không có gì thay đổi; hãy hỏi cán bộ quản trị của tỉnh.',
};
