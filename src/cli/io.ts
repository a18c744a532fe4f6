/** Where the CLI writes: the process's streams, or buffers in tests. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

export const processIO: CliIO = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** An IO that keeps what was written (tests, embedding). */
export function bufferIO(): CliIO & { stdout: () => string; stderr: () => string } {
  let o = '';
  let e = '';
  return {
    out: (text) => void (o += text),
    err: (text) => void (e += text),
    stdout: () => o,
    stderr: () => e,
  };
}
