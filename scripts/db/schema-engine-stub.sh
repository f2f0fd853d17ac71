#!/bin/sh
# Stand-in for Prisma's native schema engine, which Prisma downloads from its own binary host —
# a host this project's machines cannot reach. `prisma generate` only asks the engine for its
# version; everything else the engine does (migrate, db push, diff) is done here by
# server/db/migrate.ts and scripts/db/new-migration.ts instead. Point PRISMA_SCHEMA_ENGINE_BINARY
# at this file (scripts/db/generate-client.mjs does) and no download is attempted.
if [ "$1" = "--version" ]; then
  echo "schema-engine-cli d1b3f377ca835d73fd50954a5e22128b9ebdd6b8 (stub: migrations run through scripts/db)"
  exit 0
fi
echo "This is a stub of Prisma's schema engine (scripts/db/schema-engine-stub.sh)." >&2
echo "Apply migrations with 'npm run db:migrate'; create one with 'npm run db:new-migration -- <name>'." >&2
exit 1
