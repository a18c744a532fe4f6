/**
 * What the page's text copies as. To keep "第 255–257 列" and "输出 5×5" on one line the page writes
 * word joiners (U+2060) into its Chinese (image-text.ts, preset-note.ts, tour/now-line.ts); they are
 * invisible, but a selection copied them into the reader's notes, where a search for "输出" missed
 * "输⁠出" (review R43b). A copy of the page's own text leaves them out; the text as shown is unchanged.
 */
const JOINER = '\u2060';

export function copyWithoutJoiners(root: Document = document): void {
  root.addEventListener('copy', (e) => {
    const sel = root.getSelection()?.toString() ?? '';
    if (!e.clipboardData || !sel.includes(JOINER)) return;
    e.clipboardData.setData('text/plain', sel.replaceAll(JOINER, ''));
    e.preventDefault();
  });
}
