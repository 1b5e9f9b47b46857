import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';
import {
  ActionItemReason,
  BodyReason,
  CommonReason,
  CommuniqueReason,
  type ErrorReason,
  IdentityReason,
  MeetingReason,
  type Permission,
  RecordReason,
} from '@forum/contracts';
import { PERMISSION_GRANTS } from '@forum/core';
import type { DeclaredRoute } from '@forum/identity';

type Operation = { operationId?: string; responses?: Record<string, unknown>; description?: string; [key: string]: unknown };

/** the conflicts each part of the API can answer (409), by the path it lives under */
const CONFLICTS: Array<[RegExp, ErrorReason[]]> = [
  [/^\/meetings\//, [...Object.values(MeetingReason), ...Object.values(RecordReason), BodyReason.BodyClosed]],
  [/^\/meetings$/, [BodyReason.BodyClosed, ...Object.values(MeetingReason)]],
  [/^\/communiques/, [...Object.values(CommuniqueReason), RecordReason.TranslationPending, BodyReason.BodyClosed]],
  [/^\/action-items/, [...Object.values(ActionItemReason), BodyReason.BodyClosed]],
  [/^\/bodies/, Object.values(BodyReason)],
  [/^\/(users|auth|governments)/, Object.values(IdentityReason)],
];
const COMMON_CONFLICTS: ErrorReason[] = [CommonReason.Duplicate, CommonReason.StaleVersion, CommonReason.IllegalTransition];

const errorResponse = (description: string, reasons: readonly ErrorReason[]) => ({
  description: `${description} (reason: ${reasons.join(', ')})`,
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['statusCode', 'error', 'reason', 'message'],
        properties: {
          statusCode: { type: 'integer' },
          error: { type: 'string' },
          reason: { type: 'string', enum: [...reasons] },
          message: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
          requestId: { type: 'string' },
        },
      },
    },
  },
});

/** `/meetings/:id` as the document names it: `/api/v1/meetings/{id}` (the public pages have no prefix) */
const documentPaths = (path: string): string[] => {
  const templated = path.replace(/:(\w+)/g, '{$1}');
  return [`/api/v1${templated}`, templated];
};

const operationOf = (document: OpenAPIObject, route: DeclaredRoute): Operation | undefined => {
  const path = documentPaths(route.path).find((p) => document.paths[p]);
  return path ? (document.paths[path] as Record<string, Operation>)[route.method.toLowerCase()] : undefined;
};

interface GeneratedResponses {
  schemas: Record<string, object>;
  operations: Record<string, Record<string, unknown>>;
}

/**
 * Gives every operation the schema of its successful response, generated from the controllers' return types by
 * `tools/openapi-responses.ts` (a test fails when the generated file is stale or an operation lacks one).
 */
export function describeResponses(document: OpenAPIObject, routes: DeclaredRoute[]): void {
  const generated = JSON.parse(readFileSync(join(__dirname, 'response-schemas.generated.json'), 'utf8')) as GeneratedResponses;
  document.components ??= {};
  document.components.schemas = { ...generated.schemas, ...document.components.schemas };
  for (const route of routes) {
    const operation = operationOf(document, route);
    const schema = generated.operations[route.handler];
    if (!operation || !schema) continue;
    const responses = (operation.responses ??= {});
    const status = Object.keys(responses).find((code) => /^2\d\d$/.test(code)) ?? '200';
    const response = (responses[status] ??= { description: '' }) as { description: string; content?: Record<string, { schema?: unknown }> };
    const types = Object.keys(response.content ?? {});
    const produces = (operation as { produces?: string[] }).produces;
    const contentTypes = types.length ? types : (produces ?? [schema.type === 'string' ? 'text/plain' : 'application/json']);
    response.content = Object.fromEntries(contentTypes.map((type) => [type, { ...(response.content?.[type] ?? {}), schema }]));
  }
}

/**
 * Writes the access model into the OpenAPI document: each operation's permission (`x-permission`, with who holds
 * it) and every error it can answer with its `reason`s, derived from the same grant table the guard reads.
 */
export function describeAccess(document: OpenAPIObject, routes: DeclaredRoute[]): void {
  for (const route of routes) {
    const operation = operationOf(document, route);
    if (!operation) continue;
    const responses = (operation.responses ??= {});
    const add = (status: number, description: string, reasons: readonly ErrorReason[]) => {
      responses[String(status)] ??= errorResponse(description, reasons);
    };
    const writes = route.method !== 'GET';
    add(400, 'Invalid input: the message names each offending field', [CommonReason.ValidationFailed]);
    if (route.isPublic) {
      operation['x-permission'] = 'public';
      if (route.path.includes(':')) add(404, 'Not found, or not public', [CommonReason.NotFound]);
      continue;
    }
    const grant = PERMISSION_GRANTS[route.permission as Permission];
    operation['x-permission'] = route.permission;
    operation['x-permission-holders'] = [...grant.holders];
    add(401, 'Without a valid access token', [CommonReason.Unauthenticated]);
    add(403, `The caller may not do this (needs ${route.permission}; held by ${grant.holders.join(', ')})`, [CommonReason.Forbidden]);
    if (route.target || route.path.includes(':')) add(404, 'Does not exist, or the caller may not know it exists', [CommonReason.NotFound]);
    if (writes) {
      const own = CONFLICTS.find(([pattern]) => pattern.test(route.path))?.[1] ?? [];
      add(409, 'A conflict with the current state', [...new Set([...COMMON_CONFLICTS, ...own])]);
    }
    if (writes) add(413, 'The request body is over the limit', [CommonReason.PayloadTooLarge]);
    add(429, 'Too many requests', [CommonReason.RateLimited]);
  }
}
