import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Factories } from '../support/factories';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, TestApp } from '../support/test-app';
import { startTestStorage, TestStorage } from '../support/test-documents';
import { makePdf, pdfText } from '../support/test-pdf';
import { describeWithBrowser, ensureWebBuilt, expectAccessible, launchBrowser, newContext, screenshot, signIn } from '../support/web-browser';
import { scaled } from '../support/timeouts';

jest.setTimeout(scaled(120_000));

/** A paper uploaded in the browser with progress, seen in its meeting, downloaded under its Unicode name, in the package. */
describeWithBrowser('web: documents of a meeting', () => {
  let storage: TestStorage;
  let t: TestApp;
  let f: Factories;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuilt();
    storage = await startTestStorage('filesystem');
    [t, browser] = await Promise.all([startTestApp({ env: storage.env }), launchBrowser()]);
    f = new Factories(t);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
    await storage?.close();
  });

  it('uploads a paper with progress, shows it in the meeting, downloads it as "Plan d’action.pdf" and the agenda package', async () => {
    const { body } = await f.bodyWith({ on: { role: 'member' } });
    const meeting = await f.meeting(body.id, { title: 'Spring meeting' });
    await t.http.post(`/api/v1/meetings/${meeting.id}/agenda-items`, { title: 'Housing pressures', purpose: 'discussion', durationMinutes: 30 }, t.adminToken);
    const paper = Buffer.concat([Buffer.from(await makePdf(['Plan d’action: housing'])), Buffer.alloc(400 * 1024, 0x20)]);

    context = await newContext(browser, t.baseUrl);
    page = await context.newPage();
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.goto(`/meetings/${meeting.id}`);
    await page.getByRole('heading', { name: 'Documents' }).waitFor();
    await page.locator('input#document-file').setInputFiles({ name: 'Plan d’action.pdf', mimeType: 'application/pdf', buffer: paper });
    await page.locator('input#document-title-en').fill('Action plan');
    await page.locator('input#document-title-fr').fill('Plan d’action');
    await page.locator('select#document-language').selectOption('bilingual');
    await page.locator('select#document-marking').selectOption('protected_a');
    await page.locator('select#document-agenda-item').selectOption({ label: '1. Housing pressures' });
    await page.evaluate(() => {
      const w = window as unknown as { sawProgress: boolean };
      w.sawProgress = false;
      new MutationObserver(() => {
        if (document.querySelector('#upload-progress')) w.sawProgress = true;
      }).observe(document.body, { subtree: true, childList: true });
    });
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.getByText('The document was added.').waitFor();
    expect(await page.evaluate(() => (window as unknown as { sawProgress: boolean }).sawProgress)).toBe(true);
    const row = page.locator('.document-list li').filter({ hasText: 'Action plan' });
    await row.getByText('Protected A').waitFor();
    await row.getByText('Plan d’action.pdf').waitFor();
    await expectAccessible(page, 'meeting documents');
    await screenshot(page, 'meeting-documents');

    // the browser takes the file name from Content-Disposition (filename*)
    const [listed] = (await t.http.get(`/api/v1/bodies/${body.id}/documents?meetingId=${meeting.id}`, t.adminToken)).body.items;
    const direct = await newContext(browser, t.baseUrl);
    await direct.setExtraHTTPHeaders({ authorization: `Bearer ${t.adminToken}` });
    const directPage = await direct.newPage();
    const [file] = await Promise.all([directPage.waitForEvent('download'), directPage.goto(`/api/v1/documents/${listed.id}/content`).catch(() => null)]);
    expect(file.suggestedFilename()).toBe('Plan d’action.pdf');
    expect(Buffer.compare(await readFile((await file.path())!), paper)).toBe(0);
    await direct.close();

    const [packet] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the agenda package (PDF)' }).click()]);
    const text = await pdfText(await readFile((await packet.path())!));
    expect(text.pages).toBe(3);
    expect(text.outline).toEqual(['Cover', 'Agenda', 'Action plan']);
    expect(text.text[2]).toContain('Plan d’action: housing');
  });
});
