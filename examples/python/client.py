#!/usr/bin/python3
"""Classifies a few real upstream errors with errsvc over gRPC and checks the answers.

Usage: /usr/bin/python3 client.py [GRPC_ADDR]   (default 127.0.0.1:8081)

Needs the stubs generate.sh writes to _gen/ (or $ERRSVC_PY_GEN) and Debian's
python3-grpcio and python3-protobuf. Exits 1 when an answer is not the
expected one, 2 when errsvc cannot be reached.
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.environ.get("ERRSVC_PY_GEN", os.path.join(HERE, "_gen")))

import grpc  # noqa: E402

from errsvc.v1 import errsvc_pb2, service_pb2_grpc, catalog_pb2  # noqa: E402

Category = errsvc_pb2.Category
Action = errsvc_pb2.Action

# Each case: what the caller received upstream, and what errsvc must answer.
CASES = [
    {
        "name": "Danske Bank token endpoint: unsupported_grant_type",
        "request": errsvc_pb2.ClassifyRequest(
            provider="danske-bank",
            operation="token",
            http_status=400,
            headers={"Content-Type": "application/json"},
            body=json.dumps({"error": "unsupported_grant_type"}),
        ),
        "want": {
            "category": Category.CATEGORY_CLIENT_CONFIGURATION,
            "action": Action.ACTION_FIX_CLIENT_CONFIGURATION,
            "code": "UNSUPPORTED_GRANT_TYPE",
            "retryable": False,
        },
    },
    {
        "name": "RFC 6749 token endpoint: invalid_grant (expired refresh token)",
        "request": errsvc_pb2.ClassifyRequest(
            operation="token",
            http_status=400,
            body='{"error":"invalid_grant","error_description":"refresh token expired"}',
        ),
        "want": {
            "category": Category.CATEGORY_AUTHENTICATION,
            "action": Action.ACTION_RE_AUTHENTICATE,
            "code": "INVALID_GRANT",
        },
    },
    {
        "name": "resource server 401 with WWW-Authenticate: Bearer error=invalid_token",
        "request": errsvc_pb2.ClassifyRequest(
            operation="resource",
            http_status=401,
            headers={
                "WWW-Authenticate": 'Bearer realm="api", error="invalid_token", '
                'error_description="The access token expired"'
            },
        ),
        "want": {
            "category": Category.CATEGORY_AUTHENTICATION,
            "action": Action.ACTION_REFRESH_TOKEN,
            "fallback_action": Action.ACTION_RE_AUTHENTICATE,
            "code": "INVALID_TOKEN",
        },
    },
    {
        "name": "503 with Retry-After: 30",
        "request": errsvc_pb2.ClassifyRequest(
            http_status=503,
            headers={"Retry-After": "30", "Content-Type": "text/html"},
            body="<html><body><h1>503 Service Unavailable</h1></body></html>",
        ),
        "want": {
            "category": Category.CATEGORY_UPSTREAM_UNAVAILABLE,
            "action": Action.ACTION_RETRY_WITH_BACKOFF,
            "retryable": True,
            "retry_after_seconds": 30,
        },
    },
    {
        "name": "Nationwide 403, the client knows the consent expired",
        "request": errsvc_pb2.ClassifyRequest(
            provider="nationwide",
            operation="resource",
            http_status=403,
            context={"consent_expired": "true"},
        ),
        "want": {
            "category": Category.CATEGORY_CONSENT,
            "action": Action.ACTION_RE_CONSENT,
            "code": "CONSENT_EXPIRED",
        },
    },
    {
        "name": "JetBrains Hub authorization redirect with its own typo",
        "request": errsvc_pb2.ClassifyRequest(
            provider="jetbrains-hub",
            operation="authorize",
            redirect_uri="https://app.example/callback?error=unsupported_responce_type&state=xyz",
        ),
        "want": {
            "category": Category.CATEGORY_CLIENT_CONFIGURATION,
            "action": Action.ACTION_FIX_CLIENT_CONFIGURATION,
            "code": "UNSUPPORTED_RESPONSE_TYPE",
            "kind": errsvc_pb2.MatchKind.MATCH_KIND_PROVIDER_ALIAS,
        },
    },
]


def check(name, response, want):
    """Returns the list of mismatches between response and want."""
    c = response.classification
    got = {
        "category": c.category,
        "action": c.action,
        "fallback_action": c.fallback_action,
        "code": c.code,
        "retryable": c.retryable,
        "retry_after_seconds": c.retry_after.seconds if c.HasField("retry_after") else None,
        "kind": response.match.kind,
    }
    enums = {"category": Category, "action": Action, "fallback_action": Action,
             "kind": errsvc_pb2.MatchKind}
    problems = []
    for key, value in want.items():
        if got[key] != value:
            show = enums[key].Name if key in enums else repr
            problems.append(f"{name}: {key} = {show(got[key])}, want {show(value)}")
    return problems


def main():
    addr = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:8081"
    problems = []
    with grpc.insecure_channel(addr) as channel:
        try:
            grpc.channel_ready_future(channel).result(timeout=10)
        except grpc.FutureTimeoutError:
            print(f"errsvc is not reachable at {addr}", file=sys.stderr)
            return 2
        stub = service_pb2_grpc.ErrorNormalizerStub(channel)

        for case in CASES:
            res = stub.Classify(case["request"], timeout=5)
            c = res.classification
            print(f"{case['name']}\n  -> {Category.Name(c.category)} / {Action.Name(c.action)}"
                  f" ({c.code}, entry {res.match.entry_id})")
            problems += check(case["name"], res, case["want"])

        # The catalog knows the four seed providers.
        providers = stub.ListProviders(catalog_pb2.ListProvidersRequest(), timeout=5)
        ids = {p.id for p in providers.providers}
        for want in ("danske-bank", "nationwide", "auth-api-440", "jetbrains-hub"):
            if want not in ids:
                problems.append(f"ListProviders: {want} missing from {sorted(ids)}")

        # errsvc's own failure (an empty request) is a gRPC status, not a
        # classification.
        try:
            stub.Classify(errsvc_pb2.ClassifyRequest(), timeout=5)
            problems.append("empty request: got a classification, want INVALID_ARGUMENT")
        except grpc.RpcError as err:
            if err.code() != grpc.StatusCode.INVALID_ARGUMENT:
                problems.append(f"empty request: status {err.code()}, want INVALID_ARGUMENT")
            else:
                print(f"empty request\n  -> {err.code().name}: {err.details()}")

    if problems:
        print("\nFAIL", file=sys.stderr)
        for p in problems:
            print("  " + p, file=sys.stderr)
        return 1
    print(f"\nOK: {len(CASES)} classifications as expected")
    return 0


if __name__ == "__main__":
    sys.exit(main())
