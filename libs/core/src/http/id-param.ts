import { Param, ParseUUIDPipe } from '@nestjs/common';
import { invalid } from '../errors/domain-error';

/** A route parameter that must be a UUID; anything else is a 400 naming the parameter. */
export const IdParam = (name = 'id') => Param(name, new ParseUUIDPipe({ version: undefined, exceptionFactory: () => invalid(`${name} must be a UUID`) }));
