import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COST_SHARE_WHOLE, CommonReason, splitCents, type CostShare } from '@forum/contracts';
import { api, ApiError } from '../api/api-client';
import { listMembers } from '../api/queries';
import type { ActionItem, Government } from '../api/types';
import { useResource } from '../api/use-resource';
import { ErrorSummary } from '../components/error-summary';
import { SubmitButton, TextField } from '../components/fields';
import { FormError, governmentName, SectionHeading, Success, TableScroll } from '../components/ui';
import { centsToDollarsInput, dollarsToCents, formatMoney } from '../i18n/format';

const numberLocale = (lang: string) => (lang === 'fr' ? 'fr-CA' : 'en-CA');

/** Basis points as a percentage in the reader's language ("33.33 %", "33,33 %"). */
const percent = (basisPoints: number, lang: string) => `${new Intl.NumberFormat(numberLocale(lang), { maximumFractionDigits: 2 }).format(basisPoints / 100)} %`;

/** A share as typed in percent ("33.33", "33,33") → basis points; null when it is not a percentage with at most two decimals. */
function percentToBasisPoints(text: string): number | null {
  const m = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(text.replace(/[\s\u00a0%]/g, ''));
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
const basisPointsToInput = (basisPoints: number) =>
  `${Math.floor(basisPoints / 100)}${basisPoints % 100 ? `.${String(basisPoints % 100).padStart(2, '0')}` : ''}`;

const FIELD_IDS = {
  estimatedCostCents: 'cost-estimated',
  actualCostCents: 'cost-actual',
  fundingSource: 'cost-funding-source',
  costShares: 'cost-shares',
} as const;
type Field = keyof typeof FIELD_IDS;

/**
 * An item's resources: the estimated and actual cost and how the governments share them, each government's part
 * split exactly as the API counts it. The secretariat sets all of it; the lead government's official reports the
 * actual cost (the API keeps the rest the secretariat's).
 */
export function CostsSection({
  item,
  governments,
  mayEditAll,
  mayEditActual,
  onSaved,
}: {
  item: ActionItem;
  governments: Government[];
  mayEditAll: boolean;
  mayEditActual: boolean;
  onSaved(): Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const base = item.actualCostCents ?? item.estimatedCostCents;
  const parts = base === null ? new Map<string, number>() : splitCents(base, item.costShares);
  const total = item.costShares.reduce((sum, s) => sum + s.basisPoints, 0);
  return (
    <section aria-labelledby="item-costs">
      <SectionHeading>
        <span id="item-costs">{t('actionItems.costs')}</span>
      </SectionHeading>
      <dl className="facts">
        <dt>{t('actionItems.estimatedCost')}</dt>
        <dd data-testid="estimated-cost">{formatMoney(item.estimatedCostCents, lang)}</dd>
        <dt>{t('actionItems.actualCost')}</dt>
        <dd data-testid="actual-cost">{formatMoney(item.actualCostCents, lang)}</dd>
        {item.fundingSource ? (
          <>
            <dt>{t('costSharing.fundingSource')}</dt>
            <dd>{item.fundingSource}</dd>
          </>
        ) : null}
      </dl>
      {item.costShares.length ? (
        <TableScroll>
          <table className="data-table" data-testid="cost-shares">
            <caption>{t('actionItems.costSharing')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('bodies.government')}</th>
                <th scope="col">{t('actionItems.share')}</th>
                <th scope="col">{base === item.actualCostCents && base !== null ? t('costSharing.amountOfActual') : t('costSharing.amountOfEstimate')}</th>
              </tr>
            </thead>
            <tbody>
              {item.costShares.map((s) => (
                <tr key={s.governmentId}>
                  <th scope="row">
                    {governmentName(
                      governments.find((g) => g.id === s.governmentId),
                      lang,
                    )}
                  </th>
                  <td>{percent(s.basisPoints, lang)}</td>
                  <td>{base === null ? '—' : formatMoney(parts.get(s.governmentId) ?? 0, lang)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('costSharing.total')}</th>
                <td data-testid="cost-shares-total">{percent(total, lang)}</td>
                <td>{formatMoney(base, lang)}</td>
              </tr>
            </tfoot>
          </table>
        </TableScroll>
      ) : (
        <p>{t('actionItems.noCostSharing')}</p>
      )}
      {mayEditAll || mayEditActual ? <CostsForm key={item.version} item={item} governments={governments} mayEditAll={mayEditAll} onSaved={onSaved} /> : null}
    </section>
  );
}

function CostsForm({ item, governments, mayEditAll, onSaved }: { item: ActionItem; governments: Government[]; mayEditAll: boolean; onSaved(): Promise<void> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  // who may hold a share: the body's current members, and whoever holds one already
  const { data: members } = useResource(() => (mayEditAll ? listMembers(item.bodyId) : Promise.resolve([])), [item.bodyId, mayEditAll]);
  const sharers = [...new Set([...item.costShares.map((s) => s.governmentId), ...(members ?? []).filter((m) => !m.endedAt).map((m) => m.governmentId)])];
  const [form, setForm] = useState({
    estimated: centsToDollarsInput(item.estimatedCostCents),
    actual: centsToDollarsInput(item.actualCostCents),
    fundingSource: item.fundingSource ?? '',
    shares: Object.fromEntries(item.costShares.map((s) => [s.governmentId, basisPointsToInput(s.basisPoints)])) as Record<string, string>,
  });
  const [errors, setErrors] = useState<Partial<Record<Field | `share-${string}`, string>>>({});
  const [error, setError] = useState<ApiError | string | null>(null);
  const [saved, setSaved] = useState(false);

  const typed = Object.entries(form.shares).filter(([, v]) => v.trim());
  const shares: (CostShare | null)[] = typed.map(([governmentId, v]) => {
    const basisPoints = percentToBasisPoints(v);
    return basisPoints === null || basisPoints < 1 || basisPoints > COST_SHARE_WHOLE ? null : { governmentId, basisPoints };
  });
  const total = shares.reduce((sum, s) => sum + (s?.basisPoints ?? 0), 0);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setSaved(false);
    const estimated = form.estimated.trim() ? dollarsToCents(form.estimated) : undefined;
    const actual = form.actual.trim() ? dollarsToCents(form.actual) : undefined;
    const found: Record<string, string | undefined> = {
      estimatedCostCents: estimated === null ? t('costSharing.amountInvalid') : undefined,
      actualCostCents: actual === null ? t('costSharing.amountInvalid') : undefined,
      costShares: mayEditAll && typed.length && total !== COST_SHARE_WHOLE ? t('costSharing.mustTotal', { total: percent(total, lang) }) : undefined,
      ...Object.fromEntries(typed.map(([g], i) => [`share-${g}`, shares[i] ? undefined : t('costSharing.shareInvalid')])),
    };
    setErrors(found);
    if (Object.values(found).some(Boolean)) return;
    const patch: Record<string, unknown> = { version: item.version, actualCostCents: actual ?? null };
    if (mayEditAll) {
      patch.estimatedCostCents = estimated ?? null;
      patch.fundingSource = form.fundingSource.trim() || null;
      patch.costShares = shares;
    }
    try {
      await api('PATCH', `/action-items/${item.id}`, patch);
      setSaved(true);
      await onSaved();
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, null);
      const named = err.forFields({
        estimatedCostCents: 'estimatedCostCents',
        actualCostCents: 'actualCostCents',
        fundingSource: 'fundingSource',
        costShares: 'costShares',
      });
      // the API's words name the property; the page says it in the reader's language where it knows the rule
      if (named) setErrors({ ...named, ...(named.costShares ? { costShares: t('costSharing.refused', { detail: named.costShares }) } : {}) });
      else if (err.reason === CommonReason.StaleVersion) setError(t('costSharing.stale'));
      else setError(err);
    }
  };

  const summary = {
    [FIELD_IDS.estimatedCostCents]: errors.estimatedCostCents,
    [FIELD_IDS.actualCostCents]: errors.actualCostCents,
    [FIELD_IDS.fundingSource]: errors.fundingSource,
    ...Object.fromEntries(sharers.map((g) => [`share-${g}`, errors[`share-${g}`]])),
    [FIELD_IDS.costShares]: errors.costShares,
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="narrow-form" aria-labelledby="edit-costs">
      <SectionHeading tag="h3">
        <span id="edit-costs">{mayEditAll ? t('costSharing.edit') : t('costSharing.editActual')}</span>
      </SectionHeading>
      <ErrorSummary errors={summary} />
      <FormError error={error} />
      {saved ? <Success>{t('costSharing.saved')}</Success> : null}
      {mayEditAll ? (
        <TextField
          id={FIELD_IDS.estimatedCostCents}
          label={t('actionItems.estimatedCost')}
          hint={t('costSharing.amountHint')}
          value={form.estimated}
          onChange={(estimated) => setForm((f) => ({ ...f, estimated }))}
          error={errors.estimatedCostCents}
        />
      ) : null}
      <TextField
        id={FIELD_IDS.actualCostCents}
        label={t('actionItems.actualCost')}
        hint={t('costSharing.amountHint')}
        value={form.actual}
        onChange={(actual) => setForm((f) => ({ ...f, actual }))}
        error={errors.actualCostCents}
      />
      {mayEditAll ? (
        <>
          <TextField
            id={FIELD_IDS.fundingSource}
            label={t('costSharing.fundingSource')}
            value={form.fundingSource}
            onChange={(fundingSource) => setForm((f) => ({ ...f, fundingSource }))}
            error={errors.fundingSource}
          />
          <fieldset className="cost-share-fields">
            <legend>{t('costSharing.sharesLegend')}</legend>
            <p className="hint">{t('costSharing.sharesHint')}</p>
            {errors.costShares ? (
              <p className="error" role="alert" id={FIELD_IDS.costShares} tabIndex={-1}>
                {errors.costShares}
              </p>
            ) : null}
            {sharers.map((g) => (
              <TextField
                key={g}
                id={`share-${g}`}
                label={t('costSharing.shareOf', {
                  government: governmentName(
                    governments.find((x) => x.id === g),
                    lang,
                  ),
                })}
                value={form.shares[g] ?? ''}
                onChange={(v) => setForm((f) => ({ ...f, shares: { ...f.shares, [g]: v } }))}
                error={errors[`share-${g}`]}
              />
            ))}
            <p data-testid="cost-shares-typed-total" aria-live="polite">
              {t('costSharing.typedTotal', { total: percent(total, lang) })}
            </p>
          </fieldset>
        </>
      ) : null}
      <SubmitButton>{t('costSharing.save')}</SubmitButton>
    </form>
  );
}
