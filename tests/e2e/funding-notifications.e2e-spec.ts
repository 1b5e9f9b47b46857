import { Factories, TestOfficial } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { connectSocket, TestSocket, waitUntil } from '../support/test-sockets';
import { startTestWorker, TestWorker } from '../support/test-worker';
import { scaled } from '../support/timeouts';

// a busy machine (two cores, several suites) slows each step; none of these waits is a fixed sleep
jest.setTimeout(scaled(120_000));

/**
 * Each step of a claim tells the claimant government and the funding government once (each payment is a step
 * of its own), in the recipient's language, and reaches the body's sockets as `funding-claim.updated`.
 */
describe('funding: notifications and realtime', () => {
  let t: TestApp;
  let worker: TestWorker;
  let f: Factories;
  let world: Awaited<ReturnType<Factories['bodyWith']>>;
  let claimantFr: TestOfficial;
  let outsider: TestOfficial;
  let memberSocket: TestSocket;
  let outsiderSocket: TestSocket;

  beforeAll(async () => {
    t = await startTestApp();
    worker = await startTestWorker(t);
    f = new Factories(t);
    world = await f.bodyWith({
      funder: { role: 'co_chair', level: 'federal' },
      claimant: { role: 'member', level: 'municipal' },
      bystander: { role: 'member', level: 'provincial' },
    });
    claimantFr = await f.official(world.seats.claimant.government.id, { locale: 'fr' });
    outsider = await f.official((await f.government()).id);
    memberSocket = await connectSocket(t.baseUrl, world.seats.bystander.official.token);
    outsiderSocket = await connectSocket(t.baseUrl, outsider.token);
  }, 120_000);
  afterAll(async () => {
    memberSocket?.close();
    outsiderSocket?.close();
    await worker?.close();
    await t?.close();
  });

  const keysOf = async (claimId: string) =>
    (await t.dataSource.query(`SELECT user_id, key, title FROM notification WHERE key LIKE $1 ORDER BY created_at, key`, [`funding-claim:${claimId}:%`])) as {
      user_id: string;
      key: string;
      title: string;
    }[];

  it('notifies the claimant’s and the funder’s officials once per step, and no one else', async () => {
    const program = (
      await t.http.post(
        '/api/v1/funding-programs',
        {
          bodyId: world.body.id,
          nameEn: 'Interim housing',
          nameFr: 'Logement provisoire',
          fundingGovernmentId: world.seats.funder.government.id,
          budgetCents: 1_000_000,
          eligibleFrom: '2018-01-01',
          eligibleTo: '2019-12-31',
        },
        t.adminToken,
      )
    ).body;
    const submitted = await t.http.post(
      `/api/v1/funding-programs/${program.id}/claims`,
      {
        claimantGovernmentId: world.seats.claimant.government.id,
        periodFrom: '2018-01-01',
        periodTo: '2018-12-31',
        requestedCents: 600_000,
        description: 'Motel rooms',
        evidenceDocumentIds: [],
      },
      world.seats.claimant.official.token,
    );
    expect(submitted.status).toBe(201);
    const id = submitted.body.id;
    const funderToken = world.seats.funder.official.token;
    expect((await t.http.post(`/api/v1/funding-claims/${id}/decision`, { status: 'approved', approvedCents: 500_000 }, funderToken)).status).toBe(200);
    expect((await t.http.post(`/api/v1/funding-claims/${id}/payments`, { amountCents: 200_000, paidOn: '2019-03-29' }, funderToken)).status).toBe(200);
    expect((await t.http.post(`/api/v1/funding-claims/${id}/payments`, { amountCents: 300_000, paidOn: '2019-07-31' }, funderToken)).status).toBe(200);
    expect((await t.http.post(`/api/v1/funding-claims/${id}/reconcile`, {}, claimantFr.token)).status).toBe(200);

    const recipients = [world.seats.claimant.official.id, claimantFr.id, world.seats.funder.official.id];
    // five steps (submitted, decided, two payments, reconciled), each to the three officials
    await waitUntil(async () => (await keysOf(id)).length >= 15, 60_000, 'the notifications of five steps');
    // the relay run again adds nothing: every step is keyed
    await worker.relayNow();
    const rows = await keysOf(id);
    expect(rows).toHaveLength(15);
    expect([...new Set(rows.map((r) => r.user_id))].sort()).toEqual([...recipients].sort());
    const steps = [...new Set(rows.map((r) => r.key.split(':').slice(2, 3)[0]))];
    expect(steps.sort()).toEqual(['decided', 'payment', 'reconciled', 'submitted']);
    for (const user of recipients) {
      const mine = rows.filter((r) => r.user_id === user);
      expect(mine).toHaveLength(5);
      expect(new Set(mine.map((r) => r.key)).size).toBe(5);
    }
    expect(rows.filter((r) => r.user_id === world.seats.bystander.official.id || r.user_id === outsider.id)).toEqual([]);
    // in the recipient's language
    const inbox = (await t.http.get('/api/v1/notifications', claimantFr.token)).body.items;
    // French typography puts a no-break space before the colon
    const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
    expect(inbox.map((n: { title: string }) => plain(n.title))).toEqual(expect.arrayContaining(['Demande de financement approuvée : Logement provisoire']));
    expect(inbox.find((n: { title: string }) => n.title.startsWith('Demande de financement approuvée')).body).toMatch(/5\u00a0000,00\u00a0\$/);
    const funderInbox = (await t.http.get('/api/v1/notifications', funderToken)).body.items;
    expect(funderInbox.map((n: { title: string }) => n.title)).toEqual(
      expect.arrayContaining(['Funding claim payment: Interim housing', 'Funding claim reconciled: Interim housing']),
    );

    // every step reached the body's sockets, none reached a stranger's
    await memberSocket.waitFor('funding-claim.updated', (p) => p.id === id && p.status === 'reconciled', 60_000);
    const statuses = memberSocket.received('funding-claim.updated', (p) => p.id === id).map((e) => e.payload.status);
    expect(statuses).toEqual(['submitted', 'approved', 'approved', 'paid', 'reconciled']);
    expect(memberSocket.received('funding-claim.updated', (p) => p.id === id)[0].payload).toEqual({ id, programId: program.id, status: 'submitted' });
    expect(outsiderSocket.received('funding-claim.updated')).toEqual([]);
  });
});
