/**
 * Whether a closed <select> shows its option's whole text, measured in Chromium: a closed menu
 * shows one option, cut at its own width with nothing to say so. The width that shows it whole is
 * that of a copy of the menu holding that option alone, at its natural width, in the same place
 * (the same rules, its id's included, and the same inherited text size and padding). tour-bar41,
 * tour-pick49, review37-pictures and image36-stack-menu each wrote this probe out, in two spellings
 * of the same measure; this is the one home for it. The copy keeps the menu's id: the image-mode
 * tests' spelling dropped it, which changed nothing for their menu but measured the tour's step
 * menu at the wrong text size where an id rule makes it smaller (#tour-pick on the matrix parts,
 * 15 px too wide at 1260 px).
 */
import type { Page } from 'playwright-core';

/** One option of a menu: its text, the width that shows it whole, and the menu's own width. */
export interface OptionFit { menu: string; text: string; need: number; width: number; right: number }

/**
 * For each shown <select> matching `menus`, each of its options matching `options` (a selector the
 * option itself matches, such as 'optgroup:first-child option'; none: the chosen option, the one
 * the closed menu shows).
 */
export function optionFits(page: Page, menus: string, options?: string): Promise<OptionFit[]> {
  return page.evaluate(([menus, options]) => {
    const out: { menu: string; text: string; need: number; width: number; right: number }[] = [];
    for (const menu of Array.from(document.querySelectorAll<HTMLSelectElement>(menus))) {
      if (menu.getClientRects().length === 0) continue;
      const r = menu.getBoundingClientRect();
      const chosen = options ? Array.from(menu.querySelectorAll('option')).filter((o) => o.matches(options)) : [menu.selectedOptions[0]];
      for (const o of chosen) {
        if (!o) continue;
        const copy = menu.cloneNode(false) as HTMLSelectElement;
        copy.append(o.cloneNode(true));
        // Out of the flow and of sight; width, min-width and max-width as the option alone asks.
        copy.style.cssText = 'position: absolute; visibility: hidden; width: max-content; min-width: 0; max-width: none; flex: none';
        menu.parentElement!.append(copy);
        const need = copy.getBoundingClientRect().width;
        copy.remove();
        out.push({ menu: menu.id || menu.className, text: o.textContent ?? '', need, width: r.width, right: r.right });
      }
    }
    return out;
  }, [menus, options ?? ''] as const);
}

/** Each option of `fits` its menu cuts, in words (none: []). */
export function cuts(fits: OptionFit[]): string[] {
  return fits.filter((f) => f.need > f.width + 0.5).map((f) => `${f.menu} cuts "${f.text}" (${f.need.toFixed(0)} > ${f.width.toFixed(0)})`);
}
