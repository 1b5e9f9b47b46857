import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { problemsOf } = require('../../tools/lint-dockerfile.js') as { problemsOf: (text: string) => string[] };

const ROOT = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

interface Service {
  image?: string;
  build?: { target?: string };
  ports?: string[];
  restart?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: unknown;
  volumes?: string[];
  read_only?: boolean;
}

/**
 * Docker cannot build here: the deployment files are checked for what production relies on (the images
 * themselves are exercised by the production-build suite, which runs their start commands).
 */
describe('deployment files (docker/)', () => {
  const compose = load(read('docker/compose.yml')) as { services: Record<string, Service & { '<<'?: Service }> };
  // the YAML merge key (<<: *app), as Compose applies it
  const services = Object.fromEntries(Object.entries(compose.services).map(([name, { '<<': base, ...own }]) => [name, { ...base, ...own } as Service]));
  const dockerfile = read('docker/Dockerfile');

  it('has one entry point: only the proxy publishes a port, on 127.0.0.1 by default, and PUBLIC_BASE_URL points at it', () => {
    const publishing = Object.entries(services)
      .filter(([, s]) => s.ports?.length)
      .map(([name]) => name);
    expect(publishing).toEqual(['proxy']);
    expect(services.proxy.ports).toEqual(['${FORUM_BIND:-127.0.0.1}:${FORUM_HTTP_PORT:-8080}:80']);
    expect(services.api.environment?.PUBLIC_BASE_URL).toBe('${PUBLIC_BASE_URL:-http://localhost:8080}');
    expect(services.proxy.depends_on?.api.condition).toBe('service_healthy');
  });

  it('starts api and worker after a one-shot migration, Redis and the documents bucket', () => {
    for (const name of ['api', 'worker']) {
      expect(services[name].depends_on).toMatchObject({
        migrate: { condition: 'service_completed_successfully' },
        redis: { condition: 'service_healthy' },
        'minio-bucket': { condition: 'service_completed_successfully' },
      });
      expect(services[name].read_only).toBe(true);
      expect(services[name].environment?.NODE_ENV).toBe('production');
    }
    expect(services.migrate.build?.target).toBe('migrate');
    expect(services.migrate.depends_on?.postgres.condition).toBe('service_healthy');
  });

  it('runs Postgres 16 and Redis 7 (noeviction, AOF) with volumes, healthchecks and restart policies', () => {
    expect(services.postgres.image).toBe('postgres:16');
    expect(services.redis.image).toBe('redis:7');
    expect(services.redis.command?.join(' ')).toMatch(/--maxmemory-policy noeviction --appendonly yes/);
    for (const name of ['postgres', 'redis', 'minio']) {
      expect(services[name].volumes?.[0]).toMatch(new RegExp(`^${name}:/`));
      expect(services[name].healthcheck).toBeDefined();
    }
    for (const [name, service] of Object.entries(services))
      expect([name, service.restart]).toEqual([name, expect.stringMatching(/^(unless-stopped|on-failure:\d+)$/)]);
  });

  it('takes every required secret from docker/.env, and .env.example names each one', () => {
    const required = new Set([...read('docker/compose.yml').matchAll(/\$\{([A-Z_]+):\?/g)].map((m) => m[1]));
    const example = read('docker/.env.example');
    for (const variable of [...required, 'JWT_SECRET', 'SMTP_URL', 'METRICS_TOKEN']) expect(example).toMatch(new RegExp(`^#? ?${variable}=`, 'm'));
  });

  it('proxies websockets and caches only the public paths; /metrics never leaves the internal network', () => {
    const nginx = read('docker/nginx/forum.conf');
    expect(nginx).toMatch(/location \/socket\.io\/ \{[^}]*proxy_set_header Upgrade \$http_upgrade;[^}]*proxy_set_header Connection \$connection_upgrade;/s);
    expect(nginx).toMatch(/location ~ \^\/\(en\|fr\)\/communiques\(\/\|\$\) \{\s*include [^;]*forum-public-cache\.inc;/);
    expect(nginx).toMatch(/location \/api\/v1\/public\/ \{\s*include [^;]*forum-public-cache\.inc;/);
    expect(nginx).toMatch(/location = \/metrics \{ return 404; \}/);
    expect(read('docker/nginx/forum-public-cache.inc')).toMatch(/proxy_no_cache \$http_authorization \$http_cookie;/);
  });

  it('builds node:24 images in stages: type-checked, compiled, production dependencies only, non-root, tini, HEALTHCHECK', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24-/m);
    expect(dockerfile).toMatch(/RUN npm run typecheck \\\n && npm run build/);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["\/usr\/bin\/tini", "--"\]$/m);
    expect(dockerfile.match(/^HEALTHCHECK /gm)).toHaveLength(2);
    expect(dockerfile).not.toMatch(/swc-node|\.ts"\]/);
    // each start command names a file the build emits from an existing source
    for (const [, script] of dockerfile.matchAll(/^CMD \["node", "dist\/([^"]+)\.js"\]$/gm)) expect(existsSync(join(ROOT, `${script}.ts`))).toBe(true);
    for (const stage of ['api', 'worker', 'migrate']) expect(dockerfile).toMatch(new RegExp(`^FROM runtime AS ${stage}$`, 'm'));
  });

  it('lints clean (npm run lint:docker), with a linter that does catch a broken Dockerfile', () => {
    expect(problemsOf(dockerfile)).toEqual([]);
    expect(problemsOf('FROM node:24\nEXPOSE http\nHEALTHCHECK --intervl=3s CMD true\nCOPY\n')).toEqual([
      'line 2: Invalid containerPort: http',
      'line 3: Unknown flag: intervl',
      'line 4: COPY requires at least two arguments',
    ]);
  });

  it('keeps the build context to sources: no install, history, data, build output, tests or benchmarks', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['.git', '**/node_modules', '.data', '**/dist', 'tests', 'bench', '.env']) expect(ignored).toContain(entry);
  });
});

describe('documentation', () => {
  it('every link of the README and docs/ resolves inside the repository', () => {
    const docs = ['README.md', ...readdirSync(join(ROOT, 'docs')).map((f) => `docs/${f}`)].filter((f) => f.endsWith('.md'));
    const broken: string[] = [];
    for (const doc of docs) {
      const text = read(doc);
      if (text.includes('../shared')) broken.push(`${doc}: ../shared`);
      for (const [, target] of text.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)) {
        if (/^[a-z]+:/.test(target)) continue;
        if (!existsSync(join(ROOT, doc, '..', target))) broken.push(`${doc}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
