"""A minimal offline RFC 3161 time-stamping authority for the cross-check fixtures.

`serve(cert, key, gen_time)` runs an HTTP server on 127.0.0.1 in a thread and yields its URL.
Each request (TimeStampReq, RFC 3161 §2.4.1) gets a granted TimeStampResp whose token is a CMS
SignedData (RFC 5652 §5) over a TSTInfo (RFC 3161 §2.4.2) with the given genTime, signed with
ECDSA P-256/SHA-256, carrying the TSA certificate and an ESS signingCertificateV2 attribute
(RFC 5035). Hand-written DER: the `cryptography` package has no RFC 3161 builder.
"""

import contextlib
import hashlib
import http.server
import threading

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec


def tlv(tag, body):
    n = len(body)
    if n < 0x80:
        ln = bytes([n])
    else:
        b = n.to_bytes((n.bit_length() + 7) // 8, "big")
        ln = bytes([0x80 | len(b)]) + b
    return bytes([tag]) + ln + body


def seq(*items):
    return tlv(0x30, b"".join(items))


def set_of(*items):
    return tlv(0x31, b"".join(sorted(items)))


def integer(v):
    b = v.to_bytes(max(1, (v.bit_length() + 8) // 8), "big", signed=True)
    return tlv(0x02, b)


def oid(dotted):
    parts = [int(p) for p in dotted.split(".")]
    body = bytes([parts[0] * 40 + parts[1]])
    for p in parts[2:]:
        enc = [p & 0x7F]
        p >>= 7
        while p:
            enc.append(0x80 | (p & 0x7F))
            p >>= 7
        body += bytes(reversed(enc))
    return tlv(0x06, body)


def octets(b):
    return tlv(0x04, b)


def read_tlv(data, pos):
    """(tag, start of value, end of value) of the TLV at `pos`."""
    tag = data[pos]
    n = data[pos + 1]
    pos += 2
    if n & 0x80:
        k = n & 0x7F
        n = int.from_bytes(data[pos : pos + k], "big")
        pos += k
    return tag, pos, pos + n


SHA256 = seq(oid("2.16.840.1.101.3.4.2.1"))
ECDSA_SHA256 = seq(oid("1.2.840.10045.4.3.2"))
ID_CT_TSTINFO = "1.2.840.113549.1.9.16.1.4"


def parse_request(req):
    """messageImprint (raw DER) and nonce (raw DER INTEGER or None) of a TimeStampReq."""
    _, start, end = read_tlv(req, 0)
    pos = start
    _, _, v_end = read_tlv(req, pos)  # version
    pos = v_end
    _, mi_start, mi_end = read_tlv(req, pos)
    imprint = req[pos:mi_end]
    pos = mi_end
    nonce = None
    while pos < end:
        tag, s, e = read_tlv(req, pos)
        if tag == 0x02:
            nonce = req[pos:e]
        pos = e
    return imprint, nonce


def response(req, cert, key, gen_time, serial):
    imprint, nonce = parse_request(req)
    tst = seq(
        integer(1),
        oid("1.3.6.1.4.1.99999.1"),
        imprint,
        integer(serial),
        tlv(0x18, gen_time.strftime("%Y%m%d%H%M%SZ").encode()),
        *([nonce] if nonce else []),
    )
    cert_der = cert.public_bytes(serialization.Encoding.DER)
    attrs = [
        seq(oid("1.2.840.113549.1.9.3"), set_of(oid(ID_CT_TSTINFO))),
        seq(oid("1.2.840.113549.1.9.4"), set_of(octets(hashlib.sha256(tst).digest()))),
        seq(
            oid("1.2.840.113549.1.9.16.2.47"),
            set_of(seq(seq(seq(octets(hashlib.sha256(cert_der).digest()))))),
        ),
    ]
    signed_attrs = set_of(*attrs)
    sig = key.sign(signed_attrs, ec.ECDSA(hashes.SHA256()))
    issuer = cert.issuer.public_bytes()
    signer_info = seq(
        integer(1),
        seq(issuer, integer(cert.serial_number)),
        SHA256,
        b"\xa0" + signed_attrs[1:],  # [0] IMPLICIT SET OF Attribute
        ECDSA_SHA256,
        octets(sig),
    )
    signed_data = seq(
        integer(3),
        set_of(SHA256),
        seq(oid(ID_CT_TSTINFO), tlv(0xA0, octets(tst))),
        tlv(0xA0, cert_der),
        set_of(signer_info),
    )
    token = seq(oid("1.2.840.113549.1.7.2"), tlv(0xA0, signed_data))
    return seq(seq(integer(0)), token)


@contextlib.contextmanager
def serve(cert, key, gen_time):
    counter = [1]

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server naming
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            counter[0] += 1
            out = response(body, cert, key, gen_time, counter[0])
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(out)))
            self.end_headers()
            self.wfile.write(out)

        def log_message(self, *args):
            pass

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    try:
        yield f"http://127.0.0.1:{srv.server_address[1]}/"
    finally:
        srv.shutdown()
