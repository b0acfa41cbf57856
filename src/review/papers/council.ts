// The council of Điều 9.2 as its papers show it: whether it is lawfully made up (an odd number of
// members, at least five; one chair and one secretary; the Hội Khuyến học and the Ủy ban MTTQ
// among the bodies represented), its members grouped by the body they represent, and how it
// appraised. Pure; a council that is not lawful makes no paper.
import type { Council, CouncilMember, CouncilRole, PaperProblem } from './types.ts';

/** The smallest council the circular allows (Điều 9.2: "số lẻ, ít nhất 05 thành viên"). */
export const COUNCIL_MIN = 5;

/** The role as a Biên bản names it. */
export const ROLE_LABEL: Readonly<Record<CouncilRole, string>> = {
  chair: 'Chủ tịch Hội đồng',
  secretary: 'Thư ký Hội đồng',
  member: 'Ủy viên',
};

const KHUYEN_HOC = /khuyến học/iu;
const MTTQ = /mặt trận|MTTQ/iu;

/**
 * What stops the council from appraising ('block') or should be looked at ('warn'). The circular
 * names the bodies represented; the app checks only the two it can recognise by name.
 */
export function councilProblems(c: Council): PaperProblem[] {
  const out: PaperProblem[] = [];
  const n = c.members.length;
  if (n < COUNCIL_MIN || n % 2 === 0) {
    out.push({
      code: 'council-size',
      severity: 'block',
      text: `Hội đồng có ${n} thành viên: Thông tư số 25/2023/TT-BGDĐT (Điều 9) quy định Hội đồng có số thành viên là số lẻ, ít nhất ${String(COUNCIL_MIN).padStart(2, '0')} người.`,
    });
  }
  const count = (r: CouncilRole) => c.members.filter((m) => m.role === r).length;
  if (count('chair') !== 1) out.push({ code: 'council-chair', severity: 'block', text: `Hội đồng cần đúng một Chủ tịch Hội đồng (hiện có ${count('chair')}).` });
  if (count('secretary') !== 1) out.push({ code: 'council-secretary', severity: 'block', text: `Hội đồng cần đúng một Thư ký Hội đồng (hiện có ${count('secretary')}).` });
  const unnamed = c.members.filter((m) => !m.name.trim() || !m.organisation.trim()).length;
  if (unnamed > 0) out.push({ code: 'council-member', severity: 'block', text: `${unnamed} thành viên Hội đồng chưa ghi họ tên hoặc cơ quan, tổ chức.` });
  if (!c.members.some((m) => KHUYEN_HOC.test(m.organisation))) {
    out.push({ code: 'council-khuyen-hoc', severity: 'warn', text: 'Hội đồng chưa có đại diện Hội Khuyến học (Điều 9 Thông tư số 25/2023/TT-BGDĐT).' });
  }
  if (!c.members.some((m) => MTTQ.test(m.organisation))) {
    out.push({ code: 'council-mttq', severity: 'warn', text: 'Hội đồng chưa có đại diện Ủy ban Mặt trận Tổ quốc Việt Nam (Điều 9 Thông tư số 25/2023/TT-BGDĐT).' });
  }
  if (!c.appraisal.date) out.push({ code: 'appraisal-date', severity: 'warn', text: c.appraisal.kind === 'meeting' ? 'Chưa ghi ngày họp Hội đồng.' : 'Chưa ghi ngày tổng hợp ý kiến của các thành viên Hội đồng.' });
  return out;
}

/** The members by the body they represent, bodies in the order first met, the chair's body first. */
export function membersByOrganisation(c: Council): { organisation: string; members: CouncilMember[] }[] {
  const rank: Record<CouncilRole, number> = { chair: 0, secretary: 1, member: 2 };
  const sorted = [...c.members].sort((a, b) => rank[a.role] - rank[b.role]);
  const groups = new Map<string, CouncilMember[]>();
  for (const m of sorted) {
    const key = m.organisation.trim();
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  return [...groups].map(([organisation, members]) => ({ organisation, members }));
}

/** The chair and the secretary (the two who sign the Biên bản), when there is exactly one of each. */
export function signers(c: Council): { chair: CouncilMember | undefined; secretary: CouncilMember | undefined } {
  const one = (r: CouncilRole) => {
    const list = c.members.filter((m) => m.role === r);
    return list.length === 1 ? list[0] : undefined;
  };
  return { chair: one('chair'), secretary: one('secretary') };
}
