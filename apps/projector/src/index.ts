export { Projector, type ProjectorOptions, type ProjectorStats } from './projector';
export { startProjector, type StartProjectorOptions } from './start-projector';
export { rebuildReadModels, type RebuildOptions, type RebuildReport } from './rebuild';
export { postgresLagProbe, storeLagProbe, type LagProbe } from './lag';
export { createOpsServer } from './ops-server';
