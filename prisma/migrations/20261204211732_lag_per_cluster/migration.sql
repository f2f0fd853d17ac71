-- AlterTable
ALTER TABLE "lag_group_samples" DROP CONSTRAINT "lag_group_samples_pkey",
ADD COLUMN     "cluster_id" VARCHAR(40) NOT NULL DEFAULT 'default',
ADD CONSTRAINT "lag_group_samples_pkey" PRIMARY KEY ("cluster_id", "group_id", "topic", "at");

-- AlterTable
ALTER TABLE "lag_group_state" DROP CONSTRAINT "lag_group_state_pkey",
ADD COLUMN     "cluster_id" VARCHAR(40) NOT NULL DEFAULT 'default',
ADD CONSTRAINT "lag_group_state_pkey" PRIMARY KEY ("cluster_id", "group_id");

-- AlterTable
ALTER TABLE "lag_rollups" DROP CONSTRAINT "lag_rollups_pkey",
ADD COLUMN     "cluster_id" VARCHAR(40) NOT NULL DEFAULT 'default',
ADD CONSTRAINT "lag_rollups_pkey" PRIMARY KEY ("cluster_id", "group_id", "topic", "bucket");

-- CreateTable
CREATE TABLE "kafka_cluster_status" (
    "cluster_id" VARCHAR(40) NOT NULL,
    "state" VARCHAR(10) NOT NULL,
    "reason" TEXT,
    "since" TIMESTAMPTZ(3) NOT NULL,
    "sampled_at" TIMESTAMPTZ(3),
    "attempted_at" TIMESTAMPTZ(3) NOT NULL,
    "duration_ms" INTEGER NOT NULL,
    "groups" INTEGER NOT NULL DEFAULT 0,
    "partitions" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "kafka_cluster_status_pkey" PRIMARY KEY ("cluster_id")
);
