import { availableParallelism, cpus, loadavg, release, totalmem, type } from 'node:os';

export interface MachineInfo {
  readonly node: string;
  readonly v8: string;
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  /** One-minute load average when the run started. */
  readonly load: number;
}

export function describeMachine(): MachineInfo {
  const list = cpus();
  return {
    node: process.version,
    v8: process.versions.v8,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${type()} ${release()}`,
    load: loadavg()[0] ?? 0,
  };
}

export function machineLines(machine: MachineInfo): string[] {
  return [
    `Node ${machine.node} (V8 ${machine.v8}) · ${machine.os}`,
    `CPU ${machine.cpuModel} · ${machine.cores} cores · ${machine.memoryGiB} GiB · load ${machine.load.toFixed(2)}` +
      // Other processes competing for the cores depress every row; ratios hold up better than absolutes.
      (machine.load > machine.cores ? ' (busy machine: absolute numbers are low, compare ratios)' : ''),
  ];
}
