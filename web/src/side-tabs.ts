/** The side panel's tabs (Formula, Matrix, Code, Export), the settings toggle, and the header's height. */
import { byId, setAttr, setHidden } from './dom-write.js';
import type { SideTab } from './tour/tour.js';

const TABS: SideTab[] = ['formula', 'matrix', 'code', 'export'];

/** Told when a tab's panel is shown: a panel is drawn only while it can be seen. */
const shownListeners: ((tab: SideTab) => void)[] = [];

export function onTabShown(fn: (tab: SideTab) => void): void {
  shownListeners.push(fn);
}

export function openTab(tab: SideTab, focus = false): void {
  // The tab open (the side column keeps its width whatever the tab: the figure keeps its size).
  document.body.dataset.side = tab;
  for (const x of TABS) {
    const b = byId(`tab-${x}`);
    const on = x === tab;
    setAttr(b, 'aria-selected', String(on));
    setAttr(b, 'tabindex', on ? '0' : '-1');
    setHidden(byId(`panel-${x}`), !on);
    if (on && focus) b.focus();
  }
  for (const fn of shownListeners) fn(tab);
}

export function bindTabs(): void {
  TABS.forEach((x, i) => {
    const b = byId(`tab-${x}`);
    b.addEventListener('click', () => openTab(x));
    b.addEventListener('keydown', (e) => {
      const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      if (!step) return;
      e.preventDefault();
      e.stopPropagation();
      openTab(TABS[(i + step + TABS.length) % TABS.length], true);
    });
  });
  const toggle = byId('prefs-toggle');
  toggle.addEventListener('click', () => {
    const open = !byId('prefs').classList.contains('open');
    byId('prefs').classList.toggle('open', open);
    setAttr(toggle, 'aria-expanded', String(open));
    measureHeader();
  });
}

/** The header's height, so the layout below it is exactly one screen high. */
export function measureHeader(): void {
  const h = document.querySelector<HTMLElement>('header.top')?.offsetHeight ?? 64;
  document.documentElement.style.setProperty('--header-h', `${h}px`);
}
