/**
 * A network with several inputs, seen from one of them. The receptive-field code follows paths from
 * `net.input`; with several inputs, each one's field is that of the sub-network downstream of it:
 * the layers it reaches, where a merge keeps only the branches that come from it (the others are
 * constant as far as this input is concerned: they move no cell of it). So every input gets its own
 * sizes, jumps, holes and alignments, and no layer is dropped from the counts, which never use views.
 */
import type { Network, NetworkNode } from './types.js';

/**
 * The network as seen from input `inputName`: the layers downstream of it, merges restricted to the
 * branches from it. With one input (or for the first input of a network whose layers all descend
 * from it), the network itself.
 */
export function inputView(net: Network, inputName: string): Network {
  const input = net.inputs.find((i) => i.name === inputName);
  if (!input) throw new Error(`"${inputName}" is not an input of the network`);
  if (net.inputs.length === 1) return net;
  const reached = new Set<string>([inputName]);
  const nodes: NetworkNode[] = [];
  for (const n of net.nodes) {
    const keep = n.def.inputs.map((i) => reached.has(i));
    if (!keep.some(Boolean)) continue;
    reached.add(n.name);
    if (keep.every(Boolean)) {
      nodes.push(n);
      continue;
    }
    // Only merges have several inputs: keep the branches from this input, in order, with their shapes.
    nodes.push({ ...n, def: { ...n.def, inputs: n.def.inputs.filter((_, i) => keep[i]) }, inputShapes: n.inputShapes.filter((_, i) => keep[i]) });
  }
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const outputs = net.outputs.filter((o) => byName.has(o));
  return { ...net, input, nodes, byName, outputs: outputs.length ? outputs : nodes.length ? [nodes[nodes.length - 1].name] : [] };
}

/** The inputs each layer depends on (names, in the network's input order). */
export function inputsOf(net: Network): Map<string, string[]> {
  const from = new Map<string, Set<string>>(net.inputs.map((i) => [i.name, new Set([i.name])]));
  for (const n of net.nodes) {
    const s = new Set<string>();
    for (const i of n.def.inputs) for (const x of from.get(i) ?? []) s.add(x);
    from.set(n.name, s);
  }
  const order = net.inputs.map((i) => i.name);
  return new Map([...from].map(([k, v]) => [k, order.filter((o) => v.has(o))]));
}
