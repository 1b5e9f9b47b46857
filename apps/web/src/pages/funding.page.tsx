import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { GcdsLink } from '@gcds-core/components-react';
import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip } from 'chart.js';
import { Bar } from 'react-chartjs-2';
import type { FundingClaimView, FundingProgramView, FundingSummaryView } from '@forum/contracts';
import { api, ApiError, download, Page } from '../api/api-client';
import { listGovernments, listMembers } from '../api/queries';
import type { Body, Government } from '../api/types';
import { useResource } from '../api/use-resource';
import { useAuth } from '../auth/auth-context';
import { ActionButton, NativeField, SubmitButton, TextField } from '../components/fields';
import { SelectField, TextAreaField } from '../components/choice-fields';
import { bodyName, FormError, governmentName, Loading, PageHeading, SectionHeading, Success, TableScroll } from '../components/ui';
import { ResourceError } from '../components/ui';
import { dollarsToCents, formatDate, formatDateTime, formatMoney } from '../i18n/format';
import { useLiveEvents } from '../realtime/live-updates';

ChartJS.register(CategoryScale, LinearScale, BarElement, Tooltip, Legend);

/** A bilingual text in the page's language (the API answers `x` in the account's language; the page may be in the other). */
function inLanguage<K extends string>(record: Record<K | `${K}En` | `${K}Fr`, string | null>, field: K, lang: string): string | null {
  const r = record as Record<string, string | null>;
  return (lang === 'fr' ? r[`${field}Fr`] : r[`${field}En`]) ?? r[field];
}

const SERIES = [
  { key: 'requestedCents', label: 'funding.requested', color: '#1c578a' },
  { key: 'approvedCents', label: 'funding.approved', color: '#26374a' },
  { key: 'paidCents', label: 'funding.paid', color: '#8c5e00' },
] as const;

/** The chart of a program's summary, with the same figures in a table for those who do not see the chart. */
function FundingChart({ summary, governments }: { summary: FundingSummaryView; governments: Government[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const name = (id: string) =>
    governmentName(
      governments.find((g) => g.id === id),
      lang,
    );
  const rows = summary.byFiscalYear;
  if (!rows.length) return null;
  const labels = rows.map((r) => `${r.fiscalYear} · ${name(r.governmentId)}`);
  return (
    <>
      <SectionHeading tag="h3">{t('funding.chartTitle')}</SectionHeading>
      <div className="funding-chart">
        <Bar
          role="img"
          aria-label={t('funding.chartLabel')}
          data={{
            labels,
            datasets: SERIES.map((s) => ({ label: t(s.label), data: rows.map((r) => r[s.key] / 100), backgroundColor: s.color })),
          }}
          options={{
            responsive: true,
            maintainAspectRatio: false,
            animation: false,
            plugins: { tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${formatMoney(Math.round(Number(ctx.raw) * 100), lang)}` } } },
          }}
        />
      </div>
      <TableScroll>
        <table className="data-table">
          <caption>{t('funding.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('funding.fiscalYear')}</th>
              <th scope="col">{t('funding.government')}</th>
              <th scope="col">{t('funding.requested')}</th>
              <th scope="col">{t('funding.approved')}</th>
              <th scope="col">{t('funding.paid')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.fiscalYear}-${r.governmentId}`}>
                <th scope="row">{r.fiscalYear}</th>
                <td>{name(r.governmentId)}</td>
                <td>{formatMoney(r.requestedCents, lang)}</td>
                <td>{formatMoney(r.approvedCents, lang)}</td>
                <td>{formatMoney(r.paidCents, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}

function ClaimForm({ program, members, onDone }: { program: FundingProgramView; members: { governmentId: string; label: string }[]; onDone(): void }) {
  const { t } = useTranslation();
  const { session, isSecretariat } = useAuth();
  const own = session?.user.governmentId ?? '';
  const [form, setForm] = useState({
    claimant: isSecretariat ? '' : own,
    from: program.eligibleFrom,
    to: program.eligibleTo,
    claimants: '',
    amount: '',
    description: '',
    evidence: '',
  });
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);
  const set = (key: keyof typeof form) => (value: string) => setForm({ ...form, [key]: value });
  const id = (field: string) => `claim-${program.id.slice(0, 8)}-${field}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setDone(false);
    const cents = form.amount.trim() ? dollarsToCents(form.amount) : undefined;
    const errs: Record<string, string | undefined> = { amount: cents === null ? t('funding.amountInvalid') : undefined };
    setErrors(errs);
    if (errs.amount) return;
    try {
      await api('POST', `/funding-programs/${program.id}/claims`, {
        claimantGovernmentId: form.claimant,
        periodFrom: form.from,
        periodTo: form.to,
        ...(form.claimants.trim() ? { claimants: Number(form.claimants) } : {}),
        ...(cents !== undefined ? { requestedCents: cents } : {}),
        description: form.description,
        evidenceDocumentIds: form.evidence.split(/[\s,]+/).filter(Boolean),
      });
      setDone(true);
      setForm({ ...form, claimants: '', amount: '', description: '', evidence: '' });
      onDone();
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, null);
      const fields = err.forFields({
        claimant: 'claimantGovernmentId',
        from: 'periodFrom',
        to: 'periodTo',
        claimants: 'claimants',
        amount: 'requestedCents',
        description: 'description',
        evidence: 'evidenceDocumentIds',
      });
      if (fields) setErrors(fields);
      else setError(err);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="narrow-form">
      <SectionHeading tag="h3">{t('funding.newClaim')}</SectionHeading>
      {done ? <Success>{t('funding.submitted')}</Success> : null}
      <FormError error={error} />
      {isSecretariat ? (
        <SelectField
          id={id('claimant')}
          label={t('funding.claimant')}
          value={form.claimant}
          onChange={set('claimant')}
          error={errors.claimant}
          required
          defaultLabel={t('common.choose')}
          options={members.map((m) => ({ value: m.governmentId, label: m.label }))}
        />
      ) : null}
      <NativeField
        id={id('from')}
        type="date"
        label={t('funding.periodFrom')}
        value={form.from}
        onChange={set('from')}
        error={errors.from}
        min={program.eligibleFrom}
        max={program.eligibleTo}
        required
      />
      <NativeField
        id={id('to')}
        type="date"
        label={t('funding.periodTo')}
        value={form.to}
        onChange={set('to')}
        error={errors.to}
        min={program.eligibleFrom}
        max={program.eligibleTo}
        required
      />
      {program.ratePerClaimantCents !== null ? (
        <TextField
          id={id('claimants')}
          type="number"
          label={t('funding.claimants')}
          hint={t('funding.claimantsHint')}
          value={form.claimants}
          onChange={set('claimants')}
          error={errors.claimants}
        />
      ) : null}
      <TextField
        id={id('amount')}
        label={t('funding.amount')}
        hint={t('funding.amountHint')}
        value={form.amount}
        onChange={set('amount')}
        error={errors.amount}
        required={program.ratePerClaimantCents === null}
      />
      <TextAreaField
        id={id('description')}
        label={t('funding.description')}
        value={form.description}
        onChange={set('description')}
        error={errors.description}
        rows={3}
        required
      />
      <TextAreaField
        id={id('evidence')}
        label={t('funding.evidence')}
        hint={t('funding.evidenceHint')}
        value={form.evidence}
        onChange={set('evidence')}
        error={errors.evidence}
        rows={2}
      />
      <SubmitButton>{t('funding.submit')}</SubmitButton>
    </form>
  );
}

function ProgramSection({
  program,
  governments,
  members,
  mayClaim,
  onChange,
}: {
  program: FundingProgramView;
  governments: Government[];
  members: { governmentId: string; label: string }[];
  mayClaim: boolean;
  onChange(): void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { data, reload } = useResource(async () => {
    const [claims, summary] = await Promise.all([
      api<Page<FundingClaimView>>('GET', `/funding-programs/${program.id}/claims?limit=200`).then((p) => p.items),
      api<FundingSummaryView>('GET', `/funding-programs/${program.id}/summary`),
    ]);
    return { claims, summary };
  }, [program.id, program.approvedCents]);
  useLiveEvents(['funding-claim.updated'], (_name, payload) => {
    if (payload?.programId === program.id) void reload();
  });
  const name = (id: string) =>
    governmentName(
      governments.find((g) => g.id === id),
      lang,
    );
  return (
    <section className="funding-program" aria-labelledby={`program-${program.id}`}>
      <h2 id={`program-${program.id}`}>{inLanguage(program, 'name', lang)}</h2>
      <dl className="facts">
        <dt>{t('funding.funder')}</dt>
        <dd>{name(program.fundingGovernmentId)}</dd>
        <dt>{t('funding.budget')}</dt>
        <dd>{formatMoney(program.budgetCents, lang)}</dd>
        {program.ratePerClaimantCents !== null ? (
          <>
            <dt>{t('funding.rate')}</dt>
            <dd>{formatMoney(program.ratePerClaimantCents, lang)}</dd>
          </>
        ) : null}
        <dt>{t('funding.approvedSoFar')}</dt>
        <dd data-testid="program-approved">{formatMoney(program.approvedCents, lang)}</dd>
        {program.remainingCents !== null ? (
          <>
            <dt>{t('funding.remaining')}</dt>
            <dd>{formatMoney(program.remainingCents, lang)}</dd>
          </>
        ) : null}
        <dt>{t('funding.eligibility')}</dt>
        <dd>
          {formatDate(program.eligibleFrom, lang)} – {formatDate(program.eligibleTo, lang)}
        </dd>
        {program.terms ? (
          <>
            <dt>{t('funding.terms')}</dt>
            <dd>{inLanguage(program, 'terms', lang)}</dd>
          </>
        ) : null}
      </dl>
      {!data ? (
        <Loading />
      ) : (
        <>
          <FundingChart summary={data.summary} governments={governments} />
          <SectionHeading tag="h3">{t('funding.claims')}</SectionHeading>
          {data.claims.length ? (
            <TableScroll>
              <table className="data-table">
                <caption>{t('funding.claims')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('funding.claimant')}</th>
                    <th scope="col">{t('funding.period')}</th>
                    <th scope="col">{t('funding.requested')}</th>
                    <th scope="col">{t('funding.approved')}</th>
                    <th scope="col">{t('funding.paid')}</th>
                    <th scope="col">{t('funding.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.claims.map((c) => {
                    const period = `${formatDate(c.periodFrom, lang)} – ${formatDate(c.periodTo, lang)}`;
                    return (
                      <tr key={c.id}>
                        <th scope="row">
                          <GcdsLink href={`/funding-claims/${c.id}`}>{t('funding.open', { name: name(c.claimantGovernmentId), period })}</GcdsLink>
                        </th>
                        <td>{period}</td>
                        <td>{formatMoney(c.requestedCents, lang)}</td>
                        <td>{formatMoney(c.approvedCents, lang)}</td>
                        <td>{formatMoney(c.paidCents, lang)}</td>
                        <td>{t(`funding.statuses.${c.status}`)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </TableScroll>
          ) : (
            <p>{t('funding.noClaims')}</p>
          )}
          <ActionButton onClick={() => void download(`/funding-programs/${program.id}/summary.csv`, `funding-summary-${program.id}.csv`)}>
            {t('funding.downloadCsv')}
          </ActionButton>
        </>
      )}
      {mayClaim ? (
        <ClaimForm
          program={program}
          members={members}
          onDone={() => {
            void reload();
            onChange();
          }}
        />
      ) : null}
    </section>
  );
}

/** The secretariat sets up a program: funder, budget, optional per-claimant rate, eligibility, bilingual name. */
function ProgramForm({ bodyId, members, onDone }: { bodyId: string; members: { governmentId: string; label: string }[]; onDone(): void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ nameEn: '', nameFr: '', termsEn: '', termsFr: '', funder: '', budget: '', rate: '', from: '', to: '' });
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);
  const set = (key: keyof typeof form) => (value: string) => setForm({ ...form, [key]: value });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setDone(false);
    const budget = form.budget.trim() ? dollarsToCents(form.budget) : undefined;
    const rate = form.rate.trim() ? dollarsToCents(form.rate) : undefined;
    const errs = { budget: budget === null ? t('funding.amountInvalid') : undefined, rate: rate === null ? t('funding.amountInvalid') : undefined };
    setErrors(errs);
    if (errs.budget || errs.rate) return;
    try {
      await api('POST', '/funding-programs', {
        bodyId,
        fundingGovernmentId: form.funder,
        ...(form.nameEn.trim() ? { nameEn: form.nameEn } : {}),
        ...(form.nameFr.trim() ? { nameFr: form.nameFr } : {}),
        ...(form.termsEn.trim() ? { termsEn: form.termsEn } : {}),
        ...(form.termsFr.trim() ? { termsFr: form.termsFr } : {}),
        ...(budget !== undefined ? { budgetCents: budget } : {}),
        ...(rate !== undefined ? { ratePerClaimantCents: rate } : {}),
        eligibleFrom: form.from,
        eligibleTo: form.to,
      });
      setDone(true);
      setForm({ nameEn: '', nameFr: '', termsEn: '', termsFr: '', funder: '', budget: '', rate: '', from: '', to: '' });
      onDone();
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, null);
      const fields = err.forFields({
        name: 'name',
        funder: 'fundingGovernmentId',
        budget: 'budgetCents',
        rate: 'ratePerClaimantCents',
        from: 'eligibleFrom',
        to: 'eligibleTo',
      });
      if (fields) setErrors(fields);
      else setError(err);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="narrow-form">
      <SectionHeading>{t('funding.newProgram')}</SectionHeading>
      {done ? <Success>{t('funding.programCreated')}</Success> : null}
      <FormError error={error} />
      <TextField id="program-name-en" label={t('funding.nameEn')} value={form.nameEn} onChange={set('nameEn')} error={errors.name} />
      <TextField id="program-name-fr" label={t('funding.nameFr')} value={form.nameFr} onChange={set('nameFr')} />
      <TextAreaField id="program-terms-en" label={t('funding.termsEn')} value={form.termsEn} onChange={set('termsEn')} rows={2} />
      <TextAreaField id="program-terms-fr" label={t('funding.termsFr')} value={form.termsFr} onChange={set('termsFr')} rows={2} />
      <SelectField
        id="program-funder"
        label={t('funding.funder')}
        value={form.funder}
        onChange={set('funder')}
        error={errors.funder}
        required
        defaultLabel={t('common.choose')}
        options={members.map((m) => ({ value: m.governmentId, label: m.label }))}
      />
      <TextField id="program-budget" label={t('funding.budgetDollars')} value={form.budget} onChange={set('budget')} error={errors.budget} />
      <TextField id="program-rate" label={t('funding.rateDollars')} value={form.rate} onChange={set('rate')} error={errors.rate} />
      <NativeField id="program-from" type="date" label={t('funding.eligibleFrom')} value={form.from} onChange={set('from')} error={errors.from} required />
      <NativeField id="program-to" type="date" label={t('funding.eligibleTo')} value={form.to} onChange={set('to')} error={errors.to} required />
      <SubmitButton>{t('funding.createProgram')}</SubmitButton>
    </form>
  );
}

/** A body's funding programs, their claims, the chart of requested / approved / paid, and the claim form. */
export function FundingPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { session, isSecretariat } = useAuth();
  const { data, error, reload } = useResource(async () => {
    const [body, programs, governments, members] = await Promise.all([
      api<Body>('GET', `/bodies/${id}`),
      api<Page<FundingProgramView>>('GET', `/funding-programs?bodyId=${id}&limit=200`).then((p) => p.items),
      listGovernments(),
      listMembers(id),
    ]);
    return { body, programs, governments, members };
  }, [id]);
  if (error) return <ResourceError error={error} />;
  if (!data) return <Loading />;
  const members = data.members.map((m) => ({
    governmentId: m.governmentId,
    label: governmentName(m.government ?? data.governments.find((g) => g.id === m.governmentId), lang),
  }));
  const isMember = !!session?.user.governmentId && data.members.some((m) => m.governmentId === session.user.governmentId);
  return (
    <>
      <PageHeading>{t('funding.titleOf', { name: bodyName(data.body, lang) })}</PageHeading>
      {data.programs.length ? (
        data.programs.map((p) => (
          <ProgramSection
            key={p.id}
            program={p}
            governments={data.governments}
            members={members}
            mayClaim={isSecretariat || isMember}
            onChange={() => void reload()}
          />
        ))
      ) : (
        <p>{t('funding.noPrograms')}</p>
      )}
      {isSecretariat ? <ProgramForm bodyId={id} members={members} onDone={() => void reload()} /> : null}
    </>
  );
}

/** One claim: its facts, its split by fiscal year, the funder's decision and payment forms, the claimant's reconciliation. */
export function FundingClaimPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { session, isSecretariat } = useAuth();
  const { data, error, reload } = useResource(async () => {
    const claim = await api<FundingClaimView>('GET', `/funding-claims/${id}`);
    const [program, governments] = await Promise.all([api<FundingProgramView>('GET', `/funding-programs/${claim.programId}`), listGovernments()]);
    return { claim, program, governments };
  }, [id]);
  useLiveEvents(['funding-claim.updated'], (_name, payload) => {
    if (payload?.id === id) void reload();
  });
  const [decision, setDecision] = useState({ status: 'approved', amount: '', comment: '' });
  const [payment, setPayment] = useState({ amount: '', paidOn: '' });
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  if (error) return <ResourceError error={error} />;
  if (!data) return <Loading />;
  const { claim, program, governments } = data;
  const name = (gid: string | null) =>
    governmentName(
      governments.find((g) => g.id === gid),
      lang,
    );
  const mine = session?.user.governmentId ?? null;
  const funderSide = isSecretariat || (mine === program.fundingGovernmentId && mine !== claim.claimantGovernmentId);
  const claimantSide = isSecretariat || mine === claim.claimantGovernmentId;

  const act = async (run: () => Promise<unknown>, done: string, fieldMap: Record<string, string> = {}) => {
    setFailure(null);
    setNotice(null);
    try {
      await run();
      setNotice(done);
      setErrors({});
      await reload();
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, null);
      const fields = err.forFields(Object.fromEntries(Object.entries(fieldMap).map(([field, key]) => [key, field])));
      if (fields) setErrors(fields);
      else setFailure(err);
    }
  };
  const decide = (event: FormEvent) => {
    event.preventDefault();
    const cents = decision.amount.trim() ? dollarsToCents(decision.amount) : undefined;
    if (cents === null) return setErrors({ decisionAmount: t('funding.amountInvalid') });
    void act(
      () =>
        api('POST', `/funding-claims/${id}/decision`, {
          status: decision.status,
          ...(decision.status === 'approved' && cents !== undefined ? { approvedCents: cents } : {}),
          ...(decision.comment.trim() ? { comment: decision.comment } : {}),
        }),
      t('funding.decided'),
      { approvedCents: 'decisionAmount', comment: 'decisionComment' },
    );
  };
  const pay = (event: FormEvent) => {
    event.preventDefault();
    const cents = dollarsToCents(payment.amount);
    if (cents === null) return setErrors({ paymentAmount: t('funding.amountInvalid') });
    void act(() => api('POST', `/funding-claims/${id}/payments`, { amountCents: cents, paidOn: payment.paidOn }), t('funding.paymentSaved'), {
      amountCents: 'paymentAmount',
      paidOn: 'paidOn',
    });
  };
  const years = (parts: FundingClaimView['fiscalYears']['funder'], caption: string) => (
    <TableScroll>
      <table className="data-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('funding.fiscalYear')}</th>
            <th scope="col">{t('funding.days')}</th>
            <th scope="col">{t('funding.requested')}</th>
            <th scope="col">{t('funding.approved')}</th>
            <th scope="col">{t('funding.paid')}</th>
          </tr>
        </thead>
        <tbody>
          {parts.map((p) => (
            <tr key={p.fiscalYear}>
              <th scope="row">{p.fiscalYear}</th>
              <td>{p.days}</td>
              <td>{formatMoney(p.requestedCents, lang)}</td>
              <td>{formatMoney(p.approvedCents, lang)}</td>
              <td>{formatMoney(p.paidCents, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );

  return (
    <>
      <PageHeading>{t('funding.claimTitle', { name: name(claim.claimantGovernmentId) })}</PageHeading>
      <p>
        <GcdsLink href={`/bodies/${claim.bodyId}/funding`}>{t('funding.backToBody')}</GcdsLink>
      </p>
      <dl className="facts">
        <dt>{t('funding.program')}</dt>
        <dd>{inLanguage(program, 'name', lang)}</dd>
        <dt>{t('funding.funder')}</dt>
        <dd>{name(program.fundingGovernmentId)}</dd>
        <dt>{t('funding.period')}</dt>
        <dd>
          {formatDate(claim.periodFrom, lang)} – {formatDate(claim.periodTo, lang)}
        </dd>
        {claim.claimants !== null ? (
          <>
            <dt>{t('funding.claimants')}</dt>
            <dd>{claim.claimants}</dd>
          </>
        ) : null}
        <dt>{t('funding.requested')}</dt>
        <dd>{formatMoney(claim.requestedCents, lang)}</dd>
        <dt>{t('funding.approved')}</dt>
        <dd data-testid="claim-approved">{formatMoney(claim.approvedCents, lang)}</dd>
        <dt>{t('funding.paid')}</dt>
        <dd>{formatMoney(claim.paidCents, lang)}</dd>
        <dt>{t('funding.outstanding')}</dt>
        <dd>{formatMoney(claim.outstandingCents, lang)}</dd>
        <dt>{t('funding.status')}</dt>
        <dd data-testid="claim-status">{t(`funding.statuses.${claim.status}`)}</dd>
        {claim.description ? (
          <>
            <dt>{t('funding.description')}</dt>
            <dd>{inLanguage(claim, 'description', lang)}</dd>
          </>
        ) : null}
      </dl>
      {notice ? <Success>{notice}</Success> : null}
      <FormError error={failure} />
      {claim.decision ? (
        <>
          <SectionHeading>{t('funding.decision')}</SectionHeading>
          <p>
            {t(`funding.statuses.${claim.decision.status}`)} ·{' '}
            {t('funding.decidedBy', { name: claim.decision.decidedByName ?? '—', when: formatDateTime(claim.decision.decidedAt, lang) })}
          </p>
          {claim.decision.comment ? <blockquote>{inLanguage(claim.decision, 'comment', lang)}</blockquote> : null}
        </>
      ) : null}
      {funderSide && claim.status === 'submitted' ? (
        <form onSubmit={decide} noValidate className="narrow-form">
          <SectionHeading>{t('funding.decide')}</SectionHeading>
          <SelectField
            id="decision-status"
            label={t('funding.decisionStatus')}
            value={decision.status}
            onChange={(v) => setDecision({ ...decision, status: v })}
            options={[
              { value: 'approved', label: t('funding.approve') },
              { value: 'rejected', label: t('funding.reject') },
            ]}
          />
          {decision.status === 'approved' ? (
            <TextField
              id="decision-amount"
              label={t('funding.approvedAmount')}
              hint={t('funding.approvedAmountHint')}
              value={decision.amount}
              onChange={(v) => setDecision({ ...decision, amount: v })}
              error={errors.decisionAmount}
            />
          ) : null}
          <TextAreaField
            id="decision-comment"
            label={t('funding.comment')}
            value={decision.comment}
            onChange={(v) => setDecision({ ...decision, comment: v })}
            error={errors.decisionComment}
            rows={3}
          />
          <SubmitButton>{t('funding.saveDecision')}</SubmitButton>
        </form>
      ) : null}
      <SectionHeading>{t('funding.payments')}</SectionHeading>
      {claim.payments.length ? (
        <TableScroll>
          <table className="data-table">
            <caption>{t('funding.payments')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('funding.paidOn')}</th>
                <th scope="col">{t('funding.paymentAmount')}</th>
                <th scope="col">{t('funding.recordedBy')}</th>
              </tr>
            </thead>
            <tbody>
              {claim.payments.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{formatDate(p.paidOn, lang)}</th>
                  <td>{formatMoney(p.amountCents, lang)}</td>
                  <td>{p.recordedByName ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p>{t('funding.noPayments')}</p>
      )}
      {funderSide && claim.status === 'approved' ? (
        <form onSubmit={pay} noValidate className="narrow-form">
          <SectionHeading tag="h3">{t('funding.pay')}</SectionHeading>
          <TextField
            id="payment-amount"
            label={t('funding.paymentAmount')}
            value={payment.amount}
            onChange={(v) => setPayment({ ...payment, amount: v })}
            error={errors.paymentAmount}
            required
          />
          <NativeField
            id="payment-paid-on"
            type="date"
            label={t('funding.paidOn')}
            value={payment.paidOn}
            onChange={(v) => setPayment({ ...payment, paidOn: v })}
            error={errors.paidOn}
            required
          />
          <SubmitButton>{t('funding.savePayment')}</SubmitButton>
        </form>
      ) : null}
      {claimantSide && claim.status === 'paid' ? (
        <ActionButton variant="primary" onClick={() => void act(() => api('POST', `/funding-claims/${id}/reconcile`, {}), t('funding.reconciled'))}>
          {t('funding.reconcile')}
        </ActionButton>
      ) : null}
      <SectionHeading>{t('funding.fiscalYears')}</SectionHeading>
      {years(claim.fiscalYears.funder, t('funding.funderYears'))}
      {years(claim.fiscalYears.claimant, t('funding.claimantYears'))}
      <SectionHeading>{t('funding.history')}</SectionHeading>
      <ol className="history" data-testid="claim-history">
        {claim.history.map((h) => (
          <li key={h.id}>
            <strong>{h.actorName ?? '—'}</strong> ({name(h.actorGovernmentId)}) — {formatDateTime(h.at, lang)} · {t(`funding.kinds.${h.kind}`)}
            {h.amountCents !== null ? <> · {formatMoney(h.amountCents, lang)}</> : null}
          </li>
        ))}
      </ol>
    </>
  );
}
