import { html } from './html.js';
import { csrfField, errorBox, layout, type PageContext } from './layout.js';

/** The sign-in form: one token field, posted to the app itself with the page's CSRF token. */
export function renderSignInPage(context: PageContext, error?: string): string {
  const body = html`<section id="sign-in">
  <h1>Sign in</h1>
  ${errorBox(error)}
  <form method="post" action="${context.basePath}/sign-in" class="sign-in">
    ${csrfField(context)}
    <label>Token <input type="password" name="token" autocomplete="current-password" required size="40" autofocus></label>
    <button type="submit">Sign in</button>
  </form>
  <p class="hint">One of the tokens this app was given (the ones its API clients send as <code>Authorization: Bearer …</code>). The browser keeps a session cookie, not the token; it ends when you sign out or after a while.</p>
</section>`;
  return layout(context, { title: 'Sign in', body, kind: 'error' });
}
