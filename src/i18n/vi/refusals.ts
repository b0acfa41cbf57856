// The catalog's part `pb` (continued) in Vietnamese: what only the server and the CLI refuse — the
// readiness input of the CLI (docs/domain/assess-format.md), the year lock, the access policy,
// who sends a batch, the server's own refusals. The page never carries this file: the server's
// answers bring their words with them.
import { words as review } from './review.ts';
import { LABELS, labelOf, type LabelName } from '../../domain/schemas/labels.ts';

interface Labelled { label: LabelName; indicator?: string }
const L = (p: Labelled): string => labelOf(p.label).vi;

export const words = {
  // The readiness input (docs/domain/assess-format.md)
  'pb.yearFrom': (p: Labelled & { first: number }) => `${L(p)} phải từ ${p.first} trở đi`,
  'pb.invalid': (p: Labelled) => `${L(p)} không hợp lệ`,
  'pb.duplicateVillage': 'Mã thôn "{code}" bị trùng với villages[{first}]',
  'pb.asOfInYear': (p: { asOf: string; year: number }) =>
    `${LABELS.asOf.vi} (${p.asOf}) phải sau năm đánh giá ${p.year}: từ ngày 01/01/${p.year + 1} trở đi`,
  'pb.decidedAfterAsOf': (p: { decidedOn: string; asOf: string }) =>
    `${LABELS.decidedOn.vi} (${p.decidedOn}) sau ${LABELS.asOf.vi.toLocaleLowerCase('vi')} (${p.asOf}): chỉ ghi các quyết định đã có`,
  'pb.catalogOneOf': (p: Labelled & { ids: string }) => `${L(p)} phải là một trong: ${p.ids}`,
  'pb.thresholds': 'Không có trường "thresholds": các ngưỡng là của Thông tư 25/2023/TT-BGDĐT, không ai đặt lại được',
  'pb.notInFormat': 'Trường "{key}" không có trong định dạng dữ liệu đánh giá',
  'pb.inputMissing': (p: { field?: LabelName; key: string }) => `Thiếu ${p.field ? labelOf(p.field).vi.toLocaleLowerCase('vi') : p.key} ("${p.key}")`,

  // The year lock (src/domain/sync/year-lock.ts)
  'pb.reopenReason': 'Mở lại năm {year} cần ghi lý do',
  'pb.yearLocked': 'Năm {year} đã khóa hồ sơ (đã họp xét). Muốn sửa, cán bộ phụ trách phải mở lại năm và ghi lý do.',

  // Who may write what: the access policy's refusals (src/domain/access; the app's read-only notes are the screens' part)
  'pb.access.readOnlyRole': 'Vai trò này chỉ được xem, không được sửa số liệu',
  'pb.access.otherCommune': 'Số liệu thuộc xã khác',
  'pb.access.otherProvince': 'Số liệu thuộc xã của tỉnh khác',
  'pb.access.officerOnly': 'Chỉ cán bộ phụ trách cấp xã được sửa mục này',
  'pb.access.notWriter': 'Vai trò này không được sửa mục này',
  'pb.access.lockOfficerOnly': 'Chỉ cán bộ phụ trách cấp xã được ghi cuộc họp xét, khóa hoặc mở lại năm',
  'pb.access.villageScope': (p: { village?: string }) => (p.village === undefined
    ? 'Người thu thập theo thôn chỉ được sửa số liệu của thôn mình'
    : `Không được sửa số liệu của thôn ${p.village}`),
  'pb.access.yearLocked': 'Năm này đã khóa hồ sơ',
  // A move of a dossier the policy refuses (src/domain/review/states.ts moveRoleRefusal): the review's words.
  'pb.access.moveNone': review['review.refuse.moveNone'],
  'pb.access.moveRole': review['review.refuse.moveRole'],
  // Who sends (server/auth.ts identityRefusals)
  'pb.auth.noDevice': 'Thiết bị đăng ký không kèm mã thiết bị nên chưa được gửi số liệu; hãy đăng ký lại bằng ứng dụng',
  'pb.auth.otherDevice': 'Lô dữ liệu mang mã của một thiết bị khác',
  'pb.auth.otherDeviceOp': 'Thay đổi được ghi trên một thiết bị khác; chỉ thiết bị đó được gửi nó',

  // The server's own refusals (server/app.ts)
  'pb.bodyNotJson': 'Nội dung không phải JSON',
  'pb.deviceTaken': 'Mã thiết bị đã được dùng',
  'pb.sendReadOnly': 'Vai trò này chỉ được xem, không được gửi số liệu',
  'pb.opIdConflict': 'Mã thao tác đã dùng cho nội dung khác',
  'pb.changesQuery': 'since phải là số nguyên ≥ 0; limit từ 1 đến {max}',
  'pb.readOtherCommune': 'Không được xem số liệu của xã này',
  'pb.mixedBatch': 'Một lô chỉ chứa dữ liệu của một xã (hoặc của tỉnh): thao tác này thuộc "{op}", lô thuộc "{batch}"',
  'pb.yearQuery': 'year phải là năm từ {min} đến {max}',
  'pb.noCommune': 'Không có xã mã "{code}"',
  'pb.registerReviewersOnly': 'Chỉ cán bộ thẩm định của tỉnh được xem sổ công nhận của tỉnh',
  'pb.reviewersOnly': 'Chỉ cán bộ thẩm định của tỉnh',
  // The evidence files' routes (server/blob-routes.ts)
  'pb.blobHash': 'Mã băm phải gồm 64 chữ số hệ 16 viết thường',
  'pb.communeEvidenceUsed': 'Xã đã dùng {used} MB trên {cap} MB cho tệp minh chứng',
  'pb.blobKind': 'Tệp không phải ảnh JPEG hay PDF',
  'pb.blobMismatch': 'Nội dung tệp không khớp với mã băm',
  'pb.blobCutOff': 'Tệp gửi lên bị ngắt giữa chừng; hãy gửi lại',
};
