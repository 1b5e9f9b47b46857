import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The OpenAPI document describes the wire as the code has it: every operation carries the schema of its successful
 * response (generated from the controllers' return types) and the errors it can answer with their `reason`s
 * (from the permission table).
 */
const ROOT = resolve(__dirname, '../..');
const run = promisify(execFile);
type Operation = {
  operationId: string;
  responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
  'x-permission'?: string;
};

describe('the OpenAPI document', () => {
  let t: TestApp;
  let operations: Array<[string, Operation]>;
  let components: Record<string, unknown>;
  beforeAll(async () => {
    t = await startTestApp();
    const doc = (await t.http.get('/api/docs-json')).body;
    components = doc.components?.schemas ?? {};
    operations = Object.entries(doc.paths as Record<string, Record<string, Operation>>).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => [`${method.toUpperCase()} ${path}`, op] as [string, Operation]),
    );
  }, 60_000);
  afterAll(() => t?.close());

  it('gives every operation the schema of its successful response', () => {
    expect(operations.length).toBeGreaterThan(80);
    const missing = operations
      .filter(([, op]) => {
        const [code, success] = Object.entries(op.responses).find(([c]) => /^2\d\d$/.test(c)) ?? [];
        // a 204 has no content by definition
        if (code === '204') return false;
        const schemas = Object.values(success?.content ?? {}).map((c) => c.schema);
        return !schemas.length || schemas.some((s) => !s || Object.keys(s).length === 0);
      })
      .map(([name]) => name);
    expect(missing).toEqual([]);
  });

  it('describes the views by name, with their fields', () => {
    const get = operations.find(([name]) => name === 'GET /api/v1/action-items/{id}')![1];
    expect(get.responses['200'].content!['application/json'].schema).toEqual({ $ref: '#/components/schemas/ActionItemView' });
    const view = components.ActionItemView as { properties: Record<string, unknown>; required: string[] };
    expect(view.required).toEqual(expect.arrayContaining(['id', 'bodyId', 'leadGovernmentId', 'status', 'progress', 'version']));
    expect(view.properties.status).toEqual({ type: 'string', enum: ['not_started', 'in_progress', 'blocked', 'done', 'cancelled'] });
  });

  it('lists the permission of every route and the reasons of the errors it can answer', () => {
    const reasonsOf = (op: Operation, status: string) =>
      op.responses[status]?.content?.['application/json']?.schema?.properties as { reason?: { enum: string[] } } | undefined;
    const unlisted = operations
      .filter(([, op]) => !op['x-permission'] || !reasonsOf(op, '400')?.reason?.enum.includes('validation_failed'))
      .map(([name]) => name);
    expect(unlisted).toEqual([]);
    const patch = operations.find(([name]) => name === 'PATCH /api/v1/action-items/{id}')![1];
    expect(patch['x-permission']).toBe('actionItem.update');
    expect(reasonsOf(patch, '401')?.reason?.enum).toEqual(['unauthenticated']);
    expect(reasonsOf(patch, '403')?.reason?.enum).toEqual(['forbidden']);
    expect(reasonsOf(patch, '404')?.reason?.enum).toEqual(['not_found']);
    expect(reasonsOf(patch, '409')?.reason?.enum).toEqual(expect.arrayContaining(['stale_version', 'illegal_transition', 'item_closed']));
    const publish = operations.find(([name]) => name === 'POST /api/v1/communiques/{id}/publish')![1];
    expect(reasonsOf(publish, '409')?.reason?.enum).toEqual(expect.arrayContaining(['awaiting_concurrence', 'objection']));
  });

  it('is generated from the code as it stands (the generated response schemas are not stale)', async () => {
    await expect(
      run(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'tools/openapi-responses.ts'), '--check'], { cwd: ROOT }),
    ).resolves.toBeDefined();
  }, 180_000);
});
