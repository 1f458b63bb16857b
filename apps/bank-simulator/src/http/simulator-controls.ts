import { BadRequestException } from '@nestjs/common';

/** The outage switch and added latency a simulated back end offers to tests (`POST …/admin`). */
export interface SimulatorControls {
  down: boolean;
  latencyMs: number;
}

/** Validates `{down?, latencyMs?}` and applies it; a bad field is a 400 naming it. */
export function applySimulatorControls(controls: SimulatorControls, body: unknown): SimulatorControls {
  const b = (body ?? {}) as { down?: unknown; latencyMs?: unknown };
  if (b.down !== undefined && typeof b.down !== 'boolean')
    throw new BadRequestException('"down" must be a boolean');
  if (
    b.latencyMs !== undefined &&
    (typeof b.latencyMs !== 'number' ||
      !Number.isInteger(b.latencyMs) ||
      b.latencyMs < 0 ||
      b.latencyMs > 600_000)
  )
    throw new BadRequestException('"latencyMs" must be an integer 0…600000');
  if (typeof b.down === 'boolean') controls.down = b.down;
  if (typeof b.latencyMs === 'number') controls.latencyMs = b.latencyMs;
  return { down: controls.down, latencyMs: controls.latencyMs };
}
