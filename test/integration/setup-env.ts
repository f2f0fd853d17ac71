import { inject } from "vitest";

process.env.KAFKA_BROKERS = inject("KAFKA_BROKERS");
process.env.DATABASE_URL = inject("DATABASE_URL");
