// The catalog's part `pb` in Vietnamese: what is wrong with an input — a form, an imported file, a
// sync batch at the server, the readiness input of the CLI — and why a write is refused. The domain
// and the server answer with these codes and parameters (`label` names a glossary label or an
// entity, src/domain/schemas/labels.ts labelOf); the words are chosen here only.
import { LABELS, inSentence, labelOf, type LabelName } from '../../domain/schemas/labels.ts';

interface Labelled { label: LabelName; indicator?: string }
type LabelKey = LabelName;
/** The label a message names: a glossary label, or "Câu trả lời chỉ tiêu TC1.1". */
const L = (p: Labelled): string => (p.label === 'answer' && p.indicator ? `Câu trả lời chỉ tiêu ${p.indicator}` : labelOf(p.label).vi);
/** The same label inside a sentence ("không được lớn hơn số hộ…"). */
const l = (p: Labelled): string => inSentence(L(p));

export const words = {
  // Shapes of values (src/domain/schemas)
  'pb.notObject': (p: Labelled) => `${L(p)} phải là một đối tượng JSON ({…})`,
  'pb.unknownField': (p: Labelled & { key: string }) => `Trường "${p.key}" không được phép trong ${l(p)}`,
  'pb.missing': (p: { field?: LabelKey; key: string }) => `Thiếu ${p.field ? l({ label: p.field }) : `trường "${p.key}"`}`,
  'pb.notNumber': (p: Labelled) => `${L(p)} phải là một số`,
  'pb.notInteger': (p: Labelled) => `${L(p)} phải là số nguyên`,
  'pb.negative': (p: Labelled) => `${L(p)} không được là số âm`,
  'pb.levelRange': (p: Labelled & { max: number }) => `${L(p)} phải từ 0 đến ${p.max}`,
  'pb.notBool': (p: Labelled) => `${L(p)} phải là có hoặc không (true/false)`,
  'pb.notText': (p: Labelled) => `${L(p)} phải là chữ`,
  'pb.notDate': (p: Labelled) => `${L(p)} phải là một ngày có thật, dạng YYYY-MM-DD`,
  'pb.notDayOfYear': (p: Labelled) => `${L(p)} phải là ngày/tháng dạng MM-DD`,
  'pb.notList': (p: Labelled) => `${L(p)} phải là một danh sách ([…])`,
  'pb.notCode': (p: Labelled) => `${L(p)} chỉ gồm chữ cái không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới (tối đa 32 ký tự)`,
  'pb.tooLong': (p: Labelled & { max: number }) => `${L(p)} quá dài (tối đa ${p.max.toLocaleString('vi-VN')} ký tự)`,
  'pb.control': (p: Labelled) => `${L(p)} có ký tự điều khiển không được phép`,
  'pb.empty': (p: Labelled) => `${L(p)} không được để trống`,
  'pb.exceeds': (p: Labelled & { value: number; above: LabelKey; aboveValue: number }) =>
    `${L(p)} (${p.value}) không được lớn hơn ${l({ label: p.above })} (${p.aboveValue})`,
  'pb.metValue': (p: Labelled) => `${L(p)} phải là true (Đạt), false (Chưa đạt) hoặc null (chưa có dữ liệu)`,
  'pb.levelValue': (p: Labelled) => `${L(p)} phải là 1 hoặc 2`,
  'pb.notSha256': (p: Labelled) => `${L(p)} phải gồm 64 chữ số hệ 16`,
  'pb.notFileType': (p: Labelled) => `${L(p)} phải là ảnh JPEG hoặc tệp PDF`,
  'pb.emptyFile': (p: Labelled) => `${L(p)} phải lớn hơn 0`,
  'pb.fileTooLarge': (p: Labelled & { mb: number }) => `${L(p)} không được quá ${p.mb} MB`,
  'pb.exactlyOne': (p: { a: LabelKey; b: LabelKey }) => `Cần đúng một trong: ${l({ label: p.a })}, ${l({ label: p.b })}`,
  'pb.noAmount': (p: { indicator?: string }) => `Chỉ tiêu ${p.indicator ?? ''} không có kinh phí (amount)`.replace('  ', ' '),
  'pb.unknownIndicator': 'Không có chỉ tiêu "{indicator}" trong bộ tiêu chí {catalog}',
  'pb.notYesNo': 'Chỉ tiêu {indicator} không phải dạng có/không: kết quả được tính từ số liệu',
  // The register of titles (src/domain/schemas/record-rules.ts)
  'pb.registerDecision': (p: Labelled) => `Thiếu ${l(p)} của quyết định công nhận`,
  'pb.registerReasons': (p: Labelled) => `Thiếu ${l(p)} (Điều 9.2: nêu rõ lý do không đạt)`,
  'pb.registerNoLevel': 'Xã không được công nhận thì không ghi mức độ',
  'pb.registerValidUntil': (p: Labelled & { want: string }) => `${L(p)} phải là ngày 31/12/${p.want.slice(0, 4)} (năm quyết định cộng 3 năm, Điều 5.4)`,
  // The province's review (src/domain/schemas/review.ts)
  'pb.notChoice': (p: Labelled & { choices: string }) => `${L(p)} phải là một trong: ${p.choices}`,
  'pb.notInstant': (p: Labelled) => `${L(p)} phải là thời điểm dạng YYYY-MM-DDTHH:MM:SSZ`,
  'pb.notHash': (p: Labelled) => `${L(p)} phải là 64 chữ số hệ 16`,
  'pb.notClock': (p: Labelled) => `${L(p)} phải dạng HH:MM`,
  'pb.councilMax': (p: { max: number }) => `Hội đồng có tối đa ${p.max} thành viên`,
  'pb.appraisalKind': (p: Labelled) => `${L(p)} phải là họp (meeting) hoặc lấy ý kiến bằng văn bản (written)`,
  'pb.notCommuneId': (p: Labelled) => `${L(p)}: mã xã không hợp lệ`,
  'pb.notCommuneIds': (p: Labelled) => `${L(p)} phải là một danh sách mã xã ([…])`,
  'pb.tooManyCommunes': (p: Labelled & { max: number }) => `${L(p)}: tối đa ${p.max.toLocaleString('vi-VN')} xã`,
  'pb.communeTwice': (p: Labelled) => `${L(p)}: mã xã bị lặp`,
  'pb.malformed': (p: Labelled) => `${L(p)} không đúng định dạng`,
  'pb.badName': (p: Labelled) => `${L(p)} không hợp lệ`,
  'pb.invalidValue': 'Giá trị không hợp lệ',
  'pb.notJson': 'Nội dung không phải JSON hợp lệ ({detail})',
};
