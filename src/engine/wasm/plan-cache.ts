/**
 * The fast engine's plan caches (convolutions, pooling, Winograd forward and weight gradient): a
 * plan holds pointers and tables, never data, so one made for a key serves every later call with
 * that key. Bounded (a network's distinct layers fit); the oldest entry is dropped first.
 */
export class PlanCache<P> {
  private readonly plans = new Map<string, P>();

  constructor(private readonly size: number) {}

  /** The plan kept for `key`, or the one `make` builds, kept from then on. */
  get(key: string, make: () => P): P {
    let plan = this.plans.get(key);
    if (plan === undefined) {
      plan = make();
      if (this.plans.size >= this.size) this.plans.delete(this.plans.keys().next().value!);
      this.plans.set(key, plan);
    }
    return plan;
  }
}
