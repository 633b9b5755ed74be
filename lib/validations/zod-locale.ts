import { z } from 'zod';

// Default validation messages in Spanish, for the cases where a schema gives no message of its own
// (wrong JSON types in the public APIs, mostly).
z.config(z.locales.es());

export { z };
