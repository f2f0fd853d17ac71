-- Hand-written; Prisma does not model roles or privileges.
--
-- The console and the pipeline connect as a login role that is a member of `syncdeck_app`;
-- migrations run as the schema's owner (MIGRATION_DATABASE_URL). The app role may read and write
-- rows, never change the schema, and on audit_events only INSERT and SELECT: the log is
-- append-only by privilege, not only by the triggers of the init migration (which its owner, or a
-- superuser, could disable).

REVOKE UPDATE, DELETE, TRUNCATE ON "audit_events" FROM PUBLIC;

-- Roles are per cluster: created once, by the first database migrated on it. A migrator without
-- CREATEROLE skips this; an administrator then creates the role and re-runs the grants below.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'syncdeck_app') THEN
        CREATE ROLE syncdeck_app NOLOGIN;
    END IF;
EXCEPTION
    WHEN insufficient_privilege THEN
        RAISE NOTICE 'role syncdeck_app is missing and this migrator may not create roles: create it (NOLOGIN) and grant it as this migration does';
    WHEN duplicate_object OR unique_violation THEN
        NULL; -- another database on the cluster created it at the same moment
END
$$;

DO $$
DECLARE
    s TEXT := current_schema();
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'syncdeck_app') THEN
        RETURN;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO syncdeck_app', s);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO syncdeck_app', s);
    EXECUTE format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA %I TO syncdeck_app', s);
    EXECUTE format('GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA %I TO syncdeck_app', s);
    -- Tables, sequences and functions of later migrations (and the event trail's day partitions,
    -- created by event_trail_maintain as their owner) get the same privileges.
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO syncdeck_app', s);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO syncdeck_app', s);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT EXECUTE ON FUNCTIONS TO syncdeck_app', s);
    -- A migration that recreates audit_events must repeat this revoke.
    REVOKE UPDATE, DELETE, TRUNCATE ON "audit_events" FROM syncdeck_app;
    -- The history table exists when a migrator applies this (not in a shadow database replaying it).
    IF to_regclass('_prisma_migrations') IS NOT NULL THEN
        REVOKE ALL ON "_prisma_migrations" FROM syncdeck_app;
    END IF;
    -- The event trail's day partitions are created and dropped at run time by the processors;
    -- only a table's owner may do that, so the function runs with its owner's rights (and a
    -- fixed search_path, so a caller's objects cannot stand in for ours).
    EXECUTE format('ALTER FUNCTION "event_trail_maintain"(INTEGER, INTEGER) SECURITY DEFINER SET search_path = %I, pg_temp', s);
    REVOKE EXECUTE ON FUNCTION "event_trail_maintain"(INTEGER, INTEGER) FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION "event_trail_maintain"(INTEGER, INTEGER) TO syncdeck_app;
END
$$;
