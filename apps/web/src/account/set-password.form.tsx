import { FormEvent, ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-client';
import { SubmitButton, TextField } from '../components/fields';
import { FormError } from '../components/ui';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblems } from './password-rules';

/**
 * Choosing a password from an emailed link (invitation or reset): typed twice, checked before it is sent,
 * each problem shown and announced under its own field. A refused link is explained with a way forward.
 */
export function SetPasswordForm({
  submitLabel,
  save,
  invalidLinkHelp,
}: {
  submitLabel: string;
  save(password: string): Promise<void>;
  invalidLinkHelp: ReactNode;
}) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<{ password?: string; confirm?: string }>({});
  const [failure, setFailure] = useState<ApiError | string | null>(null);
  const [linkRefused, setLinkRefused] = useState(false);
  const [busy, setBusy] = useState(false);

  const describe = (problem: ReturnType<typeof passwordProblems>) => ({
    password:
      problem.password === 'tooShort'
        ? t('account.passwordTooShort', { min: PASSWORD_MIN_LENGTH })
        : problem.password === 'tooLong'
          ? t('account.passwordTooLong', { max: PASSWORD_MAX_LENGTH })
          : undefined,
    confirm: problem.confirm ? t('account.confirmMismatch') : undefined,
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next = describe(passwordProblems(password, confirm));
    setErrors(next);
    setFailure(null);
    if (next.password || next.confirm) return;
    setBusy(true);
    try {
      await save(password);
    } catch (e) {
      if (!(e instanceof ApiError)) setFailure(t('errors.network'));
      else if (e.forField('password')) setErrors({ password: t('account.passwordTooShort', { min: PASSWORD_MIN_LENGTH }) });
      else if (e.status === 400) setLinkRefused(true);
      else setFailure(e);
    } finally {
      setBusy(false);
    }
  };

  if (linkRefused) {
    return (
      <>
        <FormError error={t('account.linkInvalid')} />
        <p>{invalidLinkHelp}</p>
      </>
    );
  }

  return (
    <form onSubmit={submit} noValidate className="narrow-form">
      <FormError error={failure} />
      <TextField
        id="new-password"
        label={t('account.password')}
        hint={t('account.passwordHint', { min: PASSWORD_MIN_LENGTH })}
        type="password"
        autocomplete="new-password"
        value={password}
        onChange={setPassword}
        error={errors.password}
        required
      />
      <TextField
        id="confirm-password"
        label={t('account.confirm')}
        type="password"
        autocomplete="new-password"
        value={confirm}
        onChange={setConfirm}
        error={errors.confirm}
        required
      />
      <SubmitButton disabled={busy}>{submitLabel}</SubmitButton>
    </form>
  );
}
