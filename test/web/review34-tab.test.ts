/**
 * Review 34, B1: a shared link opens the side tab it was copied with. The `tab` key names the tab
 * (formula, matrix, code, export) and is left out when it is the page's own choice: Formula, or in
 * the tour the tab the step opens. Opening a tab replaces the current history entry (Back does not
 * walk through the tabs looked at); Back to an entry opens the tab it was left on. A value the page
 * does not know is named in the link notice, as any other key's.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parseQuery, toQuery } from '../../web/src/state.js';
import { urlKeyHint } from '../../web/src/url-hints.js';
import { fileHarness } from './harness.js';

const h = fileHarness();

const openTab = (page: Page) => page.$eval('body', (b) => (b as HTMLElement).dataset.side);
const tabKey = async (page: Page) => page.evaluate(() => new URLSearchParams(location.search).get('tab'));

describe('the tab key', () => {
  it('reads each tab, refuses another value with a hint, and is left out at the page\'s own choice', () => {
    for (const tab of ['formula', 'matrix', 'code', 'export'] as const) {
      const { state, problems } = parseQuery(`i=5&tab=${tab}`);
      expect(problems).toEqual([]);
      expect(state.tab).toBe(tab);
      expect(new URLSearchParams(toQuery(state)).get('tab')).toBe(tab === 'formula' ? null : tab);
    }
    expect(parseQuery('tab=matrixx').problems).toEqual([{ key: 'tab', value: 'matrixx' }]);
    expect(parseQuery('tab=matrixx').state.tab).toBe('formula');
    // In a tour step that opens the matrix, the matrix is the one left out.
    const s = parseQuery('tour=5&tab=matrix').state;
    expect(new URLSearchParams(toQuery(s, 'matrix')).get('tab')).toBeNull();
    expect(new URLSearchParams(toQuery({ ...s, tab: 'formula' }, 'matrix')).get('tab')).toBe('formula');
    expect(urlKeyHint('tab', 'en', 13)).toBe('side tab: formula, matrix, code, export');
    expect(urlKeyHint('tab', 'zh', 13)).toBe('侧栏标签页：formula、matrix、code、export');
  });
});

describe('a link opens its side tab', () => {
  it('free mode: the tab opened is in the link (no new history entry), and a fresh page opens it', async () => {
    const { page, errors } = await h.open('?i=4&k=3&s=1&p=0&lang=en');
    expect(await tabKey(page)).toBeNull();
    const entries = await page.evaluate(() => history.length);
    await page.click('#tab-matrix');
    expect(await tabKey(page)).toBe('matrix');
    expect(await page.evaluate(() => history.length)).toBe(entries);
    const link = page.url();
    const fresh = await h.open(link.slice(link.indexOf('?')));
    expect(await openTab(fresh.page)).toBe('matrix');
    expect(await fresh.page.$eval('#tab-matrix', (b) => b.getAttribute('aria-selected'))).toBe('true');
    expect(await fresh.page.$eval('#panel-matrix', (p) => (p as HTMLElement).hidden)).toBe(false);
    expect(await fresh.page.$eval('#url-problems', (p) => (p as HTMLElement).hidden)).toBe(true);
    // Back to the Formula tab: the key goes again.
    await fresh.page.click('#tab-formula');
    expect(await tabKey(fresh.page)).toBeNull();
    expect(errors).toEqual([]);
    await fresh.page.close();
    await page.close();
  }, 90_000);

  it('Back opens the tab its entry was left on', async () => {
    const { page } = await h.open('?i=4&k=3&s=1&p=0&lang=en');
    await page.click('#tab-code');
    // A layer change is a new entry; the tab opened after it belongs to that entry.
    await page.fill('#stride-h', '2');
    await page.locator('#stride-h').press('Tab');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('s') !== '1');
    await page.click('#tab-export');
    expect(await tabKey(page)).toBe('export');
    await page.goBack();
    await page.waitForFunction(() => document.body.dataset.side === 'code');
    expect(await tabKey(page)).toBe('code');
    await page.goForward();
    await page.waitForFunction(() => document.body.dataset.side === 'export');
    await page.close();
  }, 90_000);

  it('an unknown tab is named in the link notice, in English and Chinese, and Formula opens', async () => {
    for (const [lang, hint] of [['en', 'side tab: formula, matrix, code, export'], ['zh', '侧栏标签页：formula、matrix、code、export']] as const) {
      const { page } = await h.open(`?i=4&k=3&tab=graphs&lang=${lang}`);
      expect(await openTab(page)).toBe('formula');
      const notice = await page.$eval('#url-problems', (p) => ({ hidden: (p as HTMLElement).hidden, text: p.textContent }));
      expect(notice.hidden).toBe(false);
      expect(notice.text).toContain('tab=“graphs”');
      expect(notice.text).toContain(hint);
      await page.close();
    }
  }, 60_000);

  it('the tour: a step opens its own tab (left out of the link); a link\'s tab applies on top; Next opens the next step\'s', async () => {
    const { page } = await h.open('?tour=5&lang=en');
    expect(await openTab(page)).toBe('matrix');
    expect(await tabKey(page)).toBeNull();
    await page.click('#tab-formula');
    expect(await tabKey(page)).toBe('formula');
    const link = page.url();
    const fresh = await h.open(link.slice(link.indexOf('?')));
    expect(await openTab(fresh.page)).toBe('formula');
    await fresh.page.close();
    // Step 4 opens the Formula tab, whatever tab the reader had open.
    await page.click('#tab-code');
    await page.click('#tour-prev');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('tour') === '4');
    expect(await openTab(page)).toBe('formula');
    expect(await tabKey(page)).toBeNull();
    await page.click('#tour-next');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('tour') === '5');
    expect(await openTab(page)).toBe('matrix');
    expect(await tabKey(page)).toBeNull();
    await page.close();
  }, 90_000);
});
