/**
 * Chinese text of the per-layer table's counting conventions (`CONVENTIONS` in
 * src/network/summary.ts, in the same order), keyed `summary.convention.<index>`. English is the
 * library's own text (not repeated here); the table's notes carry numbers and names and stay English.
 */
import { registerStrings } from './index.js';

export const CONVENTIONS_ZH = [
  'MACs = 权重参与的乘加次数（卷积层与全连接层：Gemm，以及与常量矩阵相乘的 MatMul）；不计偏置加法；FLOPs = 2·MACs。torchvision 公布的 "GFLOPS" 就是这里卷积层与全连接层的 MACs。',
  '转置卷积按输入位置计数（N·C_in·ΠIn·(C_out/g)·Πk），与实际计算一致；包括随后被裁掉的部分。',
  '池化、缩放、展平、激活和合并计 0 MACs；未融合的 BatchNormalization（推理时每个元素一次乘加）另计为仿射 MACs。',
  'RF = 感受野跨度（输入单元数），由一个输出实际读取的输入单元集合得出（取各输出相位中的最大值；填充位置也计入）；空洞 = 跨度内没有任何路径到达的单元数；跳距 = 输出每走一步对应的输入单元数（上采样后可为分数）。',
];

registerStrings('zh', Object.fromEntries(CONVENTIONS_ZH.map((s, i) => [`summary.convention.${i}`, s])));
