#!/usr/bin/env node
// Calls errsvc over gRPC (@grpc/grpc-js with the .proto files loaded at run
// time by @grpc/proto-loader) and over REST (global fetch), and checks the
// answers.
//
// Usage: node client.js [GRPC_ADDR] [HTTP_ADDR]
//        (defaults 127.0.0.1:8081 and 127.0.0.1:8080; or ERRSVC_GRPC_ADDR and
//        ERRSVC_HTTP_ADDR)
// Exits 1 when an answer is not the expected one, 2 when errsvc cannot be
// reached.
'use strict';

const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const grpcAddr = process.argv[2] || process.env.ERRSVC_GRPC_ADDR || '127.0.0.1:8081';
const httpAddr = process.argv[3] || process.env.ERRSVC_HTTP_ADDR || '127.0.0.1:8080';
const baseURL = /^https?:\/\//.test(httpAddr) ? httpAddr : `http://${httpAddr}`;

// google/protobuf/duration.proto, imported by errsvc.proto, is not under
// proto/: protobufjs (proto-loader's parser) ships the well-known types and
// resolves google/protobuf/*.proto imports from that bundle first.
const packageDefinition = protoLoader.loadSync('errsvc/v1/service.proto', {
  includeDirs: [path.resolve(__dirname, '../../proto')],
  keepCase: false, // lowerCamelCase fields, as in REST JSON: httpStatus, redirectUri
  enums: String, // enum values as their full names: "CATEGORY_CONSENT"
  longs: String,
  defaults: true,
  oneofs: true,
});
const errsvc = grpc.loadPackageDefinition(packageDefinition).errsvc.v1;

const problems = [];

function expect(name, got, want) {
  for (const [key, value] of Object.entries(want)) {
    if (got[key] !== value) {
      problems.push(`${name}: ${key} = ${JSON.stringify(got[key])}, want ${JSON.stringify(value)}`);
    }
  }
}

// What the caller received upstream, and what errsvc must answer.
const cases = [
  {
    name: 'Danske Bank token endpoint: unsupported_grant_type',
    request: {
      provider: 'danske-bank',
      operation: 'token',
      httpStatus: 400,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ error: 'unsupported_grant_type' }),
    },
    want: {
      category: 'CATEGORY_CLIENT_CONFIGURATION',
      action: 'ACTION_FIX_CLIENT_CONFIGURATION',
      code: 'UNSUPPORTED_GRANT_TYPE',
    },
  },
  {
    name: 'resource server 401 with WWW-Authenticate: Bearer error=invalid_token',
    request: {
      operation: 'resource',
      httpStatus: 401,
      headers: { 'WWW-Authenticate': 'Bearer realm="api", error="invalid_token", error_description="The access token expired"' },
    },
    want: {
      category: 'CATEGORY_AUTHENTICATION',
      action: 'ACTION_REFRESH_TOKEN',
      fallbackAction: 'ACTION_RE_AUTHENTICATE',
      code: 'INVALID_TOKEN',
    },
  },
  {
    name: '503 with Retry-After: 30',
    request: { httpStatus: 503, headers: { 'Retry-After': '30' } },
    want: {
      category: 'CATEGORY_UPSTREAM_UNAVAILABLE',
      action: 'ACTION_RETRY_WITH_BACKOFF',
      retryable: true,
      retryAfterSeconds: '30',
    },
  },
  {
    name: 'Nationwide 403, the client knows the consent expired',
    request: { provider: 'nationwide', operation: 'resource', httpStatus: 403, context: { consent_expired: 'true' } },
    want: { category: 'CATEGORY_CONSENT', action: 'ACTION_RE_CONSENT', code: 'CONSENT_EXPIRED' },
  },
  {
    name: 'auth API answering HTTP 440 with problem code 53201',
    request: { provider: 'auth-api-440', httpStatus: 440, body: '{"code":53201}' },
    want: { category: 'CATEGORY_INVALID_REQUEST', action: 'ACTION_FIX_REQUEST', code: 'INVALID_REQUEST' },
  },
];

function flatten(res) {
  const c = res.classification;
  return {
    category: c.category,
    action: c.action,
    fallbackAction: c.fallbackAction,
    code: c.code,
    retryable: c.retryable,
    retryAfterSeconds: c.retryAfter ? c.retryAfter.seconds : null,
    entryId: res.match.entryId,
  };
}

function call(client, method, request) {
  return new Promise((resolve, reject) => {
    client[method](request, { deadline: Date.now() + 5000 }, (err, res) => (err ? reject(err) : resolve(res)));
  });
}

async function viaGRPC() {
  const client = new errsvc.ErrorNormalizer(grpcAddr, grpc.credentials.createInsecure());
  try {
    await new Promise((resolve, reject) =>
      client.waitForReady(Date.now() + 10000, (err) => (err ? reject(err) : resolve())),
    );
  } catch (err) {
    console.error(`errsvc is not reachable at ${grpcAddr}: ${err.message}`);
    process.exit(2);
  }
  try {
    for (const tc of cases) {
      const got = flatten(await call(client, 'Classify', tc.request));
      console.log(`gRPC ${tc.name}\n  -> ${got.category} / ${got.action} (${got.code}, entry ${got.entryId})`);
      expect(`gRPC ${tc.name}`, got, tc.want);
    }

    // A batch keeps the order and carries errsvc's own error per item.
    const batch = await call(client, 'ClassifyBatch', { requests: [cases[0].request, {}] });
    const [first, second] = batch.results;
    console.log(`gRPC batch\n  -> [${first.result}: ${first.response && first.response.classification.action}, ${second.result}: ${second.error && second.error.reason}]`);
    expect('gRPC batch[0]', { result: first.result, action: first.response && first.response.classification.action },
      { result: 'response', action: 'ACTION_FIX_CLIENT_CONFIGURATION' });
    expect('gRPC batch[1]', { result: second.result, code: second.error && second.error.code },
      { result: 'error', code: 'INVALID_ARGUMENT' });

    // errsvc's own failure is a gRPC status, never a classification.
    try {
      await call(client, 'Classify', {});
      problems.push('gRPC empty request: got a classification, want INVALID_ARGUMENT');
    } catch (err) {
      console.log(`gRPC empty request\n  -> status ${err.code}: ${err.details}`);
      expect('gRPC empty request', { code: err.code }, { code: grpc.status.INVALID_ARGUMENT });
    }
  } finally {
    client.close();
  }
}

async function post(pathname, body) {
  const res = await fetch(new URL(pathname, baseURL), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(5000),
  });
  return { status: res.status, json: await res.json() };
}

async function viaREST() {
  // lowerCamelCase JSON names, as the gateway writes them.
  const tc = cases[0];
  let res = await post('/v1/classify', tc.request);
  expect(`REST ${tc.name}`, { status: res.status }, { status: 200 });
  let got = flatten(res.json);
  console.log(`REST ${tc.name}\n  -> ${got.category} / ${got.action} (${got.code})`);
  expect(`REST ${tc.name}`, got, tc.want);

  // Proto field names are accepted too; the redirect carries the error.
  res = await post('/v1/classify', {
    provider: 'jetbrains-hub',
    operation: 'authorize',
    redirect_uri: 'https://app.example/callback?error=unsupported_responce_type&state=xyz',
  });
  got = flatten(res.json);
  console.log(`REST JetBrains Hub redirect (proto field names)\n  -> ${got.category} / ${got.action} (${got.code}, ${res.json.match.kind})`);
  expect('REST JetBrains Hub redirect', { status: res.status, kind: res.json.match.kind, ...got },
    { status: 200, kind: 'MATCH_KIND_PROVIDER_ALIAS', category: 'CATEGORY_CLIENT_CONFIGURATION', action: 'ACTION_FIX_CLIENT_CONFIGURATION' });

  // errsvc's own failure: the gateway's JSON status with an AIP-193 ErrorInfo.
  res = await post('/v1/classify', {});
  const info = (res.json.details || []).find((d) => d['@type'] === 'type.googleapis.com/google.rpc.ErrorInfo');
  console.log(`REST empty request\n  -> HTTP ${res.status}, reason ${info && info.reason}`);
  expect('REST empty request', { status: res.status, reason: info && info.reason }, { status: 400, reason: 'EMPTY_REQUEST' });

  const prov = await fetch(new URL('/v1/providers/danske-bank', baseURL), { signal: AbortSignal.timeout(5000) });
  const provJSON = await prov.json();
  expect('REST GET /v1/providers/danske-bank', { status: prov.status, id: provJSON.provider && provJSON.provider.id },
    { status: 200, id: 'danske-bank' });
}

async function main() {
  await viaGRPC();
  await viaREST();
  if (problems.length > 0) {
    console.error('\nFAIL');
    for (const p of problems) console.error(`  ${p}`);
    process.exit(1);
  }
  console.log('\nOK: gRPC and REST answers as expected');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
