import { NextResponse } from 'next/server';
import type { NextRequest } from 'next/server';

// Optimistic only: sends visitors without a session cookie to sign-in. Every page and data-access
// function checks the session and the user's rights again on the server.
export function proxy(request: NextRequest) {
  const hasSession =
    request.cookies.has('next-auth.session-token') || request.cookies.has('__Secure-next-auth.session-token');
  if (!hasSession) {
    const url = request.nextUrl.clone();
    url.pathname = '/ingresar';
    url.search = `?callbackUrl=${encodeURIComponent(request.nextUrl.pathname + request.nextUrl.search)}`;
    return NextResponse.redirect(url);
  }
  return NextResponse.next();
}

export const config = { matcher: ['/portal/:path*', '/gestion/:path*'] };
