import next from "eslint-config-next";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  {
    ignores: [
      ".next/**",
      ".cache/**",
      ".data/**",
      "node_modules/**",
      "server/db/generated/**",
      "next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
      "dist/**",
    ],
  },
  ...next,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "off",
    },
  },
  // Imports flow one way (docs/architecture.md "Rooms in the code"): app → components → server →
  // lib; pipeline → lib. lib/contract imports nothing of ours. The `syncdeck` command (server/cli)
  // and the configuration catalogue start or describe every process, so they may name the
  // processors. Integration tests assemble whole systems and may reach anywhere.
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    ignores: ["**/*.integration.test.ts"],
    rules: {
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: "./lib/contract",
              from: ".",
              except: ["./lib/contract", "./node_modules"],
              message: "the pipeline contract imports nothing of the app",
            },
            {
              target: "./lib",
              from: ["./app", "./components", "./server", "./pipeline", "./scripts", "./bench", "./e2e", "./test"],
              message: "lib/ is shared by the console and the processors; it imports neither",
            },
            {
              target: "./pipeline",
              from: ["./server", "./app", "./components"],
              message: "the processors import lib/ (contract, Kafka, logging), never console code",
            },
            {
              target: "./server",
              from: "./pipeline",
              message: "console code imports the contract and clients from lib/, never the processors",
            },
            {
              target: "./components",
              from: ["./pipeline", "./server/db", "./server/workers", "./server/cli", "./lib/kafka", "./lib/source-db"],
              message: "components render data; they do not reach the processors, databases, Kafka or workers",
            },
            {
              target: "./components",
              from: "./lib/log",
              except: ["./format-line.ts"],
              message: "components may format a log line, not log from the process",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["server/cli/**", "server/config/catalogue.ts"],
    ignores: ["**/*.integration.test.ts"],
    rules: {
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: "./server",
              from: "./pipeline",
              except: [
                "./shared/runner.ts",
                "./shared/processor-config.ts",
                "./cdc-processor/stage.ts",
                "./update-processor/stage.ts",
                "./retry-processor/stage.ts",
                "./source-simulator/rate.ts",
              ],
              message: "the command starts the processors only through their stage definitions and runner",
            },
          ],
        },
      ],
    },
  },
  // Console links prefetch on intent (components/ui/link.tsx says why).
  {
    files: ["app/**/*.tsx", "components/**/*.tsx"],
    ignores: ["components/ui/link.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "next/link", message: 'use Link from "@/components/ui/link" (prefetch on intent)' }] },
      ],
    },
  },
  // The command's launcher is plain CommonJS run by node itself, before any bundle is loaded.
  { files: ["bin/*.js"], rules: { "@typescript-eslint/no-require-imports": "off" } },
];

export default config;
