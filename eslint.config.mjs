import next from "eslint-config-next";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  { ignores: [".next/**", ".cache/**", ".data/**", "node_modules/**", "server/db/generated/**", "next-env.d.ts", "test-results/**", "playwright-report/**", "dist/**"] },
  ...next,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "off",
    },
  },
  // The command's launcher is plain CommonJS run by node itself, before any bundle is loaded.
  { files: ["bin/*.js"], rules: { "@typescript-eslint/no-require-imports": "off" } },
];

export default config;
