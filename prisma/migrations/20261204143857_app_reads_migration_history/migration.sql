-- /api/readyz compares this build's migrations with the history: the console's role (syncdeck_app)
-- may read the history table, never change it. The table exists when a migrator applies this (not in
-- a shadow database replaying the folders).
DO $$
BEGIN
    IF to_regclass('_prisma_migrations') IS NOT NULL AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'syncdeck_app') THEN
        GRANT SELECT ON "_prisma_migrations" TO syncdeck_app;
    END IF;
END $$;
