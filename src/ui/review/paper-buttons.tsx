// Print and .docx of the receiver's papers, as the commune's dossier screen does it: the print
// root takes the papers (A4, the print font, numbered pages), the Word file is built from the same
// document model by the lazy docx chunk. Shows why a paper is not made yet instead of its buttons.
import { useEffect, useState } from 'preact/hooks';
import type { Doc } from '../../dossier/doc.ts';
import type { PaperProblem } from '../../review/papers/types.ts';
import { printDocs, removePrintRoot, setPrintDocs } from '../dossier/print.ts';
import { saveBlob } from '../save-file.ts';
import { t } from '../i18n/index.ts';

export interface Paper {
  id: string;
  label: string;
  docs: Doc<string>[];
  problems: PaperProblem[];
}

async function downloadWord(doc: Doc<string>): Promise<void> {
  const { buildDocx, docxFileName } = await import('../../dossier/docx.ts');
  const bytes = await buildDocx(doc);
  saveBlob(new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }), docxFileName(doc));
}

/** One paper (or a paper and its annexed draft) with its problems, print and Word buttons. */
export function PaperCard({ paper, all }: { paper: Paper; all: Doc<string>[] }) {
  const [failed, setFailed] = useState<string | null>(null);
  const blocks = paper.problems.filter((p) => p.severity === 'block');
  return (
    <section class="card" aria-labelledby={`paper-${paper.id}`} data-testid={`paper-${paper.id}`}>
      <h3 id={`paper-${paper.id}`}>{paper.label}</h3>
      {paper.problems.length ? (
        <ul class="rv-problems small">
          {paper.problems.map((p) => <li key={p.code + p.text} class={p.severity === 'block' ? 'field-error' : 'field-warning'}>{p.text}</li>)}
        </ul>
      ) : null}
      {paper.docs.length === 0 ? (
        <p>{t('rv.paperNotMade', { why: blocks.map((p) => p.text).join(' ') || t('rv.none') })}</p>
      ) : (
        <div class="row">
          <button type="button" onClick={() => void printDocs(paper.docs, all)}>{t('rv.print')}</button>
          {paper.docs.map((d) => (
            <button key={d.id} type="button" onClick={() => void downloadWord(d).catch((e: unknown) => setFailed(String(e)))}>
              {t('rv.word')}{paper.docs.length > 1 ? ` — ${d.title}` : ''}
            </button>
          ))}
        </div>
      )}
      {failed ? <p role="alert" class="error">{failed}</p> : null}
    </section>
  );
}

/** Keeps every made paper in the print root while the screen is open (Ctrl+P prints them). */
export function usePrintRoot(docs: Doc<string>[]): void {
  useEffect(() => {
    void setPrintDocs(docs);
  }, [docs.map((d) => d.id).join()]);
  useEffect(() => () => removePrintRoot(), []);
}
