/**
 * Runs asynchronous work so that only the newest request counts: requests that arrive while one is
 * running replace each other (only the last waits), and a result whose request has been superseded
 * by the time it arrives is dropped, never drawn. Each request gets a number; `onResult` receives
 * it with the milliseconds from request to result. `release`, when given, receives every result
 * once nothing on the page needs it any more — after it is drawn, or at once when it was
 * superseded — so its memory can be reused for a later request.
 */
export class Latest<Req, Res> {
  private pending: { req: Req; id: number; at: number } | null = null;
  private running = false;
  private nextId = 0;
  /** Number of the newest request. */
  requested = 0;

  constructor(
    private readonly work: (req: Req) => Promise<Res>,
    private readonly onResult: (res: Res, req: Req, id: number, ms: number) => void,
    private readonly onError: (e: unknown, req: Req, id: number) => void,
    private readonly release: (res: Res) => void = () => {},
  ) {}

  request(req: Req): number {
    const id = ++this.nextId;
    this.requested = id;
    this.pending = { req, id, at: performance.now() };
    if (!this.running) void this.pump();
    return id;
  }

  private async pump(): Promise<void> {
    this.running = true;
    while (this.pending) {
      const job = this.pending;
      this.pending = null;
      try {
        const res = await this.work(job.req);
        try {
          if (job.id === this.requested) this.onResult(res, job.req, job.id, performance.now() - job.at);
        } finally {
          this.release(res);
        }
      } catch (e) {
        if (job.id === this.requested) this.onError(e, job.req, job.id);
      }
    }
    this.running = false;
  }
}
