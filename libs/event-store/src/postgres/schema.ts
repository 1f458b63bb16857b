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

-- Group commit: many appends (distinct streams) in one statement, one transaction, one position-lock
-- section. p_batch: [{"s": stream, "x": expected (as above), "e": events}]. Each append is checked on
-- its own, exactly like append_events; the outcome comes back per append instead of as an exception:
-- 0 written, 1 already applied (idempotent retry), 2 wrong expected revision (detail = actual
-- revision, -1 none), 3 an event id already stored elsewhere. Only a lost race on the unique
-- constraints (another transaction) fails the whole statement; the adapter then retries its appends.
CREATE OR REPLACE FUNCTION ${names.appendBatchFunction}(p_batch jsonb)
RETURNS TABLE (outcome integer, last_revision integer, last_position bigint, detail integer)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_n integer := jsonb_array_length(p_batch);
  v_item jsonb;
  v_stream text;
  v_expected integer;
  v_count integer;
  v_ids uuid[];
  v_found integer;
  v_same_stream boolean;
  v_first_min integer;
  v_first_max integer;
  v_last_position bigint;
  v_current integer;
  v_total integer := 0;
  v_positions bigint[];
  o_outcome integer[] := array_fill(0, ARRAY[v_n]);
  o_revision integer[] := array_fill(0, ARRAY[v_n]);
  o_position bigint[] := array_fill(0::bigint, ARRAY[v_n]);
  o_detail integer[] := array_fill(0, ARRAY[v_n]);
  o_write boolean[] := array_fill(false, ARRAY[v_n]);
  o_base integer[] := array_fill(-1, ARRAY[v_n]);
  o_offset integer[] := array_fill(0, ARRAY[v_n]);
BEGIN
  FOR k IN 1..v_n LOOP
    v_item := p_batch->(k - 1);
    v_stream := v_item->>'s';
    v_expected := (v_item->>'x')::integer;
    v_count := jsonb_array_length(v_item->'e');

    SELECT ev.stream_revision INTO v_current FROM ${names.events} ev
     WHERE ev.stream_id = v_stream ORDER BY ev.stream_revision DESC LIMIT 1;
    v_current := coalesce(v_current, -1);

    v_ids := ARRAY(SELECT (x.e->>'eventId')::uuid FROM jsonb_array_elements(v_item->'e') WITH ORDINALITY AS x(e, i)
                   ORDER BY x.i);
    SELECT count(*)::integer, bool_and(ev.stream_id = v_stream),
           min(ev.stream_revision - array_position(v_ids, ev.event_id) + 1),
           max(ev.stream_revision - array_position(v_ids, ev.event_id) + 1),
           max(ev.global_position)
      INTO v_found, v_same_stream, v_first_min, v_first_max, v_last_position
      FROM ${names.events} ev WHERE ev.event_id = ANY (v_ids);

    IF v_found > 0 THEN
      IF v_found = v_count AND v_same_stream AND v_first_min = v_first_max
         AND (v_expected = -2 OR v_first_min = v_expected + 1) THEN
        o_outcome[k] := 1;
        o_revision[k] := v_first_min + v_count - 1;
        o_position[k] := v_last_position;
      ELSE
        o_outcome[k] := 3;
      END IF;
    ELSIF v_expected <> -2 AND v_expected <> v_current THEN
      o_outcome[k] := 2;
      o_detail[k] := v_current;
    ELSIF v_count = 0 THEN
      o_revision[k] := v_current;
      o_position[k] := coalesce((SELECT max(ev.global_position) FROM ${names.events} ev
                                  WHERE ev.stream_id = v_stream), 0);
    ELSE
      o_write[k] := true;
      o_base[k] := v_current;
      o_offset[k] := v_total;
      o_revision[k] := v_current + v_count;
      v_total := v_total + v_count;
    END IF;
  END LOOP;

  IF v_total > 0 THEN
    IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
      RAISE EXCEPTION USING ERRCODE = 'ES003', MESSAGE = 'append_events_batch must be the first write of its transaction';
    END IF;
    PERFORM pg_advisory_lock(${lockClass}, ${lockId});
    PERFORM pg_current_xact_id();
    SELECT array_agg(nextval('${names.positionSequence}')) INTO v_positions FROM generate_series(1, v_total);
    PERFORM pg_advisory_unlock(${lockClass}, ${lockId});

    INSERT INTO ${names.events} (global_position, stream_id, stream_revision, event_id, type, data, metadata)
    SELECT v_positions[o_offset[b.k] + x.i], b.item->>'s', o_base[b.k] + x.i::integer, (x.e->>'eventId')::uuid,
           x.e->>'type', coalesce(x.e->'data', 'null'::jsonb), coalesce(x.e->'metadata', '{}'::jsonb)
      FROM jsonb_array_elements(p_batch) WITH ORDINALITY AS b(item, k)
      CROSS JOIN LATERAL jsonb_array_elements(b.item->'e') WITH ORDINALITY AS x(e, i)
     WHERE o_write[b.k];

    FOR k IN 1..v_n LOOP
      IF o_write[k] THEN
        o_position[k] := v_positions[o_offset[k] + o_revision[k] - o_base[k]];
      END IF;
    END LOOP;
  END IF;

  RETURN QUERY SELECT u.o, u.r, u.p, u.d
    FROM unnest(o_outcome, o_revision, o_position, o_detail) WITH ORDINALITY AS u(o, r, p, d, n) ORDER BY u.n;
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
