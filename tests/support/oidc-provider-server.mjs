// A real OpenID Connect provider (oidc-provider) on loopback for the single sign-on tests.
// Separate process because oidc-provider is an ES module that jest's CommonJS runtime cannot load.
// argv: port, JSON config { clients: [{ client_id, client_secret, redirect_uris }], accounts: { id: { email, email_verified } } }.
// The interaction signs in the account named by the last `POST /_test/next-account { accountId }` and consents at once.
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const [port, json] = process.argv.slice(2);
const { clients, accounts } = JSON.parse(json);
const issuer = `http://127.0.0.1:${port}`;
let nextAccount = Object.keys(accounts)[0];

const provider = new Provider(issuer, {
  clients: clients.map((c) => ({ ...c, grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic' })),
  pkce: { required: () => true },
  claims: { openid: ['sub'], email: ['email', 'email_verified'] },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  findAccount: (ctx, id) => accounts[id] && { accountId: id, claims: () => ({ sub: id, ...accounts[id] }) },
  cookies: { keys: ['forum-test-cookie-key'] },
  ttl: { AuthorizationCode: 60 },
});
provider.proxy = false;

const server = createServer(async (req, res) => {
  try {
    if (req.method === 'POST' && req.url === '/_test/next-account') {
      let body = '';
      for await (const chunk of req) body += chunk;
      nextAccount = JSON.parse(body).accountId;
      res.writeHead(204).end();
      return;
    }
    if (req.method === 'GET' && req.url?.startsWith('/interaction/')) {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === 'login') {
        await provider.interactionFinished(req, res, { login: { accountId: nextAccount } }, { mergeWithLastSubmission: false });
        return;
      }
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
      grant.addOIDCScope('openid email');
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
      return;
    }
    provider.callback()(req, res);
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error?.stack ?? error));
  }
});
server.listen(Number(port), '127.0.0.1', () => process.stdout.write('ready\n'));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
