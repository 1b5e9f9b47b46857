import { FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ACTION_ITEM_PRIORITIES } from '@forum/contracts';
import { api, ApiError } from '../api/api-client';
import { listMembers } from '../api/queries';
import type { ActionItem, Body, Membership } from '../api/types';
import { BilingualFields, pairPayload } from '../components/bilingual';
import { ErrorSummary } from '../components/error-summary';
import { NativeField, SubmitButton, TextField } from '../components/fields';
import { SelectField } from '../components/choice-fields';
import { bodyName, FormError, governmentName, SectionHeading } from '../components/ui';
import { dollarsToCents } from '../i18n/format';

const EMPTY = {
  bodyId: '',
  title: { en: '', fr: '' },
  description: { en: '', fr: '' },
  leadGovernmentId: '',
  supporting: [] as string[],
  dueOn: '',
  priority: 'normal',
  estimatedCost: '',
  fundingSource: '',
};

/** The form's fields, each named by the id of its input and by the create DTO's property. */
const FIELD_IDS = {
  bodyId: 'new-item-body',
  title: 'new-item-title',
  description: 'new-item-description',
  leadGovernmentId: 'new-item-lead',
  supportingGovernmentIds: 'new-item-supporting',
  dueOn: 'new-item-due',
  priority: 'new-item-priority',
  estimatedCostCents: 'new-item-estimate',
  fundingSource: 'new-item-funding',
} as const;
type Field = keyof typeof FIELD_IDS;

/**
 * The secretariat assigns work: a new action item of a body (POST /action-items). Only current, non-observer
 * members may lead (an observer does not lead action items); any current member may support.
 */
export function CreateActionItemForm({ bodies, bodyId: fixedBodyId }: { bodies: Body[]; bodyId?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const [form, setForm] = useState({ ...EMPTY, bodyId: fixedBodyId ?? '' });
  const [members, setMembers] = useState<Membership[]>([]);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setMembers([]);
    if (!form.bodyId) return;
    let current = true;
    listMembers(form.bodyId).then(
      (m) => current && setMembers(m.filter((x) => !x.endedAt)),
      (e) => current && setError(e as ApiError),
    );
    return () => {
      current = false;
    };
  }, [form.bodyId]);

  const leaders = members.filter((m) => m.role !== 'observer');
  const nameOf = (m: Membership) => governmentName(m.government, lang);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const cents = form.estimatedCost.trim() ? dollarsToCents(form.estimatedCost) : undefined;
    const found: Partial<Record<Field, string>> = {
      bodyId: form.bodyId ? undefined : t('newActionItem.bodyRequired'),
      title: form.title.en.trim() || form.title.fr.trim() ? undefined : t('newActionItem.titleRequired'),
      leadGovernmentId: form.leadGovernmentId ? undefined : t('actionItems.leadRequired'),
      dueOn: form.dueOn ? undefined : t('actionItems.dueRequired'),
      estimatedCostCents: cents === null ? t('costSharing.amountInvalid') : undefined,
    };
    setErrors(found);
    if (Object.values(found).some(Boolean)) return;
    setBusy(true);
    try {
      const created = await api<ActionItem>('POST', '/action-items', {
        bodyId: form.bodyId,
        ...pairPayload('title', form.title),
        ...pairPayload('description', form.description),
        leadGovernmentId: form.leadGovernmentId,
        ...(form.supporting.length ? { supportingGovernmentIds: form.supporting.filter((g) => g !== form.leadGovernmentId) } : {}),
        dueOn: form.dueOn,
        priority: form.priority,
        ...(cents !== undefined ? { estimatedCostCents: cents } : {}),
        ...(form.fundingSource.trim() ? { fundingSource: form.fundingSource.trim() } : {}),
      });
      navigate(`/action-items/${created.id}`);
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, null);
      // the API names the property it refused; a title refused in one language is the title field's error
      const properties = [
        'bodyId',
        'title',
        'titleEn',
        'titleFr',
        'description',
        'descriptionEn',
        'descriptionFr',
        'leadGovernmentId',
        'supportingGovernmentIds',
        'dueOn',
        'priority',
        'estimatedCostCents',
        'fundingSource',
      ] as const;
      const named = err.forFields(Object.fromEntries(properties.map((p) => [p, p])) as Record<(typeof properties)[number], string>);
      if (named) {
        setErrors({
          ...named,
          title: named.title ?? named.titleEn ?? named.titleFr,
          description: named.description ?? named.descriptionEn ?? named.descriptionFr,
        });
      } else setError(err);
    } finally {
      setBusy(false);
    }
  };

  const summary = Object.fromEntries((Object.keys(FIELD_IDS) as Field[]).map((f) => [FIELD_IDS[f], errors[f]]));
  return (
    <section aria-labelledby="new-action-item">
      <SectionHeading>
        <span id="new-action-item">{t('newActionItem.heading')}</span>
      </SectionHeading>
      <form onSubmit={(e) => void submit(e)} noValidate className="narrow-form">
        <ErrorSummary errors={summary} />
        <FormError error={error} />
        {fixedBodyId ? null : (
          <SelectField
            id={FIELD_IDS.bodyId}
            label={t('meetings.body')}
            value={form.bodyId}
            onChange={(bodyId) => setForm((f) => ({ ...f, bodyId, leadGovernmentId: '', supporting: [] }))}
            error={errors.bodyId}
            defaultLabel={t('common.choose')}
            options={bodies.map((b) => ({ value: b.id, label: bodyName(b, lang) }))}
            required
          />
        )}
        <BilingualFields
          id={FIELD_IDS.title}
          label={t('newActionItem.title')}
          value={form.title}
          onChange={(title) => setForm((f) => ({ ...f, title }))}
          error={errors.title}
          required
        />
        <BilingualFields
          id={FIELD_IDS.description}
          label={t('actionItems.description')}
          value={form.description}
          onChange={(description) => setForm((f) => ({ ...f, description }))}
          error={errors.description}
          multiline
        />
        <SelectField
          id={FIELD_IDS.leadGovernmentId}
          label={t('actionItems.lead')}
          hint={t('newActionItem.leadHint')}
          value={form.leadGovernmentId}
          onChange={(leadGovernmentId) => setForm((f) => ({ ...f, leadGovernmentId }))}
          error={errors.leadGovernmentId}
          defaultLabel={t('common.choose')}
          options={leaders.map((m) => ({ value: m.governmentId, label: nameOf(m) }))}
          required
        />
        {members.length ? (
          <fieldset id={FIELD_IDS.supportingGovernmentIds} className="checkbox-group">
            <legend>{t('actionItems.supporting')}</legend>
            {members
              .filter((m) => m.governmentId !== form.leadGovernmentId)
              .map((m) => (
                <div key={m.governmentId}>
                  <input
                    type="checkbox"
                    id={`new-item-supports-${m.governmentId}`}
                    checked={form.supporting.includes(m.governmentId)}
                    onChange={(e) =>
                      setForm((f) => ({
                        ...f,
                        supporting: e.target.checked ? [...f.supporting, m.governmentId] : f.supporting.filter((g) => g !== m.governmentId),
                      }))
                    }
                  />{' '}
                  <label htmlFor={`new-item-supports-${m.governmentId}`}>{nameOf(m)}</label>
                </div>
              ))}
            {errors.supportingGovernmentIds ? <p className="error">{errors.supportingGovernmentIds}</p> : null}
          </fieldset>
        ) : null}
        <NativeField
          id={FIELD_IDS.dueOn}
          type="date"
          label={t('actionItems.dueOn')}
          value={form.dueOn}
          onChange={(dueOn) => setForm((f) => ({ ...f, dueOn }))}
          error={errors.dueOn}
          required
        />
        <SelectField
          id={FIELD_IDS.priority}
          label={t('newActionItem.priority')}
          value={form.priority}
          onChange={(priority) => setForm((f) => ({ ...f, priority }))}
          error={errors.priority}
          options={ACTION_ITEM_PRIORITIES.map((p) => ({ value: p, label: t(`newActionItem.priorities.${p}`) }))}
        />
        <TextField
          id={FIELD_IDS.estimatedCostCents}
          label={t('actionItems.estimatedCost')}
          hint={t('costSharing.amountHint')}
          value={form.estimatedCost}
          onChange={(estimatedCost) => setForm((f) => ({ ...f, estimatedCost }))}
          error={errors.estimatedCostCents}
        />
        <TextField
          id={FIELD_IDS.fundingSource}
          label={t('costSharing.fundingSource')}
          value={form.fundingSource}
          onChange={(fundingSource) => setForm((f) => ({ ...f, fundingSource }))}
          error={errors.fundingSource}
        />
        <SubmitButton disabled={busy}>{t('newActionItem.submit')}</SubmitButton>
      </form>
    </section>
  );
}
