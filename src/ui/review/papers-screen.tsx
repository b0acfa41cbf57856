// Giấy tờ của tỉnh (route `#/tinh/giay-to`): the year's receiver papers from this device's data —
// the Tờ trình đề nghị công nhận with the dự thảo Quyết định and its annex, and the Báo cáo kết quả
// đánh giá, công nhận with its chart on screen (chart.js on demand) — each printable and as a Word
// file, and the province's list as a spreadsheet. The Biên bản thẩm định and the Văn bản trả lời
// of one commune are on its review screen.
import { useMemo } from 'preact/hooks';
import { tt25_2023 } from '../../domain/catalog/index.ts';
import type { Doc } from '../../dossier/doc.ts';
import { buildDecision, buildProposal, buildYearReport, OUTCOME_LABEL, type Outcome } from '../../review/papers/index.ts';
import { BarChart } from '../charts/bar-chart.tsx';
import { Title } from '../components/title.tsx';
import { useLive } from '../hooks/use-live.ts';
import { fmtNumber, t } from '../i18n/index.ts';
import { href } from '../router.ts';
import { PATHS, type ScreenProps } from '../routes.tsx';
import { loadReviewYear } from './data.ts';
import { PaperCard, usePrintRoot, type Paper } from './paper-buttons.tsx';
import { ListDownload } from './list-download.tsx';
import './words.ts';
import './review.css';

const OUTCOMES: Outcome[] = ['level-2', 'level-1', 'not-recognised', 'returned', 'in-review', 'not-sent'];

/** The province papers screen. */
export function ProvincePapers({ year }: ScreenProps) {
  const live = useLive(async () => loadReviewYear(year), [year]);
  const y = live.value;
  const papers = useMemo((): Paper[] => {
    if (!y) return [];
    const proposal = buildProposal(y);
    const decision = buildDecision(y);
    const report = buildYearReport(y, tt25_2023);
    const docs = (...d: (Doc<string> | null)[]) => d.filter((x): x is Doc<string> => x !== null);
    return [
      { id: 'proposal', label: t('rv.paper.proposal'), docs: docs(proposal.doc, decision.doc), problems: [...proposal.problems, ...decision.problems.filter((p) => !proposal.problems.some((q) => q.code === p.code))] },
      { id: 'report', label: t('rv.paper.report'), docs: docs(report.doc), problems: report.problems },
    ];
  }, [y]);
  const all = papers.flatMap((p) => p.docs);
  usePrintRoot(all);
  const summary = useMemo(() => (y ? buildYearReport(y, tt25_2023).summary : null), [y]);
  return (
    <>
      <p><a href={href(PATHS.province)}>← {t('rv.backToList')}</a></p>
      <Title>{t('rv.papersLink')} — {year}</Title>
      {!y ? <p class="muted">{t('rv.loading')}</p> : (
        <>
          {summary ? (
            <section class="card" aria-labelledby="rv-chart-h">
              <h2 id="rv-chart-h" class="h3">{t('rv.paper.report')}</h2>
              <BarChart
                spec={{
                  labels: OUTCOMES.map((o) => OUTCOME_LABEL[o]),
                  series: [{ label: t('rv.totalCommunes', { n: summary.total }), values: OUTCOMES.map((o) => summary.counts[o]), color: '#1d4ed8' }],
                  lines: [],
                  horizontal: true,
                  max: Math.max(1, summary.total),
                  format: (v) => fmtNumber(v),
                  valueLabels: true,
                }}
                label={OUTCOMES.map((o) => `${OUTCOME_LABEL[o]}: ${summary.counts[o]}`).join('; ')}
                height={220}
                failedText={t('loadFailed', { reason: 'chart' })}
                testId="rv-chart"
              >
                <table class="rv-table">
                  <tbody>
                    {OUTCOMES.map((o) => <tr key={o}><th scope="row">{OUTCOME_LABEL[o]}</th><td>{fmtNumber(summary.counts[o])}</td></tr>)}
                  </tbody>
                </table>
              </BarChart>
            </section>
          ) : null}
          {papers.map((p) => <PaperCard key={p.id} paper={p} all={all} />)}
          <ListDownload year={year} />
        </>
      )}
    </>
  );
}
