#!/usr/bin/env python3
"""Build C2PA fixtures with an INDEPENDENT implementation (c2pa-python, which wraps c2pa-rs)
and a test PKI of our own, to cross-check `ailabel check`.

Dev tools, not test dependencies of `npm test` (install with pip):
    pip install c2pa-python==0.38.1 cryptography pillow pillow-heif
(c2pa-python 0.38.1 wraps c2pa-rs 0.91.3; tested with cryptography 48.0.0, pillow 13.0.0,
pillow-heif 1.8.1.)

Usage:
    python3 scripts/crosscheck/make_fixtures.py [OUT_DIR]     (default /tmp/ailabel-crosscheck)

Writes into OUT_DIR (never into the repo):
    pki/root.pem            trust anchor passed to `--trust-anchors`
    pki/tsa-root.pem        trust anchor of the local time-stamping authority (`--tsa-anchors`)
    *.jpg/png/webp/avif/heic the signed and tampered fixtures
    expected.json           every case: file, whether anchors are passed, the verdict it must get
                            (derived from how it was made, per the README verdict table), and the
                            reference result of c2pa-python's Reader on the same file.
"""

import datetime as dt
import hashlib
import io
import json
import os
import struct
import sys
import zlib

import c2pa
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import text_wrap  # noqa: E402  (unstructured-text wrapper around a c2pa-rs store)
import tsa  # noqa: E402  (local RFC 3161 time-stamping authority, offline)

C2PA_CLAIM_SIGNING = x509.ObjectIdentifier("1.3.6.1.4.1.62558.2.1")
IPTC = "http://cv.iptc.org/newscodes/digitalsourcetype/"
NOW = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
MIME = {
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "avif": "image/avif",
    "heic": "image/heic",
    "txt": None,  # c2pa-rs 0.91.3 has no text/plain reader or writer: see text_wrap.py
}


# ---------------------------------------------------------------- test PKI


def _name(cn):
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "ailabel crosscheck"),
        ]
    )


def _ca(cn, key, issuer=None, issuer_key=None, path_len=None):
    issuer_name = issuer.subject if issuer else _name(cn)
    b = (
        x509.CertificateBuilder()
        .subject_name(_name(cn))
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - dt.timedelta(days=3650))
        .not_valid_after(NOW + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=path_len), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if issuer is not None:
        b = b.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
            critical=False,
        )
    return b.sign(issuer_key or key, hashes.SHA256())


def _leaf(cn, key, issuer, issuer_key, ekus, not_before=None, not_after=None, serial=None):
    b = (
        x509.CertificateBuilder()
        .subject_name(_name(cn))
        .issuer_name(issuer.subject)
        .public_key(key.public_key())
        .serial_number(serial or x509.random_serial_number())
        .not_valid_before(not_before or NOW - dt.timedelta(days=30))
        .not_valid_after(not_after or NOW + dt.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, False, False, False, False, False, False, False, False),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage(ekus), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
            critical=False,
        )
    )
    return b.sign(issuer_key, hashes.SHA256())


def pem(cert):
    return cert.public_bytes(serialization.Encoding.PEM).decode()


def key_pem(key):
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def make_pki(out):
    """Root → intermediate → signers; a second root for the untrusted case; a TSA."""
    os.makedirs(os.path.join(out, "pki"), exist_ok=True)
    p256 = ec.SECP256R1()
    root_k = ec.generate_private_key(p256)
    root = _ca("crosscheck root CA", root_k)
    int_k = ec.generate_private_key(p256)
    inter = _ca("crosscheck intermediate CA", int_k, root, root_k, path_len=0)
    good_ekus = [C2PA_CLAIM_SIGNING, ExtendedKeyUsageOID.EMAIL_PROTECTION]

    signers = {}

    def signer(name, alg, key, ekus=good_ekus, issuer=inter, issuer_k=int_k, chain_extra=(), **kw):
        cert = _leaf(f"crosscheck {name} signer", key, issuer, issuer_k, ekus, **kw)
        chain = pem(cert) + pem(issuer) + "".join(pem(c) for c in chain_extra)
        signers[name] = (alg, chain, key_pem(key))

    signer("es256", "es256", ec.generate_private_key(p256))
    signer("ps256", "ps256", rsa.generate_private_key(public_exponent=65537, key_size=2048))
    signer("ed25519", "ed25519", ed25519.Ed25519PrivateKey.generate())
    # c2pa-rs refuses to sign with a wrong-EKU or expired certificate, so each bad certificate
    # has a "twin": same key, name, serial and DER length, but acceptable. The fixture is signed
    # with the twin, then the twin's DER is swapped for the bad one and the COSE signature is
    # recomputed (see `swap_certificate`).
    def twin(name, bad_kw, good_kw):
        key = ec.generate_private_key(p256)
        serial = x509.random_serial_number() | (1 << 150)
        while True:
            bad = _leaf(f"crosscheck {name} signer", key, inter, int_k, serial=serial, **bad_kw)
            good = _leaf(f"crosscheck {name} signer", key, inter, int_k, serial=serial, **good_kw)
            bd, gd = (c.public_bytes(serialization.Encoding.DER) for c in (bad, good))
            if len(bd) == len(gd):
                break
        signers[name] = ("es256", pem(good) + pem(inter), key_pem(key))
        swaps[name] = (gd, bd, key)

    swaps = {}
    # Same EKU length: serverAuth (8-byte OID) + an unlisted 10-byte private OID.
    twin(
        "wrong-eku",
        {"ekus": [ExtendedKeyUsageOID.SERVER_AUTH, x509.ObjectIdentifier("1.3.6.1.4.1.62558.9.9")]},
        {"ekus": good_ekus},
    )
    twin(
        "expired",
        {"ekus": good_ekus, "not_before": NOW - dt.timedelta(days=800), "not_after": NOW - dt.timedelta(days=400)},
        {"ekus": good_ekus, "not_before": NOW - dt.timedelta(days=800), "not_after": NOW + dt.timedelta(days=400)},
    )
    # Untrusted: same shape, under a root that is not passed as an anchor.
    other_root_k = ec.generate_private_key(p256)
    other_root = _ca("crosscheck OTHER root CA", other_root_k)
    other_int_k = ec.generate_private_key(p256)
    other_int = _ca("crosscheck OTHER intermediate", other_int_k, other_root, other_root_k, path_len=0)
    signer("untrusted", "es256", ec.generate_private_key(p256), issuer=other_int, issuer_k=other_int_k)

    # Time-stamping authority (RFC 3161) with its own root; EKU timeStamping, critical.
    tsa_root_k = ec.generate_private_key(p256)
    tsa_root = _ca("crosscheck TSA root", tsa_root_k)
    tsa_k = ec.generate_private_key(p256)
    tsa_cert = (
        x509.CertificateBuilder()
        .subject_name(_name("crosscheck TSA"))
        .issuer_name(tsa_root.subject)
        .public_key(tsa_k.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - dt.timedelta(days=3650))
        .not_valid_after(NOW + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, False, False, False, False, False, False, False, False),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(tsa_k.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(tsa_root_k.public_key()),
            critical=False,
        )
        .sign(tsa_root_k, hashes.SHA256())
    )

    with open(os.path.join(out, "pki", "root.pem"), "w") as f:
        f.write(pem(root))
    with open(os.path.join(out, "pki", "tsa-root.pem"), "w") as f:
        f.write(pem(tsa_root))
    return signers, swaps, pem(root), (tsa_cert, tsa_k, tsa_root)


# ---------------------------------------------------------------- base images


def base_image(fmt, seed=0, size=(96, 64)):
    w, h = size
    img = Image.new("RGB", size)
    img.putdata(
        [((x * 5 + seed * 31) % 256, (y * 7 + seed * 17) % 256, ((x ^ y) * 3) % 256) for y in range(h) for x in range(w)]
    )
    buf = io.BytesIO()
    if fmt == "heic":
        import pillow_heif

        pillow_heif.register_heif_opener()
        img.save(buf, format="HEIF", quality=90)
    else:
        img.save(buf, format={"jpg": "JPEG", "png": "PNG", "webp": "WEBP", "avif": "AVIF"}[fmt], quality=90)
    return buf.getvalue()


# ---------------------------------------------------------------- signing


def manifest(title, source_type, extra_assertions=()):
    return {
        "claim_generator_info": [{"name": "ailabel-crosscheck", "version": "1.0"}],
        "title": title,
        "assertions": [
            {
                "label": "c2pa.actions",
                "data": {"actions": [{"action": "c2pa.created", "digitalSourceType": IPTC + source_type}]},
            },
            # A neutral assertion the tampering recipes can change without touching the AI claim.
            {"label": "org.ailabel.test", "data": {"note": "hello crosscheck"}},
            *extra_assertions,
        ],
    }


def context(root_pem, signer=None, verify_after_sign=False):
    s = {
        "verify": {"verify_after_sign": verify_after_sign, "verify_trust": True},
        "trust": {"trust_anchors": root_pem},
    }
    return c2pa.Context(settings=c2pa.Settings.from_dict(s), signer=signer)


def make_signer(signers, name, ta_url=None):
    alg, chain, key = signers[name]
    return c2pa.Signer.from_info(c2pa.C2paSignerInfo(alg, chain.encode(), key.encode(), ta_url))


def sign(signers, root_pem, name, fmt, src, mdef, ingredients=(), ta_url=None):
    ctx = context(root_pem)
    b = c2pa.Builder(mdef, context=ctx)
    for ing_json, ing_fmt, ing_bytes in ingredients:
        b.add_ingredient(ing_json, ing_fmt, io.BytesIO(ing_bytes))
    out = io.BytesIO()
    b.sign(make_signer(signers, name, ta_url), MIME[fmt], io.BytesIO(src), out)
    return out.getvalue()


# ---------------------------------------------------------------- tampering (on signed bytes)


def flip_at(data, i):
    b = bytearray(data)
    b[i] ^= 0x01
    return bytes(b)


def replace_once(data, old, new, after=0):
    assert len(old) == len(new)
    i = data.find(old, after)
    assert i >= 0, f"{old!r} not found"
    return data[:i] + new + data[i + len(old) :]


def fix_png_crcs(data):
    """Recompute every chunk CRC so a flipped IDAT byte is only a hash mismatch."""
    out = bytearray(data)
    pos = 8
    while pos + 12 <= len(out):
        (length,) = struct.unpack(">I", out[pos : pos + 4])
        body = out[pos + 4 : pos + 8 + length]
        out[pos + 8 + length : pos + 12 + length] = struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
        pos += 12 + length
    return bytes(out)


def bmff_boxes(data):
    pos, out = 0, []
    while pos + 8 <= len(data):
        size, typ = struct.unpack(">I4s", data[pos : pos + 8])
        hdr = 8
        if size == 1:
            size = struct.unpack(">Q", data[pos + 8 : pos + 16])[0]
            hdr = 16
        elif size == 0:
            size = len(data) - pos
        out.append((typ, pos, hdr, size))
        pos += size
    return out


def tamper_data(fmt, data):
    """Flip one byte of image data outside the manifest store."""
    if fmt == "jpg":
        return flip_at(data, len(data) - 40)  # entropy-coded data before EOI
    if fmt == "png":
        i = data.find(b"IDAT")
        return fix_png_crcs(flip_at(data, i + 20))
    if fmt == "webp":
        i = data.find(b"VP8")
        return flip_at(data, i + 40)
    for typ, pos, hdr, size in bmff_boxes(data):
        if typ == b"mdat":
            return flip_at(data, pos + hdr + size // 2)
    raise ValueError("no mdat")


def tamper_claim(data):
    """Flip a byte inside the claim CBOR (a hex digit of its instanceID), lengths kept."""
    c = data.find(b"c2pa.claim.v2\x00")
    assert c >= 0
    i = data.find(b"xmp.iid:", c)
    assert i >= 0
    j = i + len(b"xmp.iid:")
    return data[:j] + (b"0" if data[j : j + 1] != b"0" else b"1") + data[j + 1 :]


def tamper_assertion(data):
    """Change the content of org.ailabel.test (hello → jello): its hashed URI no longer matches."""
    return replace_once(data, b"hello crosscheck", b"jello crosscheck")


def drop_assertion(data):
    """Rename the assertion's JUMBF label (same length): the claim's reference does not resolve."""
    return replace_once(data, b"org.ailabel.test\x00", b"org.ailabel.tesx\x00")


def jpeg_segments(data):
    pos, out = 2, []
    while pos + 4 <= len(data) and data[pos] == 0xFF:
        marker = data[pos + 1]
        if marker == 0xDA:
            break
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        out.append((marker, pos, 2 + length))
        pos += 2 + length
    return out


def duplicate_store(fmt, data):
    """Second manifest store: JPEG APP11 segments copied under another box instance number;
    PNG a second caBX chunk."""
    if fmt == "jpg":
        segs = [(p, n) for m, p, n in jpeg_segments(data) if m == 0xEB and data[p + 4 : p + 6] == b"JP"]
        assert segs
        copy = b""
        for p, n in segs:
            seg = bytearray(data[p : p + n])
            seg[6:8] = struct.pack(">H", struct.unpack(">H", bytes(seg[6:8]))[0] + 1)  # En
            copy += bytes(seg)
        end = segs[-1][0] + segs[-1][1]
        return data[:end] + copy + data[end:]
    if fmt == "png":
        i = data.find(b"caBX") - 4
        (length,) = struct.unpack(">I", data[i : i + 4])
        chunk = data[i : i + 12 + length]
        return data[: i + 12 + length] + chunk + data[i + 12 + length :]
    raise ValueError(fmt)


def _cbor_head(major, n):
    if n < 24:
        return bytes([major << 5 | n])
    if n < 256:
        return bytes([major << 5 | 24, n])
    if n < 65536:
        return bytes([major << 5 | 25]) + struct.pack(">H", n)
    return bytes([major << 5 | 26]) + struct.pack(">I", n)


def _box_content(data, label):
    """Content range of the `cbor` box that follows the JUMBF description box `label`."""
    i = data.find(label + b"\x00")
    assert i >= 0, label
    j = data.find(b"cbor", i)
    (length,) = struct.unpack(">I", data[j - 4 : j])
    return j + 4, j - 4 + length


def _jpeg_store_map(data):
    """The manifest store of a JPEG reassembled from its APP11 segments (C2PA A.3.1), and the
    file offset of every store byte (continuation segments repeat the 8-byte LBox/TBox)."""
    store, where = bytearray(), []
    for m, p, n in jpeg_segments(data):
        if m != 0xEB or data[p + 4 : p + 6] != b"JP":
            continue
        (seq_no,) = struct.unpack(">I", data[p + 8 : p + 12])
        start = p + 12 + (0 if seq_no == 1 else 8)
        store += data[start : p + n]
        where.extend(range(start, p + n))
    return store, where


def _counter_tbs(protected, sig):
    """RFC 9052 Sig_structure "CounterSignature" with the signature re-encoded as a bstr: what
    a v2 `sigTst2` token's message imprint covers (FORMATS.md §1)."""
    payload = _cbor_head(2, len(sig)) + sig
    return (
        b"\x84" + _cbor_head(3, 16) + b"CounterSignature" + _cbor_head(2, len(protected)) + protected
        + b"\x40" + _cbor_head(2, len(payload)) + payload
    )


def _timestamp_request(tbs):
    imprint = tsa.seq(tsa.SHA256, tsa.octets(hashlib.sha256(tbs).digest()))
    return tsa.seq(tsa.integer(1), imprint, tlv_bool_true())


def tlv_bool_true():
    return b"\x01\x01\xff"


def swap_certificate(data, swap, tsa_parts=None):
    """Replace the twin certificate in the COSE x5chain by the bad one (same length) and
    re-sign: Sig_structure = ["Signature1", protected, h'', claim] (RFC 9052 §4.4), ES256.
    With `tsa_parts` (cert, key, genTime), the sigTst2 token is re-issued for the new
    signature, with the same length."""
    good, bad, key = swap
    store, where = _jpeg_store_map(data)
    store = bytes(store)
    assert store.count(good) == 1
    store = store.replace(good, bad)
    c0, c1 = _box_content(store, b"c2pa.claim.v2")
    claim = store[c0:c1]
    s0, s1 = _box_content(store, b"c2pa.signature")
    cose = store[s0:s1]
    assert cose[0] == 0xD2 and cose[1] == 0x84, cose[:4].hex()
    pos = 2
    ai = cose[pos] & 0x1F
    if ai < 24:
        plen, hdr = ai, 1
    elif ai == 24:
        plen, hdr = cose[pos + 1], 2
    else:
        plen, hdr = struct.unpack(">H", cose[pos + 1 : pos + 3])[0], 3
    protected = cose[pos + hdr : pos + hdr + plen]
    tbs = (
        b"\x84" + _cbor_head(3, 10) + b"Signature1" + _cbor_head(2, len(protected)) + protected
        + b"\x40" + _cbor_head(2, len(claim)) + claim
    )
    from cryptography.hazmat.primitives.asymmetric import utils

    r, s = utils.decode_dss_signature(key.sign(tbs, ec.ECDSA(hashes.SHA256())))
    sig = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    # The signature follows the detached (nil) payload: nil, then a 64-byte bstr.
    at = cose.rfind(b"\xf6\x58\x40") + 3
    assert at > 3 and at + 64 == len(cose), (at, len(cose))
    store = store[: s0 + at] + sig + store[s0 + at + 64 :]
    if tsa_parts is not None:
        cert, tkey, gen_time = tsa_parts
        t = store.find(b"tstTokens", s0)
        v = store.find(b"cval", t) + 4
        assert store[v] == 0x59
        (old_len,) = struct.unpack(">H", store[v + 1 : v + 3])
        req = _timestamp_request(_counter_tbs(protected, sig))
        # Pad with the serial number's length (and retry for ECDSA's DER length) to fit.
        for attempt in range(3000):
            k = max(1, attempt % 60)
            serial = int.from_bytes(os.urandom(k), "big") | (1 << (8 * k - 2))
            resp = tsa.response(req, cert, tkey, gen_time, serial)
            # TimeStampResp = SEQ { status, token }: keep the token (v2 stores the token alone).
            _, rs, _ = tsa.read_tlv(resp, 0)
            _, _, st_end = tsa.read_tlv(resp, rs)
            token = resp[st_end:]
            if len(token) == old_len:
                break
        else:
            raise RuntimeError("no same-length timestamp token")
        store = store[: v + 3] + token + store[v + 3 + old_len :]
    out = bytearray(data)
    for i, b in zip(where, store):
        out[i] = b
    return bytes(out)


# ---------------------------------------------------------------- reference reader


def reference(path, root_pem, anchors, tsa_pem=""):
    """What c2pa-rs (via c2pa-python) says: state, failure codes, AI declared, and the verdict
    the README table gives for that."""
    settings = {"verify": {"verify_trust": bool(anchors)}}
    if anchors:
        settings["trust"] = {"trust_anchors": root_pem + tsa_pem}
    fmt = MIME[path.rsplit(".", 1)[1]]
    if fmt is None:
        return {"state": "n/a", "failure": ["c2pa-rs cannot read text/plain"], "verdict": "n/a"}
    try:
        with open(path, "rb") as f:
            r = c2pa.Reader(fmt, f, context=c2pa.Context(settings=c2pa.Settings.from_dict(settings)))
            store = json.loads(r.json())
    except Exception as e:  # noqa: BLE001 - any refusal is the reference's answer
        return {"state": "error", "failure": [str(e)[:160]], "verdict": "invalid"}
    state = store.get("validation_state")
    failure = sorted({s["code"] for s in store.get("validation_status", []) or []})
    vr = store.get("validation_results") or {}
    am = vr.get("activeManifest") or {}
    failure = sorted(set(failure) | {s["code"] for s in am.get("failure", [])})
    ai = False
    for m in (store.get("manifests") or {}).values():
        for a in m.get("assertions", []):
            if a.get("label", "").startswith("c2pa.actions"):
                for act in a.get("data", {}).get("actions", []):
                    if "trainedAlgorithmicMedia" in act.get("digitalSourceType", ""):
                        ai = True
    if state == "Invalid":
        verdict = "invalid"
    elif state == "Trusted":
        verdict = "ai-verified" if ai else "provenance"
    else:
        verdict = "ai-signed" if ai else "provenance"
    return {"state": state, "failure": failure, "verdict": verdict}


# ---------------------------------------------------------------- the cases


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/ailabel-crosscheck"
    os.makedirs(out, exist_ok=True)
    signers, swaps, root_pem, tsa_parts = make_pki(out)
    cases = []
    tsa_root_pem = pem(tsa_parts[2])

    def add(name, data, expected, anchors=True, tsa_anchors=False, note="", layer="structure"):
        path = os.path.join(out, name)
        with open(path, "wb") as f:
            f.write(data)
        cases.append(
            {
                "file": name,
                "anchors": anchors,
                "tsa_anchors": tsa_anchors,
                "expected": expected,
                "note": note,
                # "crypto": only the signature/certificate layer can tell this case apart.
                "layer": layer,
                "reference": reference(path, root_pem, anchors, tsa_root_pem if tsa_anchors else ""),
            }
        )

    ai = lambda t: manifest(t, "trainedAlgorithmicMedia")  # noqa: E731
    signed = {}
    # Algorithms × formats, AI declared, trusted chain.
    for alg, fmt in [
        ("es256", "jpg"),
        ("ps256", "jpg"),
        ("ed25519", "jpg"),
        ("es256", "png"),
        ("ps256", "webp"),
        ("ed25519", "png"),
        ("es256", "webp"),
        ("es256", "avif"),
        ("es256", "heic"),
        ("ps256", "avif"),
        ("ed25519", "heic"),
    ]:
        data = sign(signers, root_pem, alg, fmt, base_image(fmt), ai(f"{alg} {fmt}"))
        signed[(alg, fmt)] = data
        add(f"ai-{alg}.{fmt}", data, "ai-verified", note="AI created, trusted root")
    add("ai-es256-noanchors.jpg", signed[("es256", "jpg")], "ai-signed", anchors=False, note="no trust anchors given")

    # No AI: digital capture.
    for fmt in ["jpg", "png"]:
        data = sign(signers, root_pem, "es256", fmt, base_image(fmt, 1), manifest("capture", "digitalCapture"))
        add(f"capture-es256.{fmt}", data, "provenance", note="digitalCapture, trusted")

    # AI parent used as an ingredient (parentOf), child declares no AI itself.
    parent = signed[("es256", "jpg")]
    child_def = {
        "claim_generator_info": [{"name": "ailabel-crosscheck", "version": "1.0"}],
        "title": "edited child",
        "assertions": [
            {"label": "c2pa.actions", "data": {"actions": [{"action": "c2pa.opened", "parameters": {"ingredientIds": ["parent"]}}]}}
        ],
    }
    ing = {"title": "ai parent", "relationship": "parentOf", "label": "parent", "instance_id": "parent"}
    child = sign(signers, root_pem, "es256", "jpg", parent, child_def, ingredients=[(ing, "image/jpeg", parent)])
    add("child-of-ai.jpg", child, "ai-verified", note="AI parent as parentOf ingredient")
    child_png = sign(
        signers, root_pem, "ps256", "png", base_image("png", 2), child_def, ingredients=[(ing, "image/jpeg", parent)]
    )
    add("child-of-ai.png", child_png, "ai-verified", note="AI jpeg parent as ingredient of a png")

    # Tampering.
    for (alg, fmt) in [("es256", "jpg"), ("es256", "png"), ("es256", "webp"), ("es256", "avif"), ("es256", "heic")]:
        add(f"tamper-datahash-{alg}.{fmt}", tamper_data(fmt, signed[(alg, fmt)]), "invalid", note="image byte flipped")
    for (alg, fmt) in [("es256", "jpg"), ("ps256", "webp"), ("ed25519", "png")]:
        add(f"tamper-claim-{alg}.{fmt}", tamper_claim(signed[(alg, fmt)]), "invalid", note="claim byte flipped", layer="crypto")
        add(f"tamper-assertion-{alg}.{fmt}", tamper_assertion(signed[(alg, fmt)]), "invalid", note="assertion byte flipped")
        add(f"tamper-missing-{alg}.{fmt}", drop_assertion(signed[(alg, fmt)]), "invalid", note="assertion label renamed")
    add("tamper-claim-es256.avif", tamper_claim(signed[("es256", "avif")]), "invalid", note="claim byte flipped", layer="crypto")
    add("tamper-missing-es256.heic", drop_assertion(signed[("es256", "heic")]), "invalid", note="assertion label renamed")

    # Credentials.
    add("untrusted-ai.jpg", sign(signers, root_pem, "untrusted", "jpg", base_image("jpg", 3), ai("untrusted")),
        "ai-signed", note="chains to a root not passed", layer="crypto")
    add("wrong-eku-ai.jpg", swap_certificate(sign(signers, root_pem, "wrong-eku", "jpg", base_image("jpg", 4), ai("wrong eku")), swaps["wrong-eku"]),
        "invalid", note="signer EKU serverAuth only", layer="crypto")
    add("expired-ai.jpg", swap_certificate(sign(signers, root_pem, "expired", "jpg", base_image("jpg", 5), ai("expired")), swaps["expired"]),
        "invalid", note="signer expired, no timestamp", layer="crypto")

    # Expired signer with a timestamp made while it was valid: a local RFC 3161 TSA whose clock
    # is set inside the signer's validity period.
    tsa_cert, tsa_k, tsa_root = tsa_parts
    gen_time = NOW - dt.timedelta(days=600)
    with tsa.serve(tsa_cert, tsa_k, gen_time) as url:
        ts_expired = sign(signers, root_pem, "expired", "jpg", base_image("jpg", 6), ai("expired ts"), ta_url=url)
    with tsa.serve(tsa_cert, tsa_k, NOW - dt.timedelta(days=1)) as url:
        ts_good = sign(signers, root_pem, "es256", "jpg", base_image("jpg", 7), ai("ts"), ta_url=url)
    add("expired-ts-ai.jpg", swap_certificate(ts_expired, swaps["expired"], (tsa_cert, tsa_k, gen_time)), "ai-verified", tsa_anchors=True,
        note="signer expired now, valid at the trusted timestamp", layer="crypto")
    add("ts-ai.jpg", ts_good, "ai-verified", tsa_anchors=True, note="timestamped, valid signer", layer="crypto")

    add("expired-ts-ai-no-tsa-anchor.jpg", swap_certificate(ts_expired, swaps["expired"], (tsa_cert, tsa_k, gen_time)),
        "invalid", note="as expired-ts-ai but the TSA is not trusted: validity judged now", layer="crypto")

    # Signed text: unstructured-text wrapper (A.8) around a store c2pa-rs signed for our hash.
    poem = "A short poem about the sea, written by a language model.\nWaves fold into waves.\n"
    text = text_wrap.sign_text(poem, ai("poem"), context(root_pem), lambda: make_signer(signers, "es256"))
    add("text-ai.txt", text, "ai-verified", note="AI text, wrapper at the end")
    add("text-ai-noanchors.txt", text, "ai-signed", anchors=False, note="AI text, no anchors")
    add("tamper-text.txt", replace_once(text, b"Waves", b"Wavez"), "invalid", note="visible text changed")
    human = text_wrap.sign_text("Minutes of the council meeting.\n", manifest("minutes", "humanEdits"),
                                context(root_pem), lambda: make_signer(signers, "ed25519"))
    add("text-human-ed25519.txt", human, "provenance", note="humanEdits text")

    # Multiple manifest stores.
    add("multi-store-es256.jpg", duplicate_store("jpg", signed[("es256", "jpg")]), "invalid",
        note="APP11 store duplicated under another box instance")
    add("multi-store-es256.png", duplicate_store("png", signed[("es256", "png")]), "invalid",
        note="second caBX chunk")

    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump({"made_at": NOW.isoformat(), "cases": cases}, f, indent=1)
    for c in cases:
        print(f"{c['file']:32} expected {c['expected']:12} reference {c['reference']['verdict']:12} {c['reference']['state']} {c['reference']['failure']}")


if __name__ == "__main__":
    main()
