import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { invalid } from '../errors/domain-error';

function flatten(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((e) => {
    const path = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => (m.startsWith(e.property) ? m.replace(e.property, path) : `${path}: ${m}`));
    return own.concat(flatten(e.children ?? [], path));
  });
}

/** Paths of strings holding a NUL character, which PostgreSQL cannot store in text. */
function nulPaths(value: unknown, path: string, found: string[], depth = 0): string[] {
  if (depth > 20 || found.length > 10) return found;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push(path || 'body');
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => nulPaths(v, `${path}[${i}]`, found, depth + 1));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) nulPaths(v, path ? `${path}.${k}` : k, found, depth + 1);
  }
  return found;
}

class ForumValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // what custom decorators hand over (the caller, the located target with its record) is ours, not the request's
    if (metadata.type === 'custom') return super.transform(value, metadata);
    const bad = nulPaths(value, '', []);
    if (bad.length) throw invalid(bad.map((p) => `${p} must not contain NUL characters`));
    return super.transform(value, metadata);
  }
}

/** The one validation pipe: unknown fields are refused, every message names its field. */
export function forumValidationPipe(): ValidationPipe {
  return new ForumValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => invalid(flatten(errors)),
  });
}
