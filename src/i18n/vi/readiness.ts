// The catalog's part `rd` in Vietnamese: the words of readiness results — status and level labels
// (glossary), the gap of an indicator, the steps towards a level, the request of the year. Used by
// the screens, the papers and the CLI through src/i18n/readiness.ts.
import { inSentence } from '../../domain/schemas/labels.ts';

const VILLAGE_PREFIX = /^(thôn|bản|ấp|tổ dân phố|tổ|buôn|xóm|khu phố|khu|khối|sóc|plei)(?=\s|$)/iu;

export const words = {
  'rd.status.met': 'Đạt',
  'rd.status.unmet': 'Chưa đạt',
  'rd.status.unknown': 'Chưa có dữ liệu',
  'rd.level.0': 'Chưa đạt mức độ nào',
  'rd.level.1': 'Mức độ 1 (Khá)',
  'rd.level.2': 'Mức độ 2 (Tốt)',
  'rd.gapLabel': 'Còn thiếu',
  'rd.villageCode': 'Thôn {code}',
  /** Names already saying Thôn/Bản/Ấp/… are kept as they are. */
  'rd.villageNamed': ({ name }: { name: string }) => (VILLAGE_PREFIX.test(name) ? name : `Thôn ${name}`),
  'rd.indicatorHead': 'Tiêu chí {criterion}, chỉ tiêu {indicator}',
  'rd.indicatorName': 'Chỉ tiêu {indicator} của Tiêu chí {criterion}',
  'rd.criterionName': 'Tiêu chí {criterion}',
  'rd.phrase': ({ phrase }: { phrase: { vi: string }; n: number }) => phrase.vi,
  'rd.std.notReached': 'chưa đạt chuẩn',
  'rd.std.reached': 'đã đạt chuẩn',
  'rd.std.level': 'mức độ {level}',
  'rd.std.target': '{standard} mức độ {level}',
  'rd.gap.stdUnknown': ({ label, target }: { label: string; target: string }) => `chưa có số liệu: ${inSentence(label)} (cần đạt chuẩn ${target})`,
  'rd.gap.std': 'cần đạt chuẩn {target} (hiện {now})',
  'rd.gap.missing': 'chưa có số liệu của {n} thôn: {names}',
  'rd.gap.zero': '{denominator} bằng 0, chưa tính được tỷ lệ',
  'rd.gap.people': 'cần thêm {count} {phrase} (hiện {now}, cần {need})',
  'rd.gap.difficultArea': ' — ngưỡng của xã thuộc vùng khó khăn',
  'rd.gap.notAnswered': 'chưa trả lời',
  'rd.gap.answeredUnmet': 'xã tự đánh giá là Chưa đạt',
  'rd.act.answer': '{head}: trả lời "{wording}"',
  'rd.act.meet': '{head}: thực hiện "{wording}" và lưu minh chứng',
  'rd.act.add': '{name}: thêm {count} {phrase}',
  'rd.act.wait': 'Chờ đến ngày {from} mới đề nghị công nhận mức độ 2 (đủ 12 tháng sau quyết định công nhận mức độ 1)',
  'rd.req.inForce': 'Xã đang giữ danh hiệu {held} (quyết định ngày {decided}, còn hiệu lực đến {until}): năm nay không cần đề nghị công nhận.',
  'rd.req.notMet': 'Xã chưa đạt mức độ nào: chưa đủ điều kiện đề nghị công nhận.',
  'rd.req.first': 'Đề nghị công nhận {level}.',
  'rd.req.upgrade': 'Đề nghị công nhận {level} (xã đang giữ {held} đến {until}).',
  'rd.req.renewInForce': 'Đề nghị công nhận lại {level}: danh hiệu {title} chỉ còn hiệu lực đến {until} (năm cuối được bảo lưu).',
  'rd.req.renewEnded': 'Đề nghị công nhận lại {level}: danh hiệu {title} hết hiệu lực ngày {until}.',
};
