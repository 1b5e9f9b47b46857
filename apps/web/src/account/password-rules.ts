/** What the API accepts for a new password (SetPasswordWithTokenDto): checked here first so the error sits next to the field. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 200;

export type PasswordProblem = { password?: 'tooShort' | 'tooLong'; confirm?: 'mismatch' };

export function passwordProblems(password: string, confirm: string): PasswordProblem {
  const problems: PasswordProblem = {};
  if (password.length < PASSWORD_MIN_LENGTH) problems.password = 'tooShort';
  else if (password.length > PASSWORD_MAX_LENGTH) problems.password = 'tooLong';
  if (!problems.password && confirm !== password) problems.confirm = 'mismatch';
  return problems;
}
