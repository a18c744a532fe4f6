#!/usr/bin/python3
"""Writes test/fixtures/dialects/pool-onnx-conformance.json: ONNX's own conformance cases for
AveragePool and MaxPool (the node tests onnx ships in onnx/backend/test/case/node/averagepool.py and
maxpool.py), with the inputs and the expected outputs ONNX's reference computes. Read by
test/dialects/pool-onnx-conformance.test.ts.

Run with the Debian package (python3-onnx), not a virtual environment's Python:

    /usr/bin/python3 scripts/pool-onnx-conformance.py

The case modules draw their inputs with numpy's global generator; it is seeded here so a rerun
writes the same file. Cases whose input has more than MAX_ELEMENTS values are listed as omitted
(the 3-D ones: 98,304 values each), so the fixture stays small. Only the first output (Y) is kept:
convkit computes no argmax Indices. uint8 inputs are stored as float32 (every value is exact).
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
        if x.size > MAX_ELEMENTS:
            omitted.append({'name': c.name, 'reason': f'input of {x.size} values (more than {MAX_ELEMENTS})'})
            continue
        cases.append({
            'name': c.name,
            'op': n.op_type,
            'attributes': {a.name: attribute_value(a) for a in n.attribute},
            'dtype': str(x.dtype),
            'xShape': list(x.shape),
            'x': f32(x),
            'yShape': list(y.shape),
            'y': f32(y),
        })
    doc = {
        'generator': '/usr/bin/python3 scripts/pool-onnx-conformance.py',
        'source': f'onnx {onnx.__version__}: onnx/backend/test/case/node/averagepool.py and maxpool.py, numpy seed 0',
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
