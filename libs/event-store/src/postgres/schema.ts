import type { Pool, PoolClient } from 'pg';
import { type SchemaNames, schemaNames } from './sql-names';

/**
 * Why positions are allocated under a short lock: readers return only rows whose tx_id is below
 * pg_snapshot_xmin(pg_current_snapshot()), i.e. rows of transactions that can no longer commit
 * anything new. That is gap-free only if position order equals transaction-id order; otherwise a
 * transaction with a lower xid but a higher position could commit first and be read while a
 * still-running one (higher xid, lower position) would later appear behind the reader's checkpoint.
 * So append_events assigns the xid and takes its positions inside one session advisory lock that
 * is held for two cheap calls (no I/O, no row locks), then inserts and commits outside it.
 *
 * No NOTIFY in here: a transaction that notifies holds a cluster-wide lock until its commit is
 * flushed, which serialised all appends (16 clients: 3.7k appends/s with it, 7.1k without; see
 * bench-append.ts). The adapter notifies after commit instead (post-commit-notifier.ts).
 */
export function eventStoreSchemaSql(names: SchemaNames): string {
  const [lockClass, lockId] = names.positionLock;
  return `
CREATE SCHEMA IF NOT EXISTS "${names.schema}";

CREATE TABLE IF NOT EXISTS ${names.events} (
  global_position bigserial PRIMARY KEY,
  stream_id text NOT NULL,
  stream_revision integer NOT NULL CHECK (stream_revision >= 0),
  event_id uuid NOT NULL CONSTRAINT events_event_id_key UNIQUE,
  type text NOT NULL,
  data jsonb NOT NULL,
  metadata jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  tx_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  CONSTRAINT events_stream_revision_key UNIQUE (stream_id, stream_revision)
);

-- p_expected: -2 = any, -1 = no stream, n >= 0 = revision of the stream's last event.
CREATE OR REPLACE FUNCTION ${names.appendFunction}(p_stream text, p_expected integer, p_events jsonb)
RETURNS TABLE (already_applied boolean, last_revision integer, last_position bigint)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_count integer := jsonb_array_length(p_events);
  v_ids uuid[];
  v_found integer;
  v_same_stream boolean;
  v_first_min integer;
  v_first_max integer;
  v_last_position bigint;
  v_current integer;
  v_positions bigint[];
BEGIN
  -- Read the stream's revision before looking for the ids: each statement sees a newer snapshot, so
  -- a concurrent identical append that commits in between is then found by the id lookup (a
  -- revision read after the ids would see its events but not its ids, and report a conflict).
  SELECT ev.stream_revision INTO v_current FROM ${names.events} ev
   WHERE ev.stream_id = p_stream ORDER BY ev.stream_revision DESC LIMIT 1;
  v_current := coalesce(v_current, -1);

  -- Idempotent retry: every id already stored, in order, exactly where this append puts them.
  -- (= ANY(array) keeps the cached generic plan on the event_id index; a join would seq-scan.)
  v_ids := ARRAY(SELECT (x.e->>'eventId')::uuid FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(e, i)
                 ORDER BY x.i);
  SELECT count(*)::integer, bool_and(ev.stream_id = p_stream),
         min(ev.stream_revision - array_position(v_ids, ev.event_id) + 1),
         max(ev.stream_revision - array_position(v_ids, ev.event_id) + 1),
         max(ev.global_position)
    INTO v_found, v_same_stream, v_first_min, v_first_max, v_last_position
    FROM ${names.events} ev WHERE ev.event_id = ANY (v_ids);
  IF v_found > 0 THEN
    IF v_found = v_count AND v_same_stream AND v_first_min = v_first_max
       AND (p_expected = -2 OR v_first_min = p_expected + 1) THEN
      RETURN QUERY SELECT true, v_first_min + v_count - 1, v_last_position;
      RETURN;
    END IF;
    RAISE EXCEPTION USING ERRCODE = 'ES002', MESSAGE = 'event id already stored elsewhere';
  END IF;

  IF p_expected <> -2 AND p_expected <> v_current THEN
    RAISE EXCEPTION USING ERRCODE = 'ES001', MESSAGE = 'wrong expected revision', DETAIL = v_current::text;
  END IF;
  IF v_count = 0 THEN
    RETURN QUERY SELECT false, v_current,
      coalesce((SELECT max(ev.global_position) FROM ${names.events} ev WHERE ev.stream_id = p_stream), 0);
    RETURN;
  END IF;

  -- The xid must be taken under the lock below, so this must be the transaction's first write.
  IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'ES003', MESSAGE = 'append_events must be the first write of its transaction';
  END IF;
  PERFORM pg_advisory_lock(${lockClass}, ${lockId});
  PERFORM pg_current_xact_id();
  SELECT array_agg(nextval('${names.positionSequence}')) INTO v_positions FROM generate_series(1, v_count);
  PERFORM pg_advisory_unlock(${lockClass}, ${lockId});

  -- The unique (stream_id, stream_revision) is the final guard against a concurrent writer.
  INSERT INTO ${names.events} (global_position, stream_id, stream_revision, event_id, type, data, metadata)
  SELECT v_positions[x.i], p_stream, v_current + x.i::integer, (x.e->>'eventId')::uuid, x.e->>'type',
         coalesce(x.e->'data', 'null'::jsonb), coalesce(x.e->'metadata', '{}'::jsonb)
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(e, i);
  RETURN QUERY SELECT false, v_current + v_count, v_positions[v_count];
END
$fn$;
`;
}

/** Creates or updates the schema; idempotent and safe when several processes start at once. */
export async function migrateEventStore(db: Pool | PoolClient, schema = 'es'): Promise<void> {
  const names = schemaNames(schema);
  const client = 'release' in db ? db : await db.connect();
  try {
    await client.query('BEGIN');
    // Concurrent CREATE ... IF NOT EXISTS can still collide on the catalogs: serialise migrations.
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [
      names.positionLock[0] + 1,
      names.positionLock[1],
    ]);
    await client.query(eventStoreSchemaSql(names));
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    if (client !== db) (client as PoolClient).release();
  }
}
