// The multiply-add every kernel's inner loop is built on: one relaxed-SIMD FMA in the relaxed
// build (one rounding), mul then add in the plain SIMD build. The flag is a compile-time constant,
// so each build keeps one of the two.
@inline export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}
