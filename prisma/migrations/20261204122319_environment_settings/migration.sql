-- An environment's driver settings (e.g. a Kubernetes namespace), validated by the driver's schema.
ALTER TABLE "environments" ADD COLUMN "settings" JSONB NOT NULL DEFAULT '{}';
