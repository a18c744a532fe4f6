/**
 * The reader's own picture: decoded in the browser (createImageBitmap) and never sent anywhere.
 * A picture larger than MAX_SIDE on a side is scaled down to fit (the scale is reported), so the
 * page stays quick; anything that is not a picture the browser can decode is refused with a reason
 * the page can say in its own language.
 */
import { fromRgba } from './picture.js';
import type { Picture } from './picture.js';

export const MAX_SIDE = 512;
/** Files above this are refused before decoding (a phone photograph is well below it). */
export const MAX_BYTES = 40 * 1024 * 1024;

export type FileProblem = 'empty' | 'tooLarge' | 'notImage' | 'undecodable';

/** `detail`: the file's name (with its size where that is the problem); `type`: its media type. */
export class PictureFileError extends Error {
  constructor(readonly problem: FileProblem, readonly detail: string, readonly type = '') {
    super(`${problem}: ${detail}${type ? ` (${type})` : ''}`);
  }
}

export interface LoadedPicture {
  picture: Picture;
  /** Size of the file's picture before any scaling. */
  original: { width: number; height: number };
}

/** Decodes `file` into a picture (RGB), scaled to fit MAX_SIDE; throws PictureFileError. */
export async function readPictureFile(file: File): Promise<LoadedPicture> {
  if (file.size === 0) throw new PictureFileError('empty', file.name);
  if (file.size > MAX_BYTES) throw new PictureFileError('tooLarge', `${file.name}: ${(file.size / 1048576).toFixed(1)} MB`);
  // The type is what the browser guessed from the name; an empty one (no extension) may still decode.
  if (file.type && !file.type.startsWith('image/')) throw new PictureFileError('notImage', file.name, file.type);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new PictureFileError('undecodable', file.name);
  }
  const original = { width: bitmap.width, height: bitmap.height };
  if (original.width === 0 || original.height === 0) throw new PictureFileError('undecodable', file.name);
  const f = Math.min(1, MAX_SIDE / Math.max(original.width, original.height));
  const width = Math.max(1, Math.round(original.width * f));
  const height = Math.max(1, Math.round(original.height * f));
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return { picture: fromRgba(ctx.getImageData(0, 0, width, height).data, width, height), original };
}
