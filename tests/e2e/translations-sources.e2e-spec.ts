import { Factories } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/** Every capability's texts reach the one translation queue: written in one language, they wait for the other. */
describe('translation queue: every capability registers its texts', () => {
  let t: TestApp;
  let f: Factories;
  beforeAll(async () => {
    t = await startTestApp();
    f = new Factories(t);
  });
  afterAll(() => t?.close());

  const pending = async () =>
    (await t.http.get('/api/v1/translations?status=pending&limit=200', t.adminToken)).body.items as {
      type: string;
      id: string;
      field: string;
      sourceLang: string;
      sourceText: string;
    }[];

  it('lists an indicator and a funding program written in French only, and forgets them once translated', async () => {
    const { body, seats } = await f.bodyWith({ ca: { role: 'co_chair', level: 'federal' } });
    const indicator = await t.http.post('/api/v1/indicators', { bodyId: body.id, code: 'abris', nameFr: 'Places en refuge', unit: 'places' }, t.adminToken);
    expect(indicator.status).toBe(201);
    const program = await t.http.post(
      '/api/v1/funding-programs',
      {
        bodyId: body.id,
        nameFr: 'Aide au logement provisoire',
        fundingGovernmentId: seats.ca.government.id,
        eligibleFrom: '2018-04-01',
        eligibleTo: '2019-03-31',
      },
      t.adminToken,
    );
    expect(program.status).toBe(201);

    const before = await pending();
    expect(before).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'indicator', id: indicator.body.id, field: 'name', sourceLang: 'fr', sourceText: 'Places en refuge' }),
        expect.objectContaining({ type: 'funding_program', id: program.body.id, field: 'name', sourceLang: 'fr', sourceText: 'Aide au logement provisoire' }),
      ]),
    );
    expect((await t.http.patch(`/api/v1/indicators/${indicator.body.id}`, { nameEn: 'Shelter places' }, t.adminToken)).status).toBe(200);
    expect((await pending()).filter((p) => p.id === indicator.body.id)).toEqual([]);
  });
});
