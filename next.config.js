// @ts-check

/** Security headers for every response; the CSP nonce for scripts is added by proxy.ts. */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // .next/standalone: the server with only the files it needs, what `syncdeck console` and the image run.
  output: "standalone",
  poweredByHeader: false,
  reactStrictMode: true,
  // Native/driver packages stay as Node requires instead of being bundled.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "@prisma/client", "kafkajs", "bcryptjs", "prom-client"],
  typescript: { ignoreBuildErrors: false },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

module.exports = nextConfig;
