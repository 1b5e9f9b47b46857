/**
 * Generates `apps/api/src/openapi/response-schemas.generated.json`: the JSON schema of what every controller method
 * returns, read by the TypeScript compiler from the declared (or inferred) return type, whose views come from
 * `@forum/contracts` and the domain libraries. The API merges it into its OpenAPI document, so every operation
 * carries its response schema without a second description of the views.
 *
 *   node -r @swc-node/register tools/openapi-responses.ts          # write the file
 *   node -r @swc-node/register tools/openapi-responses.ts --check  # exit 1 when it is stale
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(__dirname, '..');
export const GENERATED = join(ROOT, 'apps/api/src/openapi/response-schemas.generated.json');
const HTTP = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete']);

type Schema = Record<string, unknown>;
export interface ResponseSchemas {
  note: string;
  schemas: Record<string, Schema>;
  /** `Controller.method` → the schema of its successful response */
  operations: Record<string, Schema>;
}

export function generate(): ResponseSchemas {
  const configPath = join(ROOT, 'tsconfig.base.json');
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
  const program = ts.createProgram({ rootNames: [join(ROOT, 'apps/api/src/main.ts')], options: { ...config.options, noEmit: true } });
  const checker = program.getTypeChecker();
  const schemas: Record<string, Schema> = {};
  const named = new Map<string, ts.Type>();
  const operations: Record<string, Schema> = {};

  const decoratorName = (d: ts.Decorator) =>
    ts.isCallExpression(d.expression) && ts.isIdentifier(d.expression.expression) ? d.expression.expression.text : '';

  function toSchema(type: ts.Type, depth: number): Schema {
    if (depth > 12) return {};
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
    if (type.flags & ts.TypeFlags.StringLiteral) return { type: 'string', enum: [(type as ts.StringLiteralType).value] };
    if (type.flags & ts.TypeFlags.NumberLiteral) return { type: 'number', enum: [(type as ts.NumberLiteralType).value] };
    if (type.flags & ts.TypeFlags.BooleanLiteral) return { type: 'boolean' };
    if (type.flags & ts.TypeFlags.String || type.flags & ts.TypeFlags.TemplateLiteral) return { type: 'string' };
    if (type.flags & ts.TypeFlags.Number) return { type: 'number' };
    if (type.flags & ts.TypeFlags.Boolean) return { type: 'boolean' };
    if (type.flags & ts.TypeFlags.Null) return { nullable: true };
    if (type.isUnion()) {
      const members = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void)));
      const nullable = members.length !== type.types.length && type.types.some((t) => t.flags & ts.TypeFlags.Null);
      let schema: Schema;
      if (members.length && members.every((t) => t.flags & ts.TypeFlags.StringLiteral))
        schema = { type: 'string', enum: members.map((t) => (t as ts.StringLiteralType).value) };
      else if (members.length && members.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) schema = { type: 'boolean' };
      else if (members.length === 1) schema = toSchema(members[0], depth + 1);
      else schema = { oneOf: members.map((t) => toSchema(t, depth + 1)) };
      return nullable ? { ...schema, nullable: true } : schema;
    }
    const symbolName = type.getSymbol()?.getName();
    if (symbolName === 'Date') return { type: 'string', format: 'date-time' };
    if (symbolName && ['Buffer', 'Uint8Array', 'Readable', 'ReadStream', 'Stream'].includes(symbolName)) return { type: 'string', format: 'binary' };
    if (checker.isArrayType(type) || checker.isTupleType(type)) {
      const [item] = checker.getTypeArguments(type as ts.TypeReference);
      return { type: 'array', items: item ? toSchema(item, depth + 1) : {} };
    }
    if (type.flags & ts.TypeFlags.Object) {
      // a named, non-generic interface or alias becomes a component, referenced wherever it appears
      const name = type.aliasSymbol && !type.aliasTypeArguments?.length ? type.aliasSymbol.getName() : symbolName;
      const generic = (type as ts.TypeReference).typeArguments?.length || type.aliasTypeArguments?.length;
      const reusable = name && !name.startsWith('__') && !generic && /^[A-Z]/.test(name);
      if (reusable) {
        const existing = named.get(name);
        if (existing === type) return { $ref: `#/components/schemas/${name}` };
        if (!existing) {
          named.set(name, type);
          schemas[name] = objectSchema(type, depth);
          return { $ref: `#/components/schemas/${name}` };
        }
      }
      return objectSchema(type, depth);
    }
    if (type.isIntersection()) return objectSchema(type, depth);
    return {};
  }

  function objectSchema(type: ts.Type, depth: number): Schema {
    const properties: Record<string, Schema> = {};
    const required: string[] = [];
    for (const prop of checker.getPropertiesOfType(type)) {
      const propType = checker.getTypeOfSymbol(prop);
      if (propType.getCallSignatures().length) continue;
      properties[prop.getName()] = toSchema(propType, depth + 1);
      if (!(prop.flags & ts.SymbolFlags.Optional)) required.push(prop.getName());
    }
    const index = checker.getIndexInfosOfType(type)[0];
    const schema: Schema = { type: 'object', properties };
    if (required.length) schema.required = required;
    if (index) schema.additionalProperties = toSchema(index.type, depth + 1);
    return schema;
  }

  for (const file of program.getSourceFiles()) {
    if (file.isDeclarationFile || !file.fileName.endsWith('.controller.ts') || relative(ROOT, file.fileName).startsWith('..')) continue;
    file.forEachChild(function visit(node) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const decorators = ts.getDecorators(node) ?? [];
      if (!decorators.some((d) => decoratorName(d) === 'Controller')) return;
      for (const member of node.members) {
        if (!ts.isMethodDeclaration(member) || !member.name || !ts.isIdentifier(member.name)) continue;
        if (!(ts.getDecorators(member) ?? []).some((d) => HTTP.has(decoratorName(d)))) continue;
        // a route that writes its own reply names what it sends with @Sends<T>()
        const sends = (ts.getDecorators(member) ?? []).find((d) => decoratorName(d) === 'Sends');
        const sent = sends && ts.isCallExpression(sends.expression) ? sends.expression.typeArguments?.[0] : undefined;
        const signature = checker.getSignatureFromDeclaration(member);
        if (!signature) continue;
        let returned = sent ? checker.getTypeFromTypeNode(sent) : checker.getReturnTypeOfSignature(signature);
        const awaited = checker.getAwaitedType(returned);
        if (awaited) returned = awaited;
        operations[`${node.name.text}.${member.name.text}`] = toSchema(returned, 0);
      }
    });
  }
  const sort = <T>(record: Record<string, T>) => Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
  return {
    note: 'GENERATED by tools/openapi-responses.ts from the controllers’ return types: DO NOT MODIFY',
    schemas: sort(schemas),
    operations: sort(operations),
  };
}

if (require.main === module) {
  const text = JSON.stringify(generate(), null, 2) + '\n';
  if (process.argv.includes('--check')) {
    const current = (() => {
      try {
        return readFileSync(GENERATED, 'utf8');
      } catch {
        return '';
      }
    })();
    if (current !== text) {
      console.error(`${relative(ROOT, GENERATED)} is stale: run node -r @swc-node/register tools/openapi-responses.ts`);
      process.exit(1);
    }
  } else {
    writeFileSync(GENERATED, text);
    console.log(`wrote ${relative(ROOT, GENERATED)}`);
  }
}
