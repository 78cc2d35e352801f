#!/usr/bin/env python3
"""Verify a Majlis communiqué with nothing but keys.json and the signed document.

    python3 verify_communique.py keys.json signed.json

signed.json is {"document": {...}, "signature": "<base64url>"}. The signature
is Ed25519 over the UTF-8 bytes of the RFC 8785 (JCS) canonical JSON of
"document". Written independently of the server (Python's `cryptography`
and `json`): for documents made only of strings, arrays, null and ASCII keys,
sorted keys with no white space and non-ASCII left as is is exactly JCS.
Prints one JSON line {"valid": bool, "reason": str, "issuer": str|null} and
exits 0 when valid, 1 when not.
"""
import base64
import json
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey


def b64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def jcs(value) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def main(keys_path: str, signed_path: str) -> int:
    with open(keys_path, encoding="utf-8") as f:
        keys = json.load(f)["keys"]
    with open(signed_path, encoding="utf-8") as f:
        signed = json.load(f)
    document = signed["document"]
    key = next((k for k in keys if k["keyId"] == document["keyId"]), None)
    if key is None:
        verdict = {"valid": False, "reason": "unknown_key", "issuer": None}
    else:
        issuer = key["issuer"]
        verdict = {"valid": False, "reason": "bad_signature", "issuer": issuer["name"]}
        same_issuer = document["issuer"] == {"kind": issuer["kind"], "id": issuer["id"]}
        try:
            Ed25519PublicKey.from_public_bytes(b64url(key["publicKey"])).verify(
                b64url(signed["signature"]), jcs(document)
            )
            if same_issuer:
                verdict = {
                    "valid": key["revokedAt"] is None,
                    "reason": "ok" if key["revokedAt"] is None else "revoked_key",
                    "issuer": issuer["name"],
                }
        except InvalidSignature:
            pass
    print(json.dumps(verdict, ensure_ascii=False))
    return 0 if verdict["valid"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
