/**
 * An axis named in running text: Chinese by its direction, with the letter after it (高度方向（H）),
 * as the page's error messages and Formula panel say it; English by its letter (the templates
 * write "axis H"). One home for the word, so explain, the solvers and the CLI say it alike.
 */
import type { Lang } from './index.js';

const ZH_AXES: Record<string, string> = { H: '高度方向（H）', W: '宽度方向（W）', D: '深度方向（D）', L: '长度方向（L）' };

export function axisName(lang: Lang, name: string): string {
  return lang === 'zh' ? ZH_AXES[name] ?? `轴 ${name}` : name;
}
