-- CreateTable
CREATE TABLE "kafka_clusters" (
    "id" VARCHAR(40) NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "brokers" TEXT[],
    "security" JSONB NOT NULL DEFAULT '{}',
    "connect_url" VARCHAR(2000),
    "connect_username" VARCHAR(200),
    "connect_password_secret" VARCHAR(64),
    "schema_registry_url" VARCHAR(2000),
    "from_environment" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "kafka_clusters_pkey" PRIMARY KEY ("id")
);

-- AlterTable
ALTER TABLE "environments" ADD COLUMN "kafka_cluster_id" VARCHAR(40);

-- AddForeignKey
ALTER TABLE "environments" ADD CONSTRAINT "environments_kafka_cluster_id_fkey" FOREIGN KEY ("kafka_cluster_id") REFERENCES "kafka_clusters"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
