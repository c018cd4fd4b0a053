import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

// Same "@/..." imports as tsconfig.json's paths.
const resolve = { alias: [{ find: /^@\//, replacement: root }] };

export default defineConfig({
  resolve,
  test: {
    environment: "node",
    projects: [
      { resolve, test: { name: "unit", include: ["tests/unit/**/*.test.{ts,tsx}"] } },
      {
        resolve,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          // PGlite and the WebAssembly schema engine take seconds to boot on 2 cores.
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
