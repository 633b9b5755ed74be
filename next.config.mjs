/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at run time, not bundled.
  serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2', 'exceljs', 'pdf-lib', 'nodemailer'],
  poweredByHeader: false,
  // `npm test` type-checks the whole project once (tsc --noEmit) before building; no need to repeat it here.
  typescript: { ignoreBuildErrors: true },
  experimental: {
    serverActions: { bodySizeLimit: '12mb' },
    // Uploads up to UPLOAD_MAX_MB (10 MB) must reach the action so an oversize file gets its Spanish message.
    proxyClientMaxBodySize: '12mb',
  },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
        ],
      },
    ];
  },
};

export default nextConfig;
