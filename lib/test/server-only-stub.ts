// Vitest runs DAL modules outside React Server Components; 'server-only' would throw there.
export {};
