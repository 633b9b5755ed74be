/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at run time, not bundled.
  serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2', 'exceljs', 'pdf-lib', 'nodemailer'],
  poweredByHeader: false,
  // The dev server would otherwise write instruction files for coding assistants into the project.
  agentRules: false,
  // `npm test` type-checks the whole project once (tsc --noEmit) before building; no need to repeat it here.
  typescript: { ignoreBuildErrors: true },
  experimental: {
    agentUpgrade: false,
    serverActions: { bodySizeLimit: '12mb' },
    // Uploads up to UPLOAD_MAX_MB (10 MB) must reach the action so an oversize file gets its Spanish message.
    proxyClientMaxBodySize: '12mb',
  },
  async headers() {
    const common = [
      { key: 'X-Content-Type-Options', value: 'nosniff' },
      { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    ];
    return [
      {
        source: '/((?!api/documentos/).*)',
        headers: [...common, { key: 'X-Frame-Options', value: 'DENY' }, { key: 'Content-Security-Policy', value: "frame-ancestors 'none'" }],
      },
      {
        // The reviewer reads uploaded PDFs inline, in a frame of the portal's own review page; no other site may frame them.
        source: '/api/documentos/:path*',
        headers: [...common, { key: 'X-Frame-Options', value: 'SAMEORIGIN' }, { key: 'Content-Security-Policy', value: "frame-ancestors 'self'" }],
      },
    ];
  },
};

export default nextConfig;
