// The words of each sync code (codes.ts), Vietnamese and English, for the status line and the
// refused ops' reasons. The only place the sync engine's sentences live.
import type { SyncProblem } from './codes.ts';
import { speak } from '../i18n/words.ts';
import { words as viEnrol } from '../i18n/vi/enrol.ts';
import { words as enEnrol } from '../i18n/en/enrol.ts';

/** The refusals whose words are the catalog's part `enrol`. */
const ENROL_WORDS = { enrolOtherCommune: 'enrol.otherCommune', enrolCommuneSynced: 'enrol.communeSynced' } as const;

const WORDS: Record<Exclude<SyncProblem['code'], 'refused' | keyof typeof ENROL_WORDS>, readonly [string, string]> = {
  offline: ['Không có mạng. Dữ liệu đã lưu trên máy và sẽ tự gửi khi có mạng.', 'No network. Your data is saved on this device and will be sent when online.'],
  timeout: ['Máy chủ không trả lời kịp. Dữ liệu vẫn an toàn trên máy; sẽ thử lại.', 'The server did not answer in time. Your data is safe; will retry.'],
  network: ['Không kết nối được máy chủ. Dữ liệu vẫn an toàn trên máy; sẽ thử lại.', 'Cannot reach the server. Your data is safe; will retry.'],
  server: ['Máy chủ đang gặp lỗi. Dữ liệu vẫn an toàn trên máy; sẽ thử lại sau.', 'The server has a problem. Your data is safe; will retry later.'],
  busy: ['Máy chủ đang bận. Sẽ tự thử lại sau ít phút.', 'The server is busy. Will retry in a few minutes.'],
  garbled: ['Câu trả lời của máy chủ không đọc được (mạng có thể đang chặn). Sẽ thử lại.', 'The server answer could not be read (the network may be intercepting). Will retry.'],
  enrol: ['Thiết bị cần đăng ký lại với máy chủ. Dữ liệu chưa gửi vẫn được giữ nguyên trên máy.', 'This device must enrol again. Unsent data is kept on the device.'],
  notEnrolled: ['Thiết bị chưa đăng ký với máy chủ. Dữ liệu vẫn được lưu trên máy.', 'This device is not enrolled with a server yet. Data is kept on the device.'],
  readOnly: ['Vai trò của bạn chỉ được xem, không gửi được số liệu lên máy chủ.', 'Your role is read-only: changes cannot be sent to the server.'],
  unexpected: ['Có lỗi khi đồng bộ. Dữ liệu vẫn an toàn trên máy; sẽ thử lại.', 'Sync failed unexpectedly. Your data is safe; will retry.'],
  tooLarge: ['Thay đổi này quá lớn để gửi lên máy chủ.', 'This change is too large for the server.'],
  opConflict: ['Mã thao tác đã có trên máy chủ với nội dung khác.', 'The opId is already held by the server with different content.'],
  badServerUrl: ['Địa chỉ máy chủ không hợp lệ.', 'The server address is not valid.'],
  badEnrolCode: ['Mã đăng ký không đúng, đã dùng hoặc đã bị thu hồi.', 'The enrolment code is wrong, used or revoked.'],
  malformedEnrolCode: ['Mã đăng ký không đúng dạng.', 'The enrolment code is malformed.'],
};

/** The sentence of a problem: the server's own words where it gave them, else the code's. */
export function syncWords(p: SyncProblem): { vi: string; en: string } {
  if (p.said) return p.said;
  if (p.code === 'refused') return { vi: WORDS.server[0], en: WORDS.server[1] };
  if (p.code in ENROL_WORDS) {
    const c = ENROL_WORDS[p.code as keyof typeof ENROL_WORDS];
    return { vi: speak(viEnrol[c], c, p.params), en: speak(enEnrol[c], c, p.params) };
  }
  const [vi, en] = WORDS[p.code as keyof typeof WORDS];
  return { vi, en };
}

/** A span as Vietnamese and English words: "3 ngày 2 giờ", "7 phút". */
function spanText(ms: number): [string, string] {
  const min = Math.round(Math.abs(ms) / 60_000);
  const d = Math.floor(min / 1440);
  const h = Math.floor((min % 1440) / 60);
  const m = min % 60;
  const parts: [number, string, string][] = [[d, 'ngày', 'day'], [h, 'giờ', 'hour'], [d ? 0 : m, 'phút', 'minute']];
  const shown = parts.filter(([n]) => n > 0);
  return [shown.map(([n, vi]) => `${n} ${vi}`).join(' '), shown.map(([n, , en]) => `${n} ${en}${n > 1 ? 's' : ''}`).join(' ')];
}

/** The words of a clock `offsetMs` ahead of the server's (negative = behind). */
export function clockWords(offsetMs: number): [string, string] {
  const [vi, en] = spanText(offsetMs);
  const ahead = offsetMs > 0;
  return [
    `Ngày giờ trên máy đang sai (${ahead ? 'nhanh' : 'chậm'} ${vi} so với máy chủ). Hãy chỉnh lại ngày giờ của điện thoại.`,
    `The date and time on this device are wrong (${en} ${ahead ? 'ahead of' : 'behind'} the server). Please correct the phone's date and time.`,
  ];
}
