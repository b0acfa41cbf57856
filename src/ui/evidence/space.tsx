// Space the evidence files take on this phone, and how many wait to be sent (the Dữ liệu screen).
// Lazy with the evidence chunk.
import { repo } from '../../db/index.ts';
import { useEvidenceStore } from './store.ts';
import { useLive } from '../hooks/use-live.ts';
import { fmtBytes, t } from '../i18n/index.ts';
import './words.ts';

export function EvidenceSpace() {
  const store = useEvidenceStore();
  const u = useLive(() => (store ? store.evidenceUsage(repo()) : undefined), [store]).value;
  return (
    <>
      <dt>{t('attach.space')}</dt>
      <dd data-testid="evidence-space">
        {u ? t('attach.spaceValue', { files: u.files, size: fmtBytes(u.bytes) }) : t('loading')}
        {u && u.pending ? <span class="small muted"> · {t('attach.spacePending', { n: u.pending })}</span> : null}
      </dd>
    </>
  );
}
