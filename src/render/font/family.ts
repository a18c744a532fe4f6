/** The font the pictures use: SVG names it; the raster path uses masks generated from it. */
export const FONT_FAMILY = '"DejaVu Sans", "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif';
/** Pixel sizes with generated masks (raster text snaps to the nearest). */
export const FONT_SIZES = [10, 12, 14, 17] as const;
