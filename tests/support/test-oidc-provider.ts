import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from './free-port';

export interface TestOidcAccount {
  email: string;
  email_verified: boolean;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** the account the next interaction signs in */
  signInAs(accountId: string): Promise<void>;
  close(): Promise<void>;
}

/** Starts oidc-provider in a child process on 127.0.0.1 (see oidc-provider-server.mjs). */
export async function startOidcProvider(redirectUri: string, accounts: Record<string, TestOidcAccount>): Promise<TestOidcProvider> {
  const port = await freePort();
  const clientId = 'forum-test';
  const clientSecret = 'forum-test-client-secret-0123456789';
  const config = { clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri] }], accounts };
  const child = spawn(process.execPath, [join(__dirname, 'oidc-provider-server.mjs'), String(port), JSON.stringify(config)], {
    stdio: 'pipe',
    cwd: join(__dirname, '..', '..'),
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk) => String(chunk).includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`oidc-provider exited (${code}): ${stderr}`)));
  });
  const issuer = `http://127.0.0.1:${port}`;
  return {
    issuer,
    clientId,
    clientSecret,
    async signInAs(accountId) {
      const res = await fetch(`${issuer}/_test/next-account`, { method: 'POST', body: JSON.stringify({ accountId }) });
      if (res.status !== 204) throw new Error(`next-account: ${res.status}`);
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
