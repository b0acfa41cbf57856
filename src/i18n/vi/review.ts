// The catalog's part `review` in Vietnamese: the province's review of the communes' dossiers
// (issue #14) — the six states of a dossier, the council's verdicts and roles, the register's
// outcomes, the moves between states and why one is refused. The server words its refusals from
// here; the commune's and the reviewer's screens register the part with their chunks.
import type { DossierState, Verdict } from '../../domain/review/codes.ts';
import type { MoveRefusal } from '../../domain/review/states.ts';

const STATE: Record<DossierState, string> = {
  draft: 'Chưa gửi',
  submitted: 'Đã gửi',
  'in-review': 'Đang thẩm định',
  returned: 'Trả lại để bổ sung',
  recognised: 'Đã công nhận',
  'not-recognised': 'Không công nhận',
};
const ROLE: Record<string, string> = { officer: 'cán bộ phụ trách cấp xã', chair: 'Chủ tịch UBND xã', reviewer: 'cán bộ thẩm định của tỉnh', collector: 'người thu thập' };
const roles = (p: { roles: readonly string[] }) => p.roles.map((r) => ROLE[r] ?? r).join(' hoặc ');

export const words = {
  'review.state.draft': STATE.draft,
  'review.state.submitted': STATE.submitted,
  'review.state.in-review': STATE['in-review'],
  'review.state.returned': STATE.returned,
  'review.state.recognised': STATE.recognised,
  'review.state.not-recognised': STATE['not-recognised'],
  'review.verdict.met': 'Đạt',
  'review.verdict.unmet': 'Không đạt',
  'review.verdict.more': 'Cần bổ sung',
  'review.outcome.recognised': 'Công nhận',
  'review.outcome.not-recognised': 'Không công nhận',
  'review.role.chair': 'Chủ tịch Hội đồng',
  'review.role.secretary': 'Thư ký Hội đồng',
  'review.role.member': 'Ủy viên',
  'review.move.send': 'Gửi hồ sơ',
  'review.move.take': 'Tiếp nhận hồ sơ',
  'review.move.return': 'Trả lại để bổ sung',
  'review.move.recognise': 'Công nhận',
  'review.move.refuse': 'Không công nhận',
  'review.move.reopen': 'Mở lại hồ sơ',
  'review.version': (p: { version: number }) => `Lần gửi thứ ${p.version}`,
  'review.validUntil': (p: { date: string }) => `Giá trị đến hết ngày ${p.date}`,
  'review.lastYear': (p: { year: number }) => `Danh hiệu hết hạn vào cuối năm ${p.year}: năm nay cần đề nghị công nhận lại`,
  // The commune's side: sending, the state, the comments, the title.
  'review.sendTitle': 'Gửi hồ sơ đề nghị công nhận',
  'review.send': 'Gửi hồ sơ',
  'review.sendAgain': (p: { version: number }) => `Gửi lại hồ sơ (lần thứ ${p.version})`,
  'review.sendHint': (p: { year: number }) => `Sau khi gửi, nội dung hồ sơ năm ${p.year} được giữ nguyên như lúc gửi để cơ quan tiếp nhận thẩm định. Máy chưa có mạng thì hồ sơ được gửi khi có mạng.`,
  'review.sendConfirm': (p: { year: number }) => `Gửi hồ sơ năm ${p.year} tới cơ quan tiếp nhận? Sau khi gửi không sửa được nội dung đã gửi.`,
  'review.cancel': 'Hủy',
  'review.needLock': 'Cần họp xét và khóa hồ sơ năm trước khi gửi.',
  'review.notSender': 'Chỉ cán bộ phụ trách hoặc Chủ tịch UBND xã gửi được hồ sơ.',
  'review.queued': 'Đã lưu trên máy. Hồ sơ sẽ được gửi khi có mạng.',
  'review.sentOk': (p: { version: number }) => `Đã ghi lần gửi thứ ${p.version}.`,
  'review.stateLine': (p: { year: number; state: string }) => `Hồ sơ năm ${p.year}: ${p.state}`,
  'review.history': 'Các lần chuyển trạng thái',
  'review.historyItem': (p: { at: string; from: string; to: string; by: string; reason: string }) => `${p.at}: ${p.from} → ${p.to} (${p.by})${p.reason ? ` — ${p.reason}` : ''}`,
  'review.comments': (p: { version: number }) => `Ý kiến thẩm định về lần gửi thứ ${p.version}`,
  'review.returnedHint': 'Cán bộ phụ trách mở lại năm, sửa theo ý kiến, khóa lại rồi gửi lại hồ sơ.',
  'review.commentOn': (p: { verdict: string; comment: string }) => `Ý kiến thẩm định: ${p.verdict}${p.comment ? ` — ${p.comment}` : ''}`,
  'review.titleHeld': (p: { level: number; number: string; date: string }) => `Đã được công nhận "Cộng đồng học tập" cấp xã Mức độ ${p.level}${p.number ? ` (Quyết định số ${p.number} ngày ${p.date})` : ` (ngày ${p.date})`}`,
  'review.notRecognised': (p: { reasons: string }) => `Không được công nhận. Lý do: ${p.reasons}`,
  // Why a change of state is refused (src/domain/review/states.ts MoveRefusal).
  'review.refuse.moveNone': (p: { from: DossierState; to: DossierState }) => `Hồ sơ không chuyển được từ "${STATE[p.from]}" sang "${STATE[p.to]}"`,
  'review.refuse.moveRole': (p: { roles: readonly string[] }) => `Việc này do ${roles(p)} thực hiện`,
  'review.refuse.moveStale': (p: { state: DossierState; step: number }) => `Hồ sơ đã ở trạng thái "${STATE[p.state]}" (đã có ${p.step} lần chuyển); hãy đồng bộ để xem trạng thái mới rồi làm lại`,
  'review.refuse.moveVersion': (p: { want: number }) => `Lần gửi phải là lần thứ ${p.want}`,
  'review.refuse.moveNotLocked': 'Chỉ gửi được hồ sơ sau khi đã họp xét và khóa hồ sơ năm',
  'review.refuse.moveNoSubmission': (p: { version: number }) => `Chưa có nội dung hồ sơ lần gửi thứ ${p.version}`,
  'review.refuse.moveNoComment': 'Trả lại hồ sơ cần ý kiến ở ít nhất một chỉ tiêu, hoặc ghi lý do',
  'review.refuse.moveNoRegister': (p: { outcome: 'recognised' | 'not-recognised' }) =>
    p.outcome === 'recognised' ? 'Cần ghi số, ngày quyết định công nhận và mức độ vào sổ công nhận trước' : 'Cần ghi lý do không công nhận vào sổ công nhận trước',
  'review.refuse.moveCouncil': (p: { members: number }) => `Hội đồng có ${p.members} thành viên: cần số lẻ, ít nhất 05 thành viên, một Chủ tịch và một Thư ký Hội đồng (Điều 9 Thông tư số 25/2023/TT-BGDĐT)`,
  'review.refuse.moveNoReason': 'Mở lại hồ sơ đã có kết quả cần ghi lý do',
  'review.refuse.immutable': 'Nội dung này đã gửi thì không sửa được; hãy gửi lần mới',
  'review.refuse.hash': 'Mã kiểm tra không khớp với nội dung hồ sơ gửi lên',
  'review.refuse.output': 'Kết quả đánh giá trong hồ sơ không khớp với kết quả máy chủ tính lại từ chính số liệu đó',
  'review.refuse.snapshotOther': 'Nội dung hồ sơ là của xã hoặc năm khác',
  'review.refuse.by': 'Người thực hiện phải là người được cấp mã của thiết bị này',
  'review.refuse.device': 'Thiết bị ghi trong thao tác phải là thiết bị gửi nó',
  'review.refuse.decisionInRegister': (p: { year: number }) => `Quyết định công nhận năm ${p.year} do tỉnh ghi trong sổ công nhận; xã chỉ nhập các quyết định của những năm sổ chưa ghi`,
  'review.refuse.reviewState': 'Chỉ ghi ý kiến thẩm định khi hồ sơ đang thẩm định, cho lần gửi đang xét',
} satisfies Record<string, string | ((p: never) => string)>;

/** A refusal of a move in this part's words. */
export type MoveRefusalCode = `review.refuse.${MoveRefusal['code']}`;
