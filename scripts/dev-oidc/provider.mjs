// A real OpenID Connect provider (oidc-provider, pinned in package.json) for development and tests: the
// stand-in for Entra ID on the signing page. It serves discovery, an interactive login page (plain HTML
// form, no script) that checks the users in users.json, and issues ID tokens with each user's oid, name,
// title and roles (role.unit pairs). Loopback only.
//   OIDC_PORT            port (default 5090)
//   OIDC_USERS           users file (default users.json beside this file)
//   OIDC_CLIENT_ID / OIDC_CLIENT_SECRET   the signing page's client (development values by default)
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Provider from 'oidc-provider';

const here = dirname(fileURLToPath(import.meta.url));
const port = Number(process.env.OIDC_PORT || 5090);
const issuer = `http://127.0.0.1:${port}`;
const { users } = JSON.parse(readFileSync(process.env.OIDC_USERS || join(here, 'users.json'), 'utf8'));
const clientId = process.env.OIDC_CLIENT_ID || 'referrals-signing';
const clientSecret = process.env.OIDC_CLIENT_SECRET || 'development-only-oidc-client-secret-0123456789';

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (title, body) => `<!doctype html><html lang="fi"><head><meta charset="utf-8"><title>${escape(title)}</title></head>` +
  `<body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    // native: a loopback redirect URI matches on any port (RFC 8252 7.3), so test hosts on free ports fit.
    application_type: 'native',
    // (and the in-memory test server's fixed http://localhost)
    redirect_uris: ['http://127.0.0.1/signing/signin-oidc', 'http://localhost/signing/signin-oidc'],
    post_logout_redirect_uris: ['http://127.0.0.1/signing/signed-out'],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  pkce: { required: () => true },
  claims: { openid: ['sub'], profile: ['oid', 'name', 'title', 'roles'] },
  conformIdTokenClaims: false,
  findAccount: (ctx, sub) => {
    const entry = Object.entries(users).find(([, u]) => u.oid === sub);
    if (!entry) return undefined;
    const [, user] = entry;
    return { accountId: sub, claims: () => ({ sub, oid: user.oid, name: user.name, title: user.title, roles: user.roles }) };
  },
  features: { devInteractions: { enabled: false } },
  ttl: { Session: 8 * 3600, Interaction: 600, Grant: 8 * 3600, IdToken: 600, AccessToken: 600, AuthorizationCode: 60 },
  cookies: { keys: ['development-only-oidc-cookie-key'] },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
});
provider.proxy = false;

const form = (uid, error) => page('Kirjaudu sisään', `${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
  <label for="login">Käyttäjätunnus</label> <input id="login" name="login" autocomplete="username" required>
  <label for="password">Salasana</label> <input id="password" name="password" type="password" autocomplete="current-password" required>
  <button type="submit">Kirjaudu</button>
</form>`);

const readForm = (req) => new Promise((resolve, reject) => {
  let body = '';
  req.on('data', (chunk) => { body += chunk; if (body.length > 10_000) req.destroy(); });
  req.on('end', () => resolve(new URLSearchParams(body)));
  req.on('error', reject);
});

const callback = provider.callback();
createServer(async (req, res) => {
  const match = /^\/interaction\/([A-Za-z0-9_-]+)(\/login)?$/.exec(req.url.split('?')[0]);
  if (!match) return callback(req, res);
  try {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== match[1]) throw new Error('interaction mismatch');
    if (req.method === 'GET' && !match[2]) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      return res.end(form(details.uid));
    }
    if (req.method !== 'POST' || !match[2]) { res.writeHead(405); return res.end(); }
    const body = await readForm(req);
    const login = body.get('login') || '';
    const user = Object.hasOwn(users, login) ? users[login] : undefined;
    // Development only: the password of a test user is its login name.
    if (!user || body.get('password') !== login) {
      res.writeHead(401, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      return res.end(form(details.uid, 'Väärä käyttäjätunnus tai salasana.'));
    }
    const grant = details.grantId ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: user.oid, clientId: details.params.client_id });
    grant.addOIDCScope('openid profile');
    const grantId = await grant.save();
    return provider.interactionFinished(req, res, { login: { accountId: user.oid }, consent: { grantId } }, { mergeWithLastSubmission: false });
  } catch (error) {
    res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
    return res.end(page('Kirjautuminen ei onnistunut', `<p>${escape(error.message)}</p>`));
  }
}).listen(port, '127.0.0.1', () => console.log(`oidc-provider on ${issuer}`));
