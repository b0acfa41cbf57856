// Village form (route `#/thon/<code>`): the glossary's counts of one village for the year (the
// learning models, the people aged 15 and over, recognised, trained, with a degree). Every valid
// change is saved at once; an invalid value is shown with its Vietnamese error and is never sent
// to the database; the "≤" rules are shown under the fields they bind, last year's value beside
// each. An unlikely jump from last year is flagged but still saved.
// A village this phone's enrolment may not enter (a collector's other villages, a read-only role)
// is shown read-only with the reason, never edited only to be refused by the server.
import { useState } from 'preact/hooks';
import {
  getDossier, getVillageCounts, listVillages, listYears, saveVillage, saveVillageCounts,
  type VillageCountsRow,
} from '../../db/index.ts';
import { VILLAGE_COUNT_HINTS, VILLAGE_COUNT_KEYS, VILLAGE_COUNT_LABELS } from '../../domain/schemas/labels.ts';
import { VILLAGE_COUNT_CHAINS, validateVillageCounts } from '../../domain/schemas/entities.ts';
import { fmtNumber, getLang, t, tx } from '../i18n/index.ts';
import { useLive } from '../hooks/use-live.ts';
import { href } from '../router.ts';
import { Title } from '../components/title.tsx';
import { NumberField, RadioGroup, TextField } from '../components/fields.tsx';
import { FormStatus, useSaver } from '../components/save-status.tsx';
import { isUnlikelyJump, parseCount, readDrafts } from '../parse.ts';
import { useDrafts } from '../hooks/use-drafts.ts';
import { PATHS, type ScreenProps } from '../routes.tsx';
import { readOnlyReason } from '../access.ts';
import { loadAccess } from '../hooks/use-access.ts';
import { ReadOnlyNote } from '../components/read-only-note.tsx';
import { valueProblemText as problemText } from '../../i18n/value-problems.ts';
import { activeWithCode } from '../../domain/village-codes.ts';

type CountKey = (typeof VILLAGE_COUNT_KEYS)[number];

/** The chains of the "≤" rules (the shared schema's), to name the field a person just edited when a rule breaks. */
const CHAINS: readonly (readonly CountKey[])[] = VILLAGE_COUNT_CHAINS;

async function load(commune: string, year: number, param: string) {
  const villages = await listVillages(commune);
  // The address names the village by its id, or by its code (Mã thôn) when typed by hand, by the
  // one rule of codes (village-codes.ts): a code two villages share names neither (the screen
  // lists them to choose from).
  const byCode = activeWithCode(villages, param);
  const found = villages.find((v) => v.id === param) ?? (byCode.length === 1 ? byCode[0] : undefined);
  const village = found?.id ?? param;
  const rows = await getVillageCounts(commune, year);
  const years = await listYears(commune);
  const prevYear = [...years].reverse().find((y) => y < year);
  const prevRows = prevYear === undefined ? [] : await getVillageCounts(commune, prevYear);
  const dossier = await getDossier(commune, year);
  const access = await loadAccess(commune);
  return {
    asked: askedOf(commune, year, param),
    readOnly: readOnlyReason(access, 'villageCounts', village),
    villages,
    id: village,
    village: found,
    /** The villages the typed code names, when it names more than one. */
    choices: found ? [] : byCode,
    /** Other active villages with this village's Mã thôn (two phones offline each added it): the list resolves it. */
    sameCode: found ? activeWithCode(villages, found.code).filter((v) => v.id !== found.id) : [],
    row: rows.find((r) => r.village === village),
    prevYear,
    prev: prevRows.find((r) => r.village === village),
    locked: dossier?.locked === true,
  };
}

type Data = Awaited<ReturnType<typeof load>>;

/** What a load was for: the screen keeps the last answer while the next one runs (useLive). */
const askedOf = (commune: string, year: number, param: string) => `${commune}\u0000${year}\u0000${param}`;

function storedText(row: VillageCountsRow | undefined, key: CountKey): string {
  const v = row?.[key];
  return typeof v === 'number' ? String(v) : '';
}

/** The form itself, once the data is there. */
function Form({ commune, year, code, data }: { commune: string; year: number; code: string; data: Data }) {
  const [lastEdited, setLastEdited] = useState<CountKey | null>(null);
  const [refused, setRefused] = useState<Record<string, string>>({});
  const [name, setName] = useState<string | null>(null);
  const saver = useSaver();
  const lang = getLang();
  const stored = data.row;
  const book = useDrafts(VILLAGE_COUNT_KEYS, stored);
  const drafts = book.drafts;

  /** Errors per field for these drafts, attributed to the field the person can act on. */
  const errorsFor = (d: Partial<Record<CountKey, string>>, edited: CountKey | null): Partial<Record<CountKey, string>> => {
    const merged: Record<string, unknown> = {};
    for (const k of VILLAGE_COUNT_KEYS) merged[k] = stored?.[k] ?? null;
    merged.villageRecognized = stored?.villageRecognized ?? null;
    const errors: Partial<Record<CountKey, string>> = {};
    // Text that is no number at all gets a plain hint; numbers go through the shared rules.
    for (const k of readDrafts(VILLAGE_COUNT_KEYS, d, merged)) errors[k] = t('notANumber');
    for (const p of validateVillageCounts(merged)) {
      const field = p.path as CountKey;
      const msg = problemText(p, lang);
      // A "≤" rule names two fields: the one it is reported on and the nearest filled one above
      // it. Show it where the person just typed if that is one of the two, else on a typed one.
      // The chain where the field is bound by a count above it (citizens heads two chains).
      const chain = CHAINS.find((c) => c.indexOf(field) > 0) ?? [field];
      const above = chain.slice(0, chain.indexOf(field)).reverse().find((k) => typeof merged[k] === 'number');
      const pair = [field, above].filter((k): k is CountKey => !!k);
      const target = edited && pair.includes(edited) && edited in d ? edited : pair.find((k) => k in d);
      if (target && !errors[target]) errors[target] = msg;
    }
    return errors;
  };

  const errors = errorsFor(drafts, lastEdited);

  const onCount = (key: CountKey, raw: string) => {
    const next = book.type(key, raw);
    setLastEdited(key);
    setRefused({});
    const errs = errorsFor(next, key);
    if (data.locked || data.readOnly) return;
    const patch = book.takePatch(next, errs);
    if (Object.keys(patch).length === 0) return;
    void saver.run(() => saveVillageCounts(commune, year, code, patch), setRefused).then((ok) => {
      if (!ok) book.refused(patch);
    });
  };

  const recognized = stored?.villageRecognized;
  const vIndex = data.villages.findIndex((v) => v.id === code);
  const prevV = vIndex > 0 ? data.villages[vIndex - 1] : undefined;
  const nextV = vIndex >= 0 ? data.villages[vIndex + 1] : undefined;

  return (
    <>
      <p class="hint">{t('villageFormHint')}</p>
      <ReadOnlyNote reason={data.readOnly} level="village" />
      <FormStatus state={saver.state} locked={data.locked} year={year} />
      <form onSubmit={(e) => e.preventDefault()} noValidate data-village-code={data.village?.code}>
        {/* A disabled fieldset makes every control in it read-only, natively and for screen readers. */}
        <fieldset disabled={data.readOnly !== null}>
          {VILLAGE_COUNT_KEYS.map((key) => {
            const prevVal = data.prev?.[key];
            const raw = drafts[key] ?? storedText(stored, key);
            const parsed = parseCount(raw);
            const now = stored?.[key];
            // A text not saved over a value someone else just saved: say so first.
            const warn = book.moved[key]
              ? t('savedChangedUnder', { value: typeof now === 'number' ? fmtNumber(now) : t('emptyValue') })
              : typeof prevVal === 'number' && typeof parsed === 'number' && !errors[key] && isUnlikelyJump(prevVal, parsed)
                ? t('jumpWarning', { year: data.prevYear ?? '', from: fmtNumber(prevVal), to: fmtNumber(parsed) })
                : undefined;
            const rule = VILLAGE_COUNT_HINTS[key];
            return (
              <NumberField
                key={key}
                id={`f-${key}`}
                label={tx(VILLAGE_COUNT_LABELS[key])}
                hint={typeof prevVal === 'number' ? t('lastYear', { year: data.prevYear ?? '', value: fmtNumber(prevVal) }) : undefined}
                rule={rule ? tx(rule) : undefined}
                value={raw}
                error={errors[key] ?? refused[key]}
                warning={warn}
                onInput={(r) => onCount(key, r)}
              />
            );
          })}
          <RadioGroup
            id="f-villageRecognized"
            name="villageRecognized"
            label={tx(VILLAGE_COUNT_LABELS.villageRecognized)}
            hint={
              typeof data.prev?.villageRecognized === 'boolean'
                ? t('lastYear', { year: data.prevYear ?? '', value: data.prev.villageRecognized ? t('yes') : t('no') })
                : undefined
            }
            value={recognized === true ? 'yes' : recognized === false ? 'no' : ''}
            options={[
              { value: 'yes', label: t('yes') },
              { value: 'no', label: t('no') },
              { value: '', label: t('notAnswered') },
            ]}
            onChange={(v) => {
              if (data.locked || data.readOnly) return;
              void saver.run(() => saveVillageCounts(commune, year, code, { villageRecognized: v === 'yes' ? true : v === 'no' ? false : null }));
            }}
          />
          <TextField
            id="f-name"
            label={t('villageName')}
            value={name ?? data.village?.name ?? ''}
            error={name !== null && !name.trim() ? t('errRequired', { field: t('villageName') }) : undefined}
            onInput={(v) => {
              setName(v);
              if (v.trim() && !data.readOnly) void saver.run(() => saveVillage(commune, { id: code, code: data.village?.code ?? code, name: v.trim() }));
            }}
          />
        </fieldset>
      </form>
      <nav class="pager" aria-label={t('villagesTitle')}>
        {prevV ? <a href={href(PATHS.villages, prevV.id)}>← {prevV.name}</a> : <span />}
        {nextV ? <a href={href(PATHS.villages, nextV.id)}>{nextV.name} →</a> : <span />}
      </nav>
    </>
  );
}

/** The village form screen. */
export function VillageForm({ commune, year, item: village }: ScreenProps & { item: string }) {
  const live = useLive(() => load(commune, year, village), [commune, year, village]);
  // Right after "next village →" (or a change of year) the last answer is still the previous
  // village's: a form drawn from it would save what is typed into that village. Wait for this one.
  const data = live.value?.asked === askedOf(commune, year, village) ? live.value : undefined;
  return (
    <>
      <p>
        <a href={href(PATHS.villages)}>← {t('villagesTitle')}</a>
      </p>
      <Title>
        {data?.village?.name ?? village} — {year}
      </Title>
      {!data ? (
        <p class="muted">{t('loading')}</p>
      ) : !data.village && data.choices.length > 1 ? (
        <>
          <p role="alert">{t('dupCodes', { code: village, n: data.choices.length, names: data.choices.map((v) => v.name).join(', ') })}</p>
          <ul class="link-list">
            {data.choices.map((v) => (
              <li key={v.id}>
                <a href={href(PATHS.villages, v.id)}>{v.name}</a>
              </li>
            ))}
          </ul>
        </>
      ) : !data.village ? (
        <p role="alert">{t('villageNotFound', { code: village })}</p>
      ) : (
        <>
          {data.sameCode.length ? (
            <p class="notice warn" role="note" data-testid="dup-code-here">
              {t('dupCodeHere', { code: data.village.code, names: data.sameCode.map((v) => v.name).join(', ') })}
            </p>
          ) : null}
          {/* Keyed by village so moving to the next village starts with fresh drafts. */}
          <Form key={`${village}/${year}`} commune={commune} year={year} code={data.id} data={data} />
        </>
      )}
    </>
  );
}
