/**
 * `pnpm admin`: the admin UI on an in-memory store with a few example flags, behind a bearer
 * token printed at start. The host code here is what an application writes: bearer tokens for
 * API clients, and the app's sign-in page, which trades the token for a session cookie.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import {
  Condition,
  ConsistentHashPercentageBucketer,
  FeatureFlagClient,
  LinearRampPercentage,
  MemoryFeatureFlagStore,
  Percentage,
  PercentageBucketer,
} from '@flipper-client/core';
import { bearerTokens, createAdminApp } from '@flipper-client/admin';

const token = process.env['FLIPPER_ADMIN_TOKEN'] ?? randomBytes(18).toString('base64url');
const port = Number(process.env['PORT'] ?? 4000);
const host = process.env['HOST'] ?? '127.0.0.1';

const store = new MemoryFeatureFlagStore();
const features = new FeatureFlagClient(store);
await features.create('MY_FEATURE', { isEnabled: true });
const horses = await features.create('FEATURE_IMPROVED_HORSE_SOUNDS', { isEnabled: true, clientData: { owner: 'stables-team' } });
await horses.addCondition(new Condition({ is_horse_lover: true }));
await horses.addCondition(new Condition({ number_of_horses_owned__gt: 9000, location__ne: 'city' }));
const abTest = await features.create('HOMEPAGE_AB_TEST', { isEnabled: true });
await abTest.setBucketer(new ConsistentHashPercentageBucketer({ keyWhitelist: ['user_id'], percentage: new Percentage(0.5) }));
await abTest.addCondition(new Condition({ is_admin: true }));
const canary = await features.create('CANARY', { isEnabled: true });
await canary.setBucketer(new PercentageBucketer({ percentage: new Percentage(0.1) }));
const checkout = await features.create('NEW_CHECKOUT', { isEnabled: true, clientData: { jira: 'SHOP-42' } });
await checkout.setBucketer(
  new PercentageBucketer({ percentage: new LinearRampPercentage({ initialValue: 0.2, finalValue: 0.8, rampDuration: 7 * 86_400 }) }),
);
await features.create('DARK_MODE', { isEnabled: false });

// The same tokens serve API clients (a bearer header) and the browser's sign-in page.
const tokens = bearerTokens({ write: [{ token, actor: 'demo' }] });
const admin = createAdminApp(features, { basePath: '/flags', authorize: tokens, signIn: { tokens } });
admin.events.on('audit', (event) => console.log(`audit: ${event.actor} ${event.action} ${event.featureName}`));

const server = createServer((req, res) => {
  if ((req.url ?? '/') === '/') {
    res.writeHead(303, { location: '/flags/' }).end();
    return;
  }
  admin.middleware(req, res);
});

server.listen(port, host, () => {
  const address = server.address();
  const bound = typeof address === 'object' && address !== null ? address.port : port;
  const base = `http://${host}:${bound}/flags/`;
  console.log(`flipper admin on an in-memory store with ${store.size} example flags`);
  console.log(`  open:  ${base}sign-in and sign in with the token`);
  console.log(`  token: ${token}`);
  console.log(`  API:   curl -H 'Authorization: Bearer ${token}' ${base}api/flags`);
  console.log('Ctrl-C stops it.');
});
