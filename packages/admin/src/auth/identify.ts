import { callerOf } from '../http/gate.js';
import type { AuthorizeContext, ResolvedAdminOptions } from '../options.js';
import type { Viewer } from '../ui/layout.js';
import type { SessionCookies } from './session-cookies.js';

/**
 * Who is asking: `authorize`'s answer, or when it refuses, the app's own sign-in session (a
 * browser sends no bearer header). A request `authorize` accepts is never downgraded by a cookie.
 */
export async function identify(
  request: Request,
  context: AuthorizeContext,
  settings: ResolvedAdminOptions,
  sessions: SessionCookies | undefined,
): Promise<Viewer> {
  const answer = callerOf(await settings.authorize(request, context));
  if (answer.access !== false || sessions === undefined) return { ...answer, session: false };
  const session = sessions.read(request);
  return session === undefined ? { ...answer, session: false } : { access: session.access, actor: session.actor, session: true };
}
