import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/options';

// Serves next-auth's own endpoints (session, CSRF, and the ClaveÚnica OpenID flow when configured).
function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(req as never, ctx as never, authOptions());
}

export { handler as GET, handler as POST };
