import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { FASTIFY_ROUTE_SCHEMA_METADATA } from '@nestjs/platform-fastify/constants';

type Schema = Record<string, unknown>;

/**
 * The hot reads whose 200 answer Fastify writes with fast-json-stringify, from the schema generated out of the
 * contracts' views (`npm run openapi:responses`), instead of JSON.stringify. Only routes whose views are plain
 * data (no `oneOf`, no free-form objects) belong here: a field the schema does not name would be dropped, which
 * tests/e2e/contract-serializers.e2e-spec.ts guards against by comparing each answer with its view.
 */
export const SERIALIZED_FROM_CONTRACTS = ['ActionItemsController.get', 'ActionItemsController.list'] as const;

/** `$ref`s replaced by what they name, so the schema stands alone (fast-json-stringify needs no shared ids then). */
export function inlineRefs(schema: unknown, schemas: Record<string, Schema>, depth = 0): unknown {
  if (depth > 16) throw new Error('A response schema nests too deep to inline');
  if (Array.isArray(schema)) return schema.map((s) => inlineRefs(s, schemas, depth + 1));
  if (!schema || typeof schema !== 'object') return schema;
  const { $ref, ...rest } = schema as Schema;
  let base: Schema = {};
  if (typeof $ref === 'string') {
    const named = schemas[$ref.replace('#/components/schemas/', '')];
    if (!named) throw new Error(`A response schema names ${$ref}, which is not generated`);
    base = inlineRefs(named, schemas, depth + 1) as Schema;
  }
  return { ...base, ...Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, inlineRefs(v, schemas, depth + 1)])) };
}

/** Marks the hot handlers with their response schema; call before the routes are registered (app.init). */
export function serializeFromContracts(
  discovery: DiscoveryService,
  scanner: MetadataScanner,
  generatedFile = join(__dirname, 'response-schemas.generated.json'),
): string[] {
  const generated = JSON.parse(readFileSync(generatedFile, 'utf8')) as { schemas: Record<string, Schema>; operations: Record<string, Schema> };
  const wanted = new Set<string>(SERIALIZED_FROM_CONTRACTS);
  const marked: string[] = [];
  for (const { instance, metatype } of discovery.getControllers()) {
    if (!instance || !metatype) continue;
    const prototype = Object.getPrototypeOf(instance);
    for (const name of scanner.getAllMethodNames(prototype)) {
      const operation = `${metatype.name}.${name}`;
      if (!wanted.has(operation) || !generated.operations[operation]) continue;
      const existing = (Reflect.getMetadata(FASTIFY_ROUTE_SCHEMA_METADATA, prototype[name]) as Schema | undefined) ?? {};
      Reflect.defineMetadata(
        FASTIFY_ROUTE_SCHEMA_METADATA,
        { ...existing, response: { 200: inlineRefs(generated.operations[operation], generated.schemas) } },
        prototype[name],
      );
      marked.push(operation);
    }
  }
  return marked;
}
