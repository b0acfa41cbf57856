// The glossary's labels for every field the schemas check (docs/domain/glossary.md), vi + en.
// Data only. Messages and forms use these words exactly; never reword a glossary label here.

import type { Text } from '../catalog/types.ts';
import { ENTITY_DEFS, type EntityName } from '../entities/index.ts';

/** Số liệu mô hình học tập của một thôn (`villageCounts`). */
export const VILLAGE_COUNT_LABELS = {
  households: { vi: 'Tổng số hộ gia đình', en: 'Total households' },
  familiesRegistered: { vi: 'Số hộ đăng ký "Gia đình học tập"', en: 'Households registered as Learning Family' },
  familiesRecognized: { vi: 'Số hộ được công nhận "Gia đình học tập"', en: 'Households recognised as Learning Family' },
  lineages: { vi: 'Tổng số dòng họ', en: 'Total lineages' },
  lineagesRegistered: { vi: 'Số dòng họ đăng ký "Dòng họ học tập"', en: 'Lineages registered as Learning Lineage' },
  lineagesRecognized: { vi: 'Số dòng họ được công nhận "Dòng họ học tập"', en: 'Lineages recognised as Learning Lineage' },
  citizens: { vi: 'Số người từ 15 tuổi trở lên', en: 'People aged 15 and over' },
  citizensRecognized: { vi: 'Số người đạt danh hiệu "Công dân học tập"', en: 'People recognised as Learning Citizen' },
  trained: { vi: 'Số người được đào tạo trình độ chuyên môn kỹ thuật', en: 'People with vocational or technical training' },
  university: { vi: 'Số người có trình độ đại học trở lên', en: 'People with a university degree or higher' },
  villageRecognized: {
    vi: 'Thôn được công nhận "Cộng đồng học tập" cấp thôn',
    en: 'Village recognised as Learning Community (village level)',
  },
} as const satisfies Record<string, Text>;

export type VillageCountKey = keyof typeof VILLAGE_COUNT_LABELS;
/** The integer counts of a village (every key but villageRecognized). */
export const VILLAGE_COUNT_KEYS = [
  'households', 'familiesRegistered', 'familiesRecognized',
  'lineages', 'lineagesRegistered', 'lineagesRecognized',
  'citizens', 'citizensRecognized', 'trained', 'university',
] as const;

/**
 * The short hints under some village-count labels (the label itself stays the glossary's):
 * what the reference says a cadre must know while typing.
 */
export const VILLAGE_COUNT_HINTS: Partial<Record<VillageCountKey, Text>> = {
  citizens: {
    vi: 'Là "công dân trong xã" mà Chỉ tiêu 1 và Chỉ tiêu 2 của Tiêu chí 5 tính tỷ lệ: mọi người từ 15 tuổi trở lên đang sống ở thôn.',
    en: 'The "citizens of the commune" on which Indicators 1 and 2 of Criterion 5 are counted: everyone aged 15 and over living in the village.',
  },
  trained: {
    vi: 'Gồm cả những người có trình độ đại học trở lên. Không lớn hơn số người từ 15 tuổi trở lên.',
    en: 'Includes those with a university degree or higher. No more than the people aged 15 and over.',
  },
  university: {
    vi: 'Những người này cũng được tính trong số người được đào tạo. Không lớn hơn số người được đào tạo.',
    en: 'They are counted among the trained people too. No more than the trained people.',
  },
};

/** Số liệu chung của xã (`communeFigures`). */
export const COMMUNE_FIGURE_LABELS = {
  units: { vi: 'Tổng số đơn vị (cơ quan, trường học, tổ chức) trên địa bàn xã', en: 'Units in the commune' },
  unitsRecognized: { vi: 'Số đơn vị được công nhận "Đơn vị học tập"', en: 'Units recognised as Learning Unit' },
  pcgdPreschool5: { vi: 'Phổ cập giáo dục mầm non cho trẻ em 5 tuổi', en: 'Universal preschool education, age 5' },
  pcgdPrimary: { vi: 'Mức đạt chuẩn phổ cập giáo dục tiểu học', en: 'Universal primary education level' },
  pcgdLowerSecondary: { vi: 'Mức đạt chuẩn phổ cập giáo dục trung học cơ sở', en: 'Universal lower-secondary education level' },
  literacy: { vi: 'Mức đạt chuẩn xóa mù chữ', en: 'Literacy standard level' },
  difficultArea: { vi: 'Xã thuộc vùng khó khăn', en: 'Commune in a disadvantaged area' },
} as const satisfies Record<string, Text>;

/** Highest level of each standard figure (glossary: 0–3, 0–3, 0–2): the entry's (entities/commune-figures.ts). */
export { FIGURE_LEVEL_MAX } from '../entities/commune-figures.ts';

/** Labels of the other fields the input and the entities carry. */
export const OTHER_LABELS = {
  catalog: { vi: 'Bộ tiêu chí', en: 'Criteria catalog' },
  year: { vi: 'Năm đánh giá', en: 'Assessment year' },
  asOf: { vi: 'Ngày gửi hồ sơ', en: 'Dossier date' },
  commune: { vi: 'Xã', en: 'Commune' },
  communeCode: { vi: 'Mã xã', en: 'Commune code' },
  communeName: { vi: 'Tên xã', en: 'Commune name' },
  province: { vi: 'Tỉnh / Thành phố', en: 'Province' },
  recipient: { vi: 'Nơi nhận hồ sơ', en: 'Dossier recipient' },
  dossierDeadline: { vi: 'Hạn gửi hồ sơ (ngày/tháng)', en: 'Dossier deadline (day/month)' },
  decisionDeadline: { vi: 'Hạn ra quyết định (ngày/tháng)', en: 'Decision deadline (day/month)' },
  villages: { vi: 'Danh sách thôn', en: 'Villages' },
  village: { vi: 'Thôn', en: 'Village' },
  villageCode: { vi: 'Mã thôn', en: 'Village code' },
  villageName: { vi: 'Tên thôn', en: 'Village name' },
  inCommune: { vi: 'Thuộc xã', en: 'Belongs to commune' },
  order: { vi: 'Thứ tự', en: 'Order' },
  archived: { vi: 'Đã lưu trữ', en: 'Archived' },
  figures: { vi: 'Số liệu chung của xã', en: 'Commune figures' },
  answers: { vi: 'Câu trả lời các chỉ tiêu', en: 'Indicator answers' },
  answer: { vi: 'Câu trả lời', en: 'Answer' },
  met: { vi: 'Kết quả (Đạt / Chưa đạt)', en: 'Result (met / not met)' },
  note: { vi: 'Ghi chú', en: 'Note' },
  amount: { vi: 'Kinh phí (đồng)', en: 'Amount (VND)' },
  evidence: { vi: 'Minh chứng', en: 'Evidence' },
  evidenceNumber: { vi: 'Số văn bản', en: 'Document number' },
  evidenceDate: { vi: 'Ngày văn bản', en: 'Document date' },
  evidenceIssuer: { vi: 'Cơ quan ban hành', en: 'Issuing body' },
  evidenceTitle: { vi: 'Tên văn bản', en: 'Document title' },
  history: { vi: 'Quyết định công nhận trước đây', en: 'Earlier recognition decisions' },
  decision: { vi: 'Quyết định công nhận', en: 'Recognition decision' },
  level: { vi: 'Mức độ', en: 'Level' },
  decidedOn: { vi: 'Ngày quyết định', en: 'Decision date' },
  decisionNumber: { vi: 'Số quyết định', en: 'Decision number' },
  indicator: { vi: 'Chỉ tiêu', en: 'Indicator' },
  fileSha256: { vi: 'Mã băm của tệp', en: 'File hash' },
  fileType: { vi: 'Loại tệp', en: 'File type' },
  fileSize: { vi: 'Dung lượng tệp', en: 'File size' },
  fileName: { vi: 'Tên tệp', en: 'File name' },
  caption: { vi: 'Chú thích', en: 'Caption' },
  removed: { vi: 'Đã gỡ bỏ', en: 'Removed' },
  assessInput: { vi: 'Dữ liệu đánh giá', en: 'Assessment input' },
  dossierParagraph: { vi: 'Đoạn văn của hồ sơ', en: 'A dossier paragraph' },
} as const satisfies Record<string, Text>;

/** Labels of the fields of the province's review (issue #14): what was sent, its states, the council, the register, the province's settings. */
export const REVIEW_LABELS = {
  snapshot: { vi: 'Nội dung hồ sơ đã gửi', en: 'Dossier as sent' },
  contentHash: { vi: 'Mã kiểm tra nội dung hồ sơ', en: 'Content checksum' },
  sentAt: { vi: 'Thời điểm gửi hồ sơ', en: 'Sent at' },
  sentBy: { vi: 'Người gửi hồ sơ', en: 'Sent by' },
  stateFrom: { vi: 'Trạng thái trước', en: 'State before' },
  stateTo: { vi: 'Trạng thái sau', en: 'State after' },
  version: { vi: 'Lần gửi', en: 'Version' },
  changedAt: { vi: 'Thời điểm', en: 'When' },
  changedBy: { vi: 'Người thực hiện', en: 'By' },
  device: { vi: 'Thiết bị', en: 'Device' },
  reason: { vi: 'Lý do', en: 'Reason' },
  verdict: { vi: 'Kết quả thẩm định', en: 'Verdict' },
  comment: { vi: 'Ý kiến', en: 'Comment' },
  councilMembers: { vi: 'Thành viên Hội đồng', en: 'Council members' },
  appraisal: { vi: 'Hình thức thẩm định', en: 'How the council appraised' },
  councilEstablished: { vi: 'Quyết định thành lập Hội đồng', en: 'Decision establishing the council' },
  outcome: { vi: 'Kết quả công nhận', en: 'Outcome' },
  signer: { vi: 'Người ký', en: 'Signer' },
  validUntil: { vi: 'Giá trị đến ngày', en: 'Valid until' },
  reasons: { vi: 'Lý do không công nhận', en: 'Reasons for not recognising' },
  councilNote: { vi: 'Ý kiến khác của Hội đồng', en: "The council's further remarks" },
  minutesRef: { vi: 'Biên bản thẩm định', en: 'Appraisal minutes' },
  answerRef: { vi: 'Văn bản trả lời', en: 'Written answer' },
  place: { vi: 'Địa danh', en: 'Place name' },
  receiver: { vi: 'Cơ quan tiếp nhận, thẩm định hồ sơ', en: 'Receiving body' },
  receiverAddress: { vi: 'Địa chỉ cơ quan tiếp nhận', en: "Receiving body's address" },
  decider: { vi: 'Cơ quan quyết định công nhận', en: 'Deciding office' },
  guidanceLetter: { vi: 'Văn bản hướng dẫn của năm', en: "The year's guidance letter" },
  decisionBasis: { vi: 'Căn cứ khác của quyết định', en: 'Other grounds of the decision' },
  difficultAreas: { vi: 'Các xã thuộc vùng khó khăn', en: 'Communes in a disadvantaged area' },
  // Inside the values above (an office, a council member, the appraisal, the dossier as sent).
  officeName: { vi: 'Tên cơ quan', en: "The office's name" },
  officeHeaderName: { vi: 'Tên cơ quan trên tiêu đề', en: 'Name in the header' },
  officeParent: { vi: 'Cơ quan chủ quản', en: 'Parent body' },
  officeAbbr: { vi: 'Chữ viết tắt tên cơ quan', en: "The office's abbreviation" },
  officeDraftingUnit: { vi: 'Đơn vị soạn thảo', en: 'Drafting unit' },
  officeSignerAuthority: { vi: 'Thẩm quyền ký', en: 'Signing authority' },
  officeSignerTitle: { vi: 'Chức vụ người ký', en: "Signer's title" },
  officeSignerName: { vi: 'Họ tên người ký', en: "Signer's name" },
  councilMember: { vi: 'Thành viên Hội đồng', en: 'Council member' },
  memberName: { vi: 'Họ tên thành viên', en: "Member's name" },
  memberPosition: { vi: 'Chức vụ', en: 'Position' },
  memberOrganisation: { vi: 'Cơ quan, tổ chức', en: 'Organisation' },
  memberRole: { vi: 'Vai trò trong Hội đồng', en: 'Role in the council' },
  meetingDate: { vi: 'Ngày họp Hội đồng', en: 'Meeting date' },
  meetingPlace: { vi: 'Địa điểm họp', en: 'Meeting place' },
  meetingStart: { vi: 'Giờ bắt đầu', en: 'Start time' },
  meetingEnd: { vi: 'Giờ kết thúc', en: 'End time' },
  writtenOpinionsDate: { vi: 'Ngày tổng hợp ý kiến', en: 'Date the opinions were gathered' },
  request: { vi: 'Đề nghị công nhận', en: 'Request for recognition' },
  requestKind: { vi: 'Loại đề nghị', en: 'Request kind' },
  snapshotInput: { vi: 'Số liệu đánh giá trong hồ sơ', en: 'The assessment input of the dossier' },
  snapshotOutput: { vi: 'Kết quả đánh giá trong hồ sơ', en: 'The assessment result in the dossier' },
  paperName: { vi: 'Tên văn bản trong hồ sơ', en: 'Paper name' },
  paperText: { vi: 'Nội dung văn bản', en: 'Paper text' },
} as const satisfies Record<string, Text>;

/**
 * The glossary's words for a village ("Thôn / Bản / Ấp / Tổ dân phố (gọi chung là thôn)"): a name
 * may start with one of them or not ("Thôn Làng Mạ" = "Làng Mạ").
 */
export const VILLAGE_KINDS: Text = { vi: 'Thôn / Bản / Ấp / Tổ dân phố (gọi chung là thôn)', en: 'Village' };
/** Each of those words: Thôn, Bản, Ấp, Tổ dân phố. */
export const VILLAGE_KIND_WORDS: readonly string[] = VILLAGE_KINDS.vi.replace(/\s*\([^)]*\)\s*/g, '').split('/').map((s) => s.trim()).filter(Boolean);

/** Every label by its key (the keys of the four tables never collide). */
export const LABELS: Readonly<Record<LabelKey, Text>> = { ...VILLAGE_COUNT_LABELS, ...COMMUNE_FIGURE_LABELS, ...OTHER_LABELS, ...REVIEW_LABELS };
export type LabelKey = keyof typeof VILLAGE_COUNT_LABELS | keyof typeof COMMUNE_FIGURE_LABELS | keyof typeof OTHER_LABELS | keyof typeof REVIEW_LABELS;

/** What a message's `label` parameter names: a glossary label by key, or an entity of the registry. */
export type LabelName = LabelKey | EntityName;

/** The label of a name: the glossary's, else the entity's (how its field schemas name a record). */
export function labelOf(name: LabelName): Text {
  if (Object.prototype.hasOwnProperty.call(LABELS, name)) return LABELS[name as LabelKey];
  const def: { label: Text; recordLabel?: Text } = ENTITY_DEFS[name as EntityName];
  return def.recordLabel ?? def.label;
}

/** Lower-cases the first letter, to use a label inside a sentence ("không được lớn hơn số hộ…"). */
export function inSentence(label: string): string {
  return label.charAt(0).toLocaleLowerCase('vi') + label.slice(1);
}
