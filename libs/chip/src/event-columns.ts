/**
 * A growable column pair (event id, cycle) kept across programs, so ~5,000 events per hardware ms allocate nothing
 * once grown: the FPGA recorder's events and the chip's neuron spikes waiting out the latency. Float64 columns hold
 * whatever the chip reported, so the link writer's range checks still see (and reject) a bad value instead of a
 * typed array's silent wrap. Entries 0..count − 1 are used.
 */
export class EventColumns {
  private idColumn = new Float64Array(1024);
  private cycleColumn = new Float64Array(1024);
  count = 0;

  push(id: number, cycle: number): void {
    if (this.count === this.idColumn.length) this.grow();
    this.idColumn[this.count] = id;
    this.cycleColumn[this.count++] = cycle;
  }

  id(i: number): number {
    return this.idColumn[i] as number;
  }

  cycle(i: number): number {
    return this.cycleColumn[i] as number;
  }

  idView(): Float64Array {
    return this.idColumn.subarray(0, this.count);
  }

  cycleView(): Float64Array {
    return this.cycleColumn.subarray(0, this.count);
  }

  private grow(): void {
    const ids = new Float64Array(2 * this.idColumn.length);
    const cycles = new Float64Array(2 * this.cycleColumn.length);
    ids.set(this.idColumn);
    cycles.set(this.cycleColumn);
    this.idColumn = ids;
    this.cycleColumn = cycles;
  }
}
