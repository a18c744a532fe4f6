#!/usr/bin/python3
"""Writes test/fixtures/dialects/pool-onnx-conformance.json: ONNX's own conformance cases for
AveragePool and MaxPool (the node tests onnx ships in onnx/backend/test/case/node/averagepool.py and
maxpool.py), with the inputs and the expected outputs ONNX's reference computes. Read by
test/dialects/pool-onnx-conformance.test.ts.

    /usr/bin/python3 scripts/pool-onnx-conformance.py      # Debian python3-onnx 1.12: 26 cases, 2 omitted
    /path/to/venv/bin/python scripts/pool-onnx-conformance.py  # onnx >= 1.16 adds the dilated and
                                                               # ceil-mode cases (the fixture: 1.23.1)

The case modules draw their inputs with numpy's global generator; it is seeded here so a rerun
with the same onnx writes the same file. A case whose input has more than MAX_ELEMENTS values (the
3-D ones: 32,768 or 98,304) would make the fixture large: where onnx has its reference evaluator
(onnx.reference, 1.13 on), the script first checks that it reproduces the case's expected output,
then runs the same node on a smaller input (each spatial axis shortened by whole strides, so the
windows' alignment at the end is unchanged) and records that, marked "reduced"; otherwise the case
is listed as omitted. Only the first output (Y) is kept: convkit computes no argmax Indices. uint8
inputs are stored as float32 (every value is exact).
"""
import base64
import importlib
import json
import os
import sys

import numpy as np
import onnx
import onnx.helper

MAX_ELEMENTS = 4096
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'test', 'fixtures', 'dialects', 'pool-onnx-conformance.json')


def f32(a):
    return base64.b64encode(np.asarray(a, dtype='<f4').tobytes()).decode('ascii')


def attribute_value(a):
    v = onnx.helper.get_attribute_value(a)
    if isinstance(v, bytes):
        return v.decode('utf-8')
    if isinstance(v, list):
        return [int(x) for x in v]
    return int(v)


def reduce_case(c, x, y, attributes):
    """The case's node on a smaller input, computed by onnx.reference after it reproduced `y`."""
    try:
        from onnx.reference import ReferenceEvaluator
    except ImportError:
        return None
    name = c.model.graph.input[0].name
    evaluator = ReferenceEvaluator(c.model)
    full = evaluator.run(None, {name: x})[0]
    if full.shape != y.shape or not np.allclose(full, y, rtol=1e-6, atol=1e-6):
        raise SystemExit(f'{c.name}: onnx.reference does not reproduce the expected output')
    rank = x.ndim - 2
    kernel = attributes['kernel_shape']
    strides = attributes.get('strides', [1] * rank)
    dilations = attributes.get('dilations', [1] * rank)
    shape = list(x.shape)
    axis = 0
    # Shorten the axes in turn by one stride while the input is too large and a window and a stride still fit.
    while int(np.prod(shape)) > MAX_ELEMENTS:
        progressed = False
        for _ in range(rank):
            i = 2 + axis
            axis = (axis + 1) % rank
            ke = dilations[i - 2] * (kernel[i - 2] - 1) + 1
            if shape[i] - strides[i - 2] >= ke + strides[i - 2]:
                shape[i] -= strides[i - 2]
                progressed = True
                break
        if not progressed:
            return None
    rng = np.random.default_rng(1)
    small = rng.standard_normal(shape).astype(x.dtype)
    return small, evaluator.run(None, {name: small})[0]


def main():
    np.random.seed(0)
    node = importlib.import_module('onnx.backend.test.case.node')
    node._NodeTestCases.clear()
    # Importing a case module runs its export_* functions, which record their cases (expect()).
    importlib.import_module('onnx.backend.test.case.node.averagepool')
    importlib.import_module('onnx.backend.test.case.node.maxpool')
    cases, omitted = [], []
    for c in node._NodeTestCases:
        n = c.model.graph.node[0]
        inputs, outputs = c.data_sets[0]
        x, y = inputs[0], outputs[0]
        attributes = {a.name: attribute_value(a) for a in n.attribute}
        reduced = None
        if x.size > MAX_ELEMENTS:
            small = reduce_case(c, x, y, attributes)
            if small is None:
                omitted.append({'name': c.name, 'reason': f'input of {x.size} values (more than {MAX_ELEMENTS}) and no onnx.reference to run a smaller one'})
                continue
            reduced = {'from': list(x.shape)}
            x, y = small
        case = {
            'name': c.name,
            'op': n.op_type,
            'attributes': attributes,
            'dtype': str(x.dtype),
            'xShape': list(x.shape),
            'x': f32(x),
            'yShape': list(y.shape),
            'y': f32(y),
        }
        if reduced:
            case['reduced'] = reduced
        cases.append(case)
    doc = {
        'generator': '/usr/bin/python3 scripts/pool-onnx-conformance.py',
        'source': f'onnx {onnx.__version__}: onnx/backend/test/case/node/averagepool.py and maxpool.py, numpy seed 0; reduced cases: onnx.reference on a smaller input (numpy default_rng(1))',
        'cases': cases,
        'omitted': omitted,
    }
    with open(OUT, 'w') as f:
        f.write('{\n')
        f.write(f' "generator": {json.dumps(doc["generator"])},\n "source": {json.dumps(doc["source"])},\n')
        f.write(' "cases": [\n' + ',\n'.join('  ' + json.dumps(c) for c in cases) + '\n ],\n')
        f.write(' "omitted": [\n' + ',\n'.join('  ' + json.dumps(o) for o in omitted) + '\n ]\n}\n')
    print(f'wrote {os.path.relpath(OUT)}: {len(cases)} cases, {len(omitted)} omitted', file=sys.stderr)


if __name__ == '__main__':
    main()
