import { loadDemoData } from '../../apps/api/src/demo/demo-data';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-governments';
import { startTestApp, TestApp } from '../support/test-app';

const M = 100_000_000;

/** The study's funding episodes as the demo loads them: programs, claims, decisions and payments. */
describe('funding demo data', () => {
  let t: TestApp;
  let token: string;
  let codes: Map<string, string>;
  beforeAll(async () => {
    t = await startTestApp();
    await loadDemoData(t.app);
    token = (await t.http.post('/api/v1/auth/login', { email: 'official.mb@forum.demo', password: DEMO_PASSWORD })).body.accessToken;
    codes = new Map((await t.http.get('/api/v1/governments?limit=200', token)).body.items.map((g: { id: string; code: string }) => [g.id, g.code]));
  }, 120_000);
  afterAll(() => t?.close());

  const programNamed = async (prefix: string) => {
    const programs = (await t.http.get('/api/v1/funding-programs', token)).body.items;
    return programs.find((p: { nameEn: string }) => p.nameEn.startsWith(prefix));
  };
  const claimsOf = async (id: string) =>
    (await t.http.get(`/api/v1/funding-programs/${id}/claims?limit=200`, token)).body.items.map((c: any) => ({
      ...c,
      code: codes.get(c.claimantGovernmentId),
    }));

  it('has the June 2018 $50M (Quebec $36M, Ontario $11M, Manitoba $3M) and Ontario’s $200M request with its three heads, not accepted', async () => {
    const june = await programNamed('Federal support');
    expect(june).toMatchObject({ budgetCents: 50 * M, approvedCents: 50 * M, remainingCents: 0, translation: { status: 'complete' } });
    const claims = await claimsOf(june.id);
    const paid = claims.filter((c: any) => c.status === 'paid' || c.status === 'reconciled').map((c: any) => [c.code, c.paidCents / M]);
    expect(paid).toEqual([
      ['QC', 36],
      ['ON', 11],
      ['MB', 3],
    ]);
    const ontario = claims.filter((c: any) => c.status === 'rejected').map((c: any) => [c.code, c.requestedCents / M]);
    expect(ontario).toEqual([
      ['ON', 89],
      ['ON', 90],
      ['ON', 20],
    ]);
  });

  it('has the 2019 Interim Housing Assistance Program: Toronto $62M in several payments, Manitoba $5M, Quebec $250M for 2017-18', async () => {
    const ihap = await programNamed('Interim Housing Assistance Program');
    expect(ihap).toMatchObject({ budgetCents: 324 * M, approvedCents: 317 * M, remainingCents: 7 * M, actionItemId: expect.any(String) });
    expect((await t.http.get(`/api/v1/action-items/${ihap.actionItemId}`, token)).body.title).toMatch(/Interim Housing Assistance Program/);
    const claims = await claimsOf(ihap.id);
    const byCode = Object.fromEntries(claims.map((c: any) => [c.code, c]));
    expect(byCode.TOR).toMatchObject({ status: 'paid', approvedCents: 62 * M, paidCents: 62 * M });
    expect(byCode.TOR.payments).toHaveLength(3);
    expect(byCode.TOR.fiscalYears.claimant.map((y: any) => y.fiscalYear)).toEqual(['2018', '2019']);
    expect(byCode.MB).toMatchObject({ status: 'paid', paidCents: 5 * M });
    expect(byCode.QC).toMatchObject({
      status: 'reconciled',
      requestedCents: 300 * M,
      approvedCents: 250 * M,
      periodFrom: '2017-04-01',
      periodTo: '2018-03-31',
    });
    const y = (await t.http.get(`/api/v1/funding-programs/${ihap.id}/summary?fiscalYear=2017-18`, token)).body;
    // Quebec's claim lies wholly in 2017-18; Toronto's (1 January 2018 – 31 December 2019) has 90 of its 730 days there:
    // 6,200,000,000 × 90/730 = 764,383,561.64, and the cent left over goes to the largest remainder
    expect(y.governments.map((g: any) => [g.governmentCode, g.approvedCents])).toEqual([
      ['QC', 250 * M],
      ['TOR', 764_383_562],
    ]);
  });
});
