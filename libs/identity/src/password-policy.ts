import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { registerDecorator, ValidationOptions } from 'class-validator';

/** NIST SP 800-63B: a length floor, a list of known-bad passwords, and no composition rules. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

let common: Set<string> | null = null;
/** The bundled list (libs/identity/src/common-passwords.txt): the most common and breached passwords, lower-cased. */
function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(join(__dirname, 'common-passwords.txt'), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
  );
  return common;
}

/** Why a password is refused, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `password must be at least ${PASSWORD_MIN_LENGTH} characters long`;
  if (password.length > PASSWORD_MAX_LENGTH) return `password must be at most ${PASSWORD_MAX_LENGTH} characters long`;
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower) || commonPasswords().has(lower.replace(/\s+/g, ''))) return 'password is too common; choose another';
  if (new Set(lower).size < 3) return 'password repeats too few characters; choose another';
  return null;
}

export function IsAcceptablePassword(options?: ValidationOptions): PropertyDecorator {
  return (object: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isAcceptablePassword',
      target: object.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && passwordProblem(value) === null,
        defaultMessage: (args) =>
          typeof args?.value === 'string' ? (passwordProblem(args.value) ?? 'password is not acceptable') : 'password must be a string',
      },
    });
  };
}
