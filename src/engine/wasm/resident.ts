/**
 * Data kept in the fast engine's memory between calls (engine tensors, ops/engine-tensor.ts), so
 * a call that reads it finds its input in place instead of copying it in.
 *
 * Every job lays itself out from address 0 up to its own size and overwrites whatever is there
 * (plan.ts, job.ts), so the kept data lives in one region above the largest layout seen: when a
 * later job needs more room, the engine grows the memory and moves the whole region up
 * (WasmEngine.ensure), before the job is written. Blocks hold their offset within the region, so
 * a move changes one number. Only the calling thread moves or writes the region, and only while
 * no job runs (setup, after quiescing the workers); the kernels only read it.
 */

/** One kept array: `length` floats at `region.base + offset`. */
export class ResidentBlock {
  constructor(readonly region: ResidentRegion, public offset: number, readonly length: number) {}

  /** Byte address of the first float (valid until the next job's setup may move the region). */
  get ptr(): number {
    return this.region.base + this.offset;
  }

  /** The floats, as a view into the engine's memory (valid as `ptr` is). */
  view(): Float32Array {
    return new Float32Array(this.region.memory.buffer, this.ptr, this.length);
  }
}

/** An operand's data: an array, or a block kept in the engine's memory (an engine tensor's). */
export type InputData = Float32Array | ResidentBlock;

/** Data given as an array, or kept: as an array either way (kept data through a view, read at once). */
export function arrayOf(data: InputData): Float32Array {
  return data instanceof ResidentBlock ? data.view() : data;
}

/** `data` when it is a block kept in `memory` (a kernel there may read it where it lies), else null. */
export function keptIn(data: InputData, memory: WebAssembly.Memory): ResidentBlock | null {
  return data instanceof ResidentBlock && data.region.memory === memory ? data : null;
}

/**
 * Data given as an array, or a copy of kept data: for a consumer that lays out an engine job
 * before it reads its operands, since a layout may move the kept region (and a view of it would
 * then read whatever came to lie there).
 */
export function detached(data: InputData): Float32Array {
  return data instanceof ResidentBlock ? data.view().slice() : data;
}

const align = (bytes: number): number => (bytes + 63) & ~63;

/**
 * Bytes a block of `length` floats takes: its data and at least 16 bytes after it, because a
 * pooling kernel's last vector of a row may read up to 12 bytes past the row's end
 * (assembly/pooling.ts, stride 2), and a block's last row may end where the memory does.
 */
const blockBytes = (length: number): number => align(length * 4 + 16);

export class ResidentRegion {
  /** Byte offset where the region starts: at or above every layout laid out so far. */
  base = 0;
  /** Bytes in use from `base`. */
  private used = 0;
  private readonly blocks: ResidentBlock[] = [];

  constructor(readonly memory: WebAssembly.Memory, private readonly grow: (bytes: number) => void) {}

  get bytes(): number {
    return this.used;
  }

  /** Keeps `data` in memory: a block just above the last one (the region starts at `floor`, the layouts' high-water mark, when empty). */
  keep(data: Float32Array, floor: number): ResidentBlock {
    if (this.blocks.length === 0) this.base = align(floor);
    const block = new ResidentBlock(this, this.used, data.length);
    this.used += blockBytes(data.length);
    this.grow(this.base + this.used);
    this.blocks.push(block);
    block.view().set(data);
    return block;
  }

  /** Frees a block; the blocks above it move down, so the region stays one run. */
  free(block: ResidentBlock): void {
    const i = this.blocks.indexOf(block);
    if (i < 0) return;
    this.blocks.splice(i, 1);
    const gap = blockBytes(block.length);
    const from = block.offset + gap;
    if (from < this.used) {
      new Uint8Array(this.memory.buffer).copyWithin(this.base + block.offset, this.base + from, this.base + this.used);
      for (const b of this.blocks) if (b.offset > block.offset) b.offset -= gap;
    }
    this.used -= gap;
  }

  /**
   * Makes room below the region for a layout of `bytes` (from address 0): when it reaches into
   * the region, the memory grows and the region moves up to start at `bytes`.
   */
  clear(bytes: number): void {
    if (this.used === 0 || bytes <= this.base) return;
    const to = align(bytes);
    this.grow(to + this.used);
    new Uint8Array(this.memory.buffer).copyWithin(to, this.base, this.base + this.used);
    this.base = to;
  }
}
