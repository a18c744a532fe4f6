/** Which input channels feed which output channel (groups split both into matching blocks). */
import type { TraceChannels } from './types.js';

export function traceChannels(inChannels: number, outChannels: number, groups: number): TraceChannels {
  const inPerGroup = inChannels / groups;
  const outPerGroup = outChannels / groups;
  const range = (start: number, n: number) => Array.from({ length: n }, (_, i) => start + i);
  const groupList = range(0, groups).map((group) => ({
    group,
    inputs: range(group * inPerGroup, inPerGroup),
    outputs: range(group * outPerGroup, outPerGroup),
  }));
  const feeds = range(0, outChannels).map((oc) => groupList[Math.floor(oc / outPerGroup)].inputs.slice());
  return { inChannels, outChannels, groups, inPerGroup, outPerGroup, groupList, feeds };
}
