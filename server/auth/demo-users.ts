import type { RoleName } from "./permissions";

/**
 * The demo's sign-ins, one per role, written by the seed and shown on the sign-in page only when
 * the console runs as the demo (SYNCDECK_DEMO=1). Never seeded outside the demo and tests.
 */
export const DEMO_USERS: ReadonlyArray<{
  email: string;
  name: string;
  password: string;
  role: RoleName;
  scope: "global" | readonly string[];
}> = [
  { email: "admin@syncdeck.local", name: "Ada Admin", password: "admin-demo-1", role: "admin", scope: "global" },
  { email: "ops@syncdeck.local", name: "Omar Ops", password: "ops-demo-1", role: "ops", scope: "global" },
  {
    email: "product@syncdeck.local",
    name: "Priya Product",
    password: "product-demo-1",
    role: "product",
    scope: ["acme-health"],
  },
  // Product staff of another tenant (globex-care, the demo tenant with faults): tenant isolation, failed claims.
  {
    email: "product-globex@syncdeck.local",
    name: "Gita Globex",
    password: "product-demo-2",
    role: "product",
    scope: ["globex-care"],
  },
  {
    email: "viewer@syncdeck.local",
    name: "Victor Viewer",
    password: "viewer-demo-1",
    role: "viewer",
    scope: ["acme-health", "northwind-rx"],
  },
];

export const DEMO_TENANTS = [
  {
    slug: "acme-health",
    name: "Acme Health",
    expectedDailyChanges: 4_000_000,
    peakChangesPerSecond: 150,
    partitions: 6,
    lagSloSeconds: 30,
  },
  {
    slug: "northwind-rx",
    name: "Northwind Rx",
    expectedDailyChanges: 1_500_000,
    peakChangesPerSecond: 60,
    partitions: 3,
    lagSloSeconds: 60,
  },
  {
    slug: "globex-care",
    name: "Globex Care",
    expectedDailyChanges: 800_000,
    peakChangesPerSecond: 40,
    partitions: 3,
    lagSloSeconds: 120,
  },
] as const;
