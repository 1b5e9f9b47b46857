import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Factories } from '../support/factories';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, TestApp } from '../support/test-app';
import { startTestStorage, TestStorage, upload } from '../support/test-documents';
import { makePdf, pdfText } from '../support/test-pdf';
import { describeWithBrowser, ensureWebBuilt, expectAccessible, launchBrowser, newContext, screenshot, signIn } from '../support/web-browser';
import { scaled, waitFor } from '../support/timeouts';

jest.setTimeout(scaled(120_000));

/**
 * A paper uploaded in the browser with progress, seen in its meeting, downloaded under its Unicode name, in the package;
 * and a library longer than one page, paged by the API.
 */
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

  it('pages a body’s library of 27 documents 25 at a time, newest first, the oldest two on page 2', async () => {
    const { body } = await f.bodyWith({ on: { role: 'member' } });
    // one after another, so that each is newer than the one before (the library lists the newest first)
    const ids: string[] = [];
    for (let n = 1; n <= 27; n++) {
      const title = `Paper ${String(n).padStart(2, '0')}`;
      const res = await upload(t.baseUrl, `/api/v1/bodies/${body.id}/documents`, {
        token: t.adminToken,
        file: { name: `paper-${n}.csv`, type: 'text/csv', bytes: Buffer.from(`paper,${n}\n`) },
        fields: { title },
      });
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    const newestFirst = [...ids].reverse();

    const library = await newContext(browser, t.baseUrl);
    try {
      const reader = await library.newPage();
      await signIn(reader, ADMIN_EMAIL, ADMIN_PASSWORD);
      await reader.goto(`/bodies/${body.id}`);
      const position = reader.getByTestId('pager-documents-position');
      const shown = () => reader.locator('.document-list li[data-document-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-document-id')));
      await position.getByText('1–25 of 27 (page 1 of 2)').waitFor();
      await waitFor('the 25 newest documents on page 1', async () => (await shown()).join() === newestFirst.slice(0, 25).join());
      await reader.locator('.document-list li').first().getByText('Paper 27').waitFor();

      const pager = reader.getByRole('navigation', { name: 'Pages of documents' });
      await pager.getByRole('button', { name: 'Next page' }).click();
      await position.getByText('26–27 of 27 (page 2 of 2)').waitFor();
      await waitFor('the two oldest documents on page 2', async () => (await shown()).join() === newestFirst.slice(25).join());
      await reader.locator('.document-list').getByText('Paper 01').waitFor();
      expect(await reader.locator('.document-list').getByText('Paper 27').count()).toBe(0);
      await expectAccessible(reader, 'documents, page 2');

      await pager.getByRole('button', { name: 'Previous page' }).click();
      await position.getByText('1–25 of 27 (page 1 of 2)').waitFor();
      await waitFor('page 1 again', async () => (await shown()).join() === newestFirst.slice(0, 25).join());
    } finally {
      await library.close();
    }
  });
});
