/*
 * Memory of the documents path, measured on the real API and worker (child processes, own database, own
 * storage directory): a 50 MiB upload and a 20-paper agenda package (papers of about 5 MB), each with the
 * api's and the worker's peak resident memory beside the sizes moved and the idle baseline of the same run.
 *
 *   node -r @swc-node/register bench/documents-memory.ts      (SWC_NODE_PROJECT=tsconfig.base.json)
 */
import { randomBytes } from 'node:crypto';
import { openAsBlob } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const UPNG = require('@pdf-lib/upng').default ?? require('@pdf-lib/upng');
import { migrateDatabase } from '@forum/core';
import { createBenchDatabase } from './bench-database';
import { Child, freePort, peakResidentDuring, residentMb, startTs, waitForHttp } from './child-processes';

const ADMIN = { email: 'bench-admin@forum.bench', password: 'bench password 2026 documents' };
const MiB = 1024 * 1024;
const adminUrl = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** a PDF of about `mb` MB whose bulk is page content (an incompressible image), so merging copies it */
async function bigPdf(mb: number, label: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const side = Math.round(Math.sqrt((mb * 1e6) / 3));
  const rgba = new Uint8Array(side * side * 4);
  for (let i = 0; i < rgba.length; i += 65536) rgba.set(randomBytes(Math.min(65536, rgba.length - i)), i);
  for (let i = 3; i < rgba.length; i += 4) rgba[i] = 255;
  const png = await pdf.embedPng(new Uint8Array(UPNG.encode([rgba.buffer], side, side, 0)));
  const page = pdf.addPage([612, 792]);
  page.drawImage(png, { x: 36, y: 100, width: 540, height: 540 });
  page.drawText(label, { x: 36, y: 60, size: 14 });
  return pdf.save();
}

async function main() {
  const db = await createBenchDatabase(adminUrl);
  const dir = await mkdtemp(join(tmpdir(), 'forum-bench-documents-'));
  const children: Child[] = [];
  try {
    await migrateDatabase(db.url);
    const port = await freePort();
    const env = {
      NODE_ENV: 'development',
      DATABASE_URL: db.url,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: `forum-bench-docs-${randomBytes(3).toString('hex')}`,
      JWT_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      FORUM_ADMIN_EMAIL: ADMIN.email,
      FORUM_ADMIN_PASSWORD: ADMIN.password,
      FORUM_DOCUMENTS_DIR: join(dir, 'storage'),
      FORUM_API_RATE_LIMIT: '0',
    };
    const api = startTs('api', 'apps/api/src/main.ts', { ...env, PORT: String(port) });
    children.push(api);
    const worker = startTs('worker', 'apps/worker/src/main.ts', { ...env, PORT: '0' });
    children.push(worker);
    const base = `http://127.0.0.1:${port}/api/v1`;
    await waitForHttp(`${base}/health`, api);
    const json = async (method: string, path: string, body: unknown, token?: string) => {
      const res = await fetch(base + path, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<any>;
    };
    const token = (await json('POST', '/auth/login', ADMIN)).accessToken as string;
    const gov = await json(
      'POST',
      '/governments',
      { code: `B${randomBytes(2).toString('hex')}`, nameEn: 'Bench', nameFr: 'Banc', level: 'provincial', timeZone: 'America/Toronto' },
      token,
    );
    const body = await json('POST', '/bodies', { name: `Bench table ${randomBytes(2).toString('hex')}`, kind: 'table', permanent: true }, token);
    await json('POST', `/bodies/${body.id}/members`, { governmentId: gov.id, role: 'member' }, token);
    const meeting = await json(
      'POST',
      '/meetings',
      { bodyId: body.id, title: 'Bench meeting', startsAt: '2031-03-11T16:00:00Z', endsAt: '2031-03-11T18:00:00Z' },
      token,
    );
    // idle, after start-up and a first request of each kind
    await new Promise((r) => setTimeout(r, 2000));
    const idle = { api: residentMb(api.pid) ?? 0, worker: residentMb(worker.pid) ?? 0 };

    const upload = async (file: string, name: string, fields: Record<string, string>) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      form.append('file', await openAsBlob(file, { type: 'application/pdf' }), name);
      const res = await fetch(`${base}/bodies/${body.id}/documents`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      if (res.status !== 201) throw new Error(`upload: ${res.status} ${await res.text()}`);
      return res.json() as Promise<any>;
    };

    // 1. one 50 MiB upload, streamed from disk
    const bigFile = join(dir, 'big.pdf');
    const head = await bigPdf(1, 'big');
    await writeFile(bigFile, Buffer.concat([Buffer.from(head), randomBytes(50 * MiB - head.length)]));
    const uploadPeak: Record<string, number> = {};
    const t0 = Date.now();
    await peakResidentDuring({ api: api.pid }, () => upload(bigFile, 'big.pdf', { title: 'Fifty MiB' }), uploadPeak);
    const uploadMs = Date.now() - t0;

    // 2. twenty papers of ~5 MB on twenty agenda items, then the package (built by the worker)
    const paperFile = join(dir, 'paper.pdf');
    let papersBytes = 0;
    for (let i = 1; i <= 20; i++) {
      const item = await json('POST', `/meetings/${meeting.id}/agenda-items`, { title: `Item ${i}`, purpose: 'discussion', durationMinutes: 5 }, token);
      const bytes = await bigPdf(5, `Paper ${i}`);
      papersBytes += bytes.length;
      await writeFile(paperFile, bytes);
      await upload(paperFile, `paper-${i}.pdf`, { title: `Paper ${i}`, agendaItemId: item.id });
    }
    const packetPeak: Record<string, number> = {};
    const t1 = Date.now();
    const packetBytes = await peakResidentDuring(
      { api: api.pid, worker: worker.pid },
      async () => {
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/meetings/${meeting.id}/packet.pdf?lang=en`, { headers: { authorization: `Bearer ${token}` } });
        if (res.status !== 200) throw new Error(`packet: ${res.status} ${await res.text()}`);
        let n = 0;
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) n += chunk.length;
        return { n, cache: res.headers.get('x-forum-packet-cache') };
      },
      packetPeak,
    );
    const packetMs = Date.now() - t1;
    const cachedPeak: Record<string, number> = {};
    const t2 = Date.now();
    await peakResidentDuring(
      { api: api.pid },
      async () => {
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/meetings/${meeting.id}/packet.pdf?lang=en`, { headers: { authorization: `Bearer ${token}` } });
        for await (const _ of res.body as unknown as AsyncIterable<Uint8Array>) void _;
      },
      cachedPeak,
    );
    const cachedMs = Date.now() - t2;

    const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
    console.log('\ndocuments memory (peak resident set of each process, MB)\n');
    console.log(`| what | bytes moved | api peak RSS | worker peak RSS | idle (api / worker) | time |`);
    console.log(`| --- | --- | --- | --- | --- | --- |`);
    console.log(`| upload of one file | ${mb(50 * MiB)} | ${uploadPeak.api} | — | ${idle.api} / ${idle.worker} | ${uploadMs} ms |`);
    console.log(
      `| agenda package, 20 papers (built by: ${packetBytes.cache}) | ${mb(papersBytes)} in, ${mb(packetBytes.n)} out | ${packetPeak.api} | ${packetPeak.worker} | ${idle.api} / ${idle.worker} | ${packetMs} ms |`,
    );
    console.log(`| the same package again (cached) | ${mb(packetBytes.n)} out | ${cachedPeak.api} | — | ${idle.api} / ${idle.worker} | ${cachedMs} ms |`);
  } finally {
    for (const c of children.reverse()) await c.stop();
    await db.drop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
