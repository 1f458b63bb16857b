export { readModelNames, type ReadModelNames } from './names';
export { migrateReadModels, READ_MODEL_MIGRATIONS, type ReadModelMigration } from './schema';
export {
  IOTP_TRANSACTION_STREAM_PREFIX,
  type IotpTransactionEventView,
  type StoredEvent,
} from './stored-event';
export {
  DEFAULT_PROJECTION_POLICY,
  describeEvent,
  eventTime,
  type EventDescription,
  type PaymentLogRow,
  type ProjectionPolicy,
} from './describe';
export { projectEvent, type ProjectionChange, type SqlStatement } from './handlers';
export { foldBatch, type BatchPlan } from './fold';
export { clip, MAX_SUMMARY_LENGTH, summariseIotpTransactionEvent, summarisePaymentEvent } from './summaries';
export {
  applyEvents,
  applyEventsInTransaction,
  CheckpointMovedError,
  readCheckpoint,
  READ_MODELS_PROJECTION,
  type ApplyOptions,
  type ApplyResult,
} from './apply';
