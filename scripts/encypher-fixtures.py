#!/usr/bin/env python3
"""Make the EncypherAI fixtures in tests/fixtures/text-hidden/ with the real encoder.

Needs the `encypher-ai` package from PyPI (3.x): `pip install encypher-ai`. Writes:
  encypher-key.pem            the signer's Ed25519 public key (PEM, SubjectPublicKeyInfo)
  encypher-other-key.pem      an unrelated Ed25519 public key
  encypher-basic.txt          a text with a signed 'basic' payload (model, timestamp)
  encypher-manifest.txt       a text with a signed 'manifest' payload (claim generator, actions)
  encypher-tampered.txt       the basic text with one character of its signature changed
  encypher-expected.json      what each file carries, from the encoder's own inputs
A fresh key pair is made on each run, so the files change; the tests read the expectations.
"""
import json
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from encypher.core.unicode_metadata import UnicodeMetadata

OUT = Path(sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/text-hidden")
OUT.mkdir(parents=True, exist_ok=True)


def pem(public_key):
    return public_key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()


key = Ed25519PrivateKey.generate()
other = Ed25519PrivateKey.generate()
(OUT / "encypher-key.pem").write_text(pem(key.public_key()))
(OUT / "encypher-other-key.pem").write_text(pem(other.public_key()))

TEXT = (
    "The committee met on Tuesday to review the harbour plan. "
    "It approved the budget and asked for a second survey of the quay."
)
expected = {}

basic = UnicodeMetadata.embed_metadata(
    TEXT,
    private_key=key,
    signer_id="newsroom-demo",
    metadata_format="basic",
    model_id="gpt-4o-2024-08-06",
    timestamp="2025-03-04T05:06:07Z",
)
(OUT / "encypher-basic.txt").write_text(basic)
expected["encypher-basic.txt"] = {
    "format": "basic",
    "signer": "newsroom-demo",
    "model": "gpt-4o-2024-08-06",
    "time": "2025-03-04T05:06:07Z",
}

manifest = UnicodeMetadata.embed_metadata(
    TEXT,
    private_key=key,
    signer_id="newsroom-demo",
    metadata_format="manifest",
    claim_generator="ailabel-fixture/1.0",
    actions=[{"action": "c2pa.created", "when": "2025-03-04T05:06:07Z"}],
    ai_info={"model_id": "claude-3-5-sonnet", "provider": "Anthropic"},
    timestamp="2025-03-04T05:06:07Z",
)
(OUT / "encypher-manifest.txt").write_text(manifest)
expected["encypher-manifest.txt"] = {
    "format": "manifest",
    "signer": "newsroom-demo",
    "model": "claude-3-5-sonnet",
    "time": "2025-03-04T05:06:07Z",
}

# Tamper: decode the selector block, change one character of the signature, encode again.
raw = UnicodeMetadata.extract_bytes(basic)
outer = json.loads(raw.decode())
sig = outer["signature"]
outer["signature"] = ("B" if sig[0] != "B" else "C") + sig[1:]
tampered_bytes = json.dumps(outer, sort_keys=True, separators=(",", ":")).encode()
selectors = "".join(UnicodeMetadata.to_variation_selector(b) for b in tampered_bytes)
start = basic.index(UnicodeMetadata.to_variation_selector(raw[0]))
end = start + len(raw)
(OUT / "encypher-tampered.txt").write_text(basic[:start] + selectors + basic[end:])
expected["encypher-tampered.txt"] = dict(expected["encypher-basic.txt"])

# Sanity: the package's own verifier agrees.
resolver = lambda signer_id: key.public_key()
for name in ("encypher-basic.txt", "encypher-manifest.txt", "encypher-tampered.txt"):
    ok, signer, _ = UnicodeMetadata.verify_metadata((OUT / name).read_text(), resolver)
    expected[name]["verifies"] = bool(ok)
(OUT / "encypher-expected.json").write_text(json.dumps(expected, indent=2, sort_keys=True) + "\n")
print(json.dumps(expected, indent=2))
