/*
 * The baselines: the same work as the product with the least machinery (Fastify + pg, no Nest, no TypeORM,
 * no auth, no access check), so each ratio in the table shows what our layers cost. Also a bare socket.io
 * server (no adapter, no token) for the realtime figure. Started by bench/run.ts as a child process.
 */
import Fastify from 'fastify';
import { Pool } from 'pg';
import { Server } from 'socket.io';
import { searchQuery } from '../libs/search/src/search.sql';

const port = Number(process.env.PORT ?? 0);
// The product's pool size (libs/core data-source-options), so neither side has more connections.
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10, application_name: 'forum-bench-baseline' });

interface ActionItemRow {
  id: string;
  body_id: string;
  meeting_id: string | null;
  decision_id: string | null;
  title_en: string | null;
  title_fr: string | null;
  description_en: string | null;
  description_fr: string | null;
  source_lang: 'en' | 'fr';
  lead_government_id: string;
  supporting_government_ids: string[];
  responsible_user_ids: string[];
  due_on: string;
  status: string;
  progress: number;
  priority: string;
  estimated_cost_cents: string | null;
  actual_cost_cents: string | null;
  funding_source: string | null;
  cost_shares: { governmentId: string; basisPoints: number }[];
  completed_at: Date | null;
  escalated_at: Date | null;
  escalated_to_body_id: string | null;
  created_by_user_id: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const cents = (v: string | null) => (v === null ? null : Number(v));

/** The same response shape as the product's ActionItemView, so both sides serialise the same bytes. */
const view = (a: ActionItemRow) => ({
  id: a.id,
  bodyId: a.body_id,
  meetingId: a.meeting_id,
  decisionId: a.decision_id,
  title: a.title_en ?? a.title_fr,
  titleEn: a.title_en,
  titleFr: a.title_fr,
  description: a.description_en ?? a.description_fr,
  descriptionEn: a.description_en,
  descriptionFr: a.description_fr,
  translation: {
    status: (a.title_en == null) !== (a.title_fr == null) || (a.description_en == null) !== (a.description_fr == null) ? 'pending' : 'complete',
    sourceLang: a.source_lang,
  },
  leadGovernmentId: a.lead_government_id,
  supportingGovernmentIds: a.supporting_government_ids,
  responsibleUserIds: a.responsible_user_ids,
  dueOn: a.due_on,
  status: a.status,
  progress: a.progress,
  priority: a.priority,
  currency: 'CAD',
  estimatedCostCents: cents(a.estimated_cost_cents),
  actualCostCents: cents(a.actual_cost_cents),
  fundingSource: a.funding_source,
  costShares: a.cost_shares,
  completedAt: iso(a.completed_at),
  escalatedAt: iso(a.escalated_at),
  escalatedToBodyId: a.escalated_to_body_id,
  createdByUserId: a.created_by_user_id,
  version: a.version,
  createdAt: a.created_at.toISOString(),
  updatedAt: a.updated_at.toISOString(),
});

// Dates as text, as TypeORM gives them for a `date` column.
const COLUMNS = `id, body_id, meeting_id, decision_id, title_en, title_fr, description_en, description_fr, source_lang, lead_government_id, supporting_government_ids, responsible_user_ids,
  to_char(due_on, 'YYYY-MM-DD') AS due_on, status, progress, priority, estimated_cost_cents, actual_cost_cents, funding_source, cost_shares,
  completed_at, escalated_at, escalated_to_body_id, created_by_user_id, version, created_at, updated_at`;

const app = Fastify({ logger: false, bodyLimit: 16 * 1024 * 1024 });
const statics = new Map<string, { contentType: string; bytes: Buffer }>();

app.get('/health', async () => ({ status: 'ok' }));

app.get<{ Params: { id: string } }>('/action-items/:id', async (request, reply) => {
  const { rows } = await pool.query<ActionItemRow>(`SELECT ${COLUMNS} FROM action_item WHERE id = $1`, [request.params.id]);
  if (!rows[0]) return reply.status(404).send({ statusCode: 404, error: 'Not Found', message: 'Action item not found' });
  return view(rows[0]);
});

app.get<{ Querystring: { bodyId: string; limit?: string; offset?: string } }>('/action-items', async (request) => {
  const { bodyId } = request.query;
  const limit = Number(request.query.limit ?? 50);
  const offset = Number(request.query.offset ?? 0);
  const [page, total] = await Promise.all([
    pool.query<ActionItemRow>(`SELECT ${COLUMNS} FROM action_item WHERE body_id = $1 ORDER BY due_on ASC, id ASC LIMIT $2 OFFSET $3`, [bodyId, limit, offset]),
    pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM action_item WHERE body_id = $1`, [bodyId]),
  ]);
  return { items: page.rows.map(view), total: total.rows[0].n };
});

// The same search query the product runs, with the caller's bodies handed in (no token, no scope lookup).
app.get<{ Querystring: { q: string; scope?: string } }>('/search', async (request) => {
  const scope = request.query.scope ? request.query.scope.split(',') : [];
  const [text, values] = searchQuery(
    { q: request.query.q, types: null, bodyId: null, reader: 'en', limit: 50, offset: 0 },
    { scope, governmentId: null, secretariat: false },
  );
  const { rows } = await pool.query<{
    type: string;
    id: string;
    body_id: string;
    meeting_id: string | null;
    title: string;
    headline: string;
    score: number;
    at: Date | null;
    total: string;
  }>(text, values);
  return {
    items: rows.map((r) => ({
      type: r.type,
      id: r.id,
      bodyId: r.body_id,
      meetingId: r.meeting_id,
      title: r.title,
      snippet: r.headline,
      score: Number(r.score),
      at: r.at?.toISOString() ?? null,
    })),
    total: rows.length ? Number(rows[0].total) : 0,
  };
});

// The bench hands over the product's exact bytes; the baseline then serves them from memory.
app.put<{ Params: { name: string }; Body: { contentType: string; base64: string } }>('/static/:name', async (request) => {
  statics.set(request.params.name, { contentType: request.body.contentType, bytes: Buffer.from(request.body.base64, 'base64') });
  return { stored: statics.get(request.params.name)!.bytes.length };
});

app.get<{ Params: { name: string } }>('/static/:name', async (request, reply) => {
  const found = statics.get(request.params.name);
  if (!found) return reply.status(404).send();
  return reply.header('content-type', found.contentType).send(found.bytes);
});

const io = new Server(app.server, { serveClient: false });
io.use((socket, next) => {
  const rooms: unknown = socket.handshake.auth?.rooms;
  if (Array.isArray(rooms)) void socket.join(rooms.filter((r): r is string => typeof r === 'string'));
  next();
});

app.post<{ Body: { rooms: string[]; event: string; payload: Record<string, unknown> } }>('/emit', async (request) => {
  io.to(request.body.rooms).emit(request.body.event, request.body.payload);
  return { emitted: true };
});

app.listen({ port, host: '127.0.0.1' }).then(
  (address) => console.log(`baseline listening on ${address}`),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

const stop = () => {
  io.close();
  void app
    .close()
    .then(() => pool.end())
    .finally(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
