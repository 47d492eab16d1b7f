#!/usr/bin/env python3
"""Differential fixtures: messages signed and then tampered with here, verified by dkimpy.

Writes differential.json: for every case the message, the DNS TXT answers (null = NXDOMAIN), how dkimpy
judged each DKIM-Signature (top first) and the reason code mailsleuth is expected to give. The Swift test
DKIMDifferentialTests checks that mailsleuth agrees with dkimpy on every signature.

Run from the package root:  python3 Tests/Fixtures/dkim/dkimpy_differential.py   (needs dkimpy + pynacl; TEST-ONLY keys)
"""
import base64
import json
import os
import subprocess
from unittest import mock

import dkim

HERE = os.path.dirname(os.path.abspath(__file__))
KEYS = os.path.join(HERE, "keys")
SIGNED_AT = 1700000000


def der(name, public):
    args = ["openssl", "pkey", "-in", os.path.join(KEYS, name), "-outform", "DER"] + (["-pubout"] if public else [])
    return subprocess.run(args, check=True, capture_output=True).stdout


def rsa(name):
    with open(os.path.join(KEYS, name), "rb") as f:
        return f.read(), "v=DKIM1; k=rsa; p=" + base64.b64encode(der(name, True)).decode()


def ed(name):
    return base64.b64encode(der(name, False)[-32:]), "v=DKIM1; k=ed25519; p=" + base64.b64encode(der(name, True)[-32:]).decode()


RSA1024 = rsa("rsa-diff.pem")
RSA2048 = rsa("rsa-diff2048.pem")
RSA768 = rsa("rsa-diff768.pem")
ED = ed("ed25519-diff.pem")

BASE = (b"From: Carol Example <carol@example.com>\r\n"
        b"To: Dave Example <dave@example.net>\r\n"
        b"Subject: Quarterly figures\r\n"
        b"Date: Tue, 14 Nov 2023 22:13:20 +0000\r\n"
        b"Message-ID: <q3-figures@example.com>\r\n"
        b"MIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n"
        b"\r\n"
        b"Hello Dave,\r\n"
        b"\r\n"
        b"The figures  are attached\tas promised.   \r\n"
        b"Regards,\r\n"
        b"Carol\r\n"
        b"\r\n"
        b"\r\n")

HEADERS = [b"from", b"to", b"subject", b"date", b"message-id"]


def sign(message, key, selector=b"s1", domain=b"example.com", algorithm=b"rsa-sha256", canon=(b"relaxed", b"simple"),
         headers=HEADERS, length=False, identity=None):
    with mock.patch("dkim.time.time", return_value=SIGNED_AT):
        field = dkim.sign(message, selector, domain, key, signature_algorithm=algorithm, canonicalize=canon,
                          include_headers=headers, length=length, identity=identity)
    return field + message


def body_edit(m, old, new):
    head, body = m.split(b"\r\n\r\n", 1)
    return head + b"\r\n\r\n" + body.replace(old, new, 1)


def add_header_top(m, line):
    # Insert after the DKIM-Signature field(s) at the top, i.e. before From.
    i = m.index(b"From: ")
    return m[:i] + line + m[i:]


def cases():
    out = []

    def case(name, message, dns, expected, note, rfc=None):
        out.append({"name": name, "message": message, "dns": dns, "expected": expected, "note": note, "rfc": rfc})

    std = {"s1._domainkey.example.com": RSA1024[1]}
    for canon in [(b"relaxed", b"simple"), (b"simple", b"simple"), (b"relaxed", b"relaxed"), (b"simple", b"relaxed")]:
        c = b"/".join(canon).decode()
        signed = sign(BASE, RSA1024[0], canon=canon)
        case(f"untouched {c}", signed, std, ["pass"], "no change")
        case(f"footer {c}", signed + b"--\r\nSent through the list\r\n", std, ["body-hash-mismatch"], "footer appended")
        case(f"body word {c}", body_edit(signed, b"figures", b"numbers"), std, ["body-hash-mismatch"], "word replaced")
        case(f"body spaces {c}", body_edit(signed, b"figures  are", b"figures are"), std,
             ["pass" if canon[1] == b"relaxed" else "body-hash-mismatch"], "inner white space collapsed")
        case(f"trailing blank lines {c}", signed + b"\r\n\r\n", std, ["pass"], "empty lines added at the end")
        case(f"subject {c}", signed.replace(b"Subject: Quarterly figures", b"Subject: Quarterly figures (corrected)"), std,
             ["signature-mismatch"], "signed header changed")
        case(f"header case {c}", signed.replace(b"Subject: Quarterly", b"subject: Quarterly"), std,
             ["pass" if canon[0] == b"relaxed" else "signature-mismatch"], "header name case changed")
        case(f"header refold {c}", signed.replace(b"Subject: Quarterly figures", b"Subject: Quarterly\r\n figures"), std,
             ["pass" if canon[0] == b"relaxed" else "signature-mismatch"], "header refolded")
        case(f"unsigned header added {c}", add_header_top(signed, b"X-Mailer: something\r\n"), std, ["pass"], "unsigned header added")
        case(f"LF line ends {c}", signed.replace(b"\r\n", b"\n"), std, ["pass"], "stored with Unix line ends")

    signed = sign(BASE, RSA2048[0], selector=b"big")
    big = {"big._domainkey.example.com": RSA2048[1]}
    case("rsa-2048", signed, big, ["pass"], "2048-bit key")
    case("second subject on top", add_header_top(signed, b"Subject: Urgent: wire the money\r\n"), big, ["pass"],
         "a second Subject above the signed one: h= selects bottom-up, so the original is still the one signed (reported as an unsigned copy)")
    case("second from below", signed.replace(b"MIME-Version", b"From: mallory@example.org\r\nMIME-Version"), big,
         ["signature-mismatch"], "a From added below the signed one is now the one h= selects")
    over = sign(BASE, RSA2048[0], selector=b"big", headers=HEADERS + [b"from", b"subject"])
    case("over-signed untouched", over, big, ["pass"], "From and Subject over-signed")
    case("over-signed from added", add_header_top(over, b"From: mallory@example.org\r\n"), big, ["signature-mismatch"],
         "over-signing catches an added From")
    case("duplicate from unsigned on top", add_header_top(sign(BASE, RSA2048[0], selector=b"big"), b"From: Boss <boss@example.org>\r\n"),
         big, ["duplicate-from"], "From added on top: the original (bottom) From is still the signed one; a client shows the top one")

    case("rsa-sha1", sign(BASE, RSA1024[0], algorithm=b"rsa-sha1"), std, ["sha1"], "SHA-1: RFC 8301 policy")
    case("rsa-sha1 tampered", body_edit(sign(BASE, RSA1024[0], algorithm=b"rsa-sha1"), b"Dave", b"David"), std,
         ["body-hash-mismatch"], "SHA-1, body changed")
    case("rsa-768", sign(BASE, RSA768[0], selector=b"tiny"), {"tiny._domainkey.example.com": RSA768[1]}, ["short-key"],
         "768-bit key: RFC 8301 policy")
    edsigned = sign(BASE, ED[0], selector=b"ed", algorithm=b"ed25519-sha256", canon=(b"relaxed", b"relaxed"))
    eddns = {"ed._domainkey.example.com": ED[1]}
    case("ed25519", edsigned, eddns, ["pass"], "RFC 8463")
    case("ed25519 header changed", edsigned.replace(b"Date: Tue", b"Date: Wed"), eddns, ["signature-mismatch"], "signed Date changed")
    case("ed25519 body changed", body_edit(edsigned, b"Carol\r\n", b"Mallory\r\n"), eddns, ["body-hash-mismatch"], "signature line changed")
    case("ed25519 key for rsa signature", sign(BASE, RSA1024[0], selector=b"ed"), eddns, ["key-type-mismatch"], "wrong key type")
    both = sign(edsigned, RSA2048[0], selector=b"big")
    case("rsa over ed25519", both, {**big, **eddns}, ["pass", "pass"], "two signatures")
    case("rsa over ed25519, body changed", body_edit(both, b"promised", b"discussed"), {**big, **eddns},
         ["body-hash-mismatch", "body-hash-mismatch"], "two signatures, body changed")

    lsigned = sign(BASE, RSA1024[0], length=True)
    case("l= untouched", lsigned, std, ["pass"], "l= covers the whole body")
    case("l= content appended", lsigned + b"Click https://evil.example.net/ now\r\n", std, ["pass"],
         "l= leaves appended content unsigned: still valid")
    case("l= truncated", body_edit(lsigned, b"Regards,\r\nCarol\r\n", b""), std, ["body-hash-mismatch"], "body shorter than l=")

    case("revoked key", sign(BASE, RSA1024[0]), {"s1._domainkey.example.com": "v=DKIM1; k=rsa; p="}, ["key-revoked"], "empty p=")
    case("missing key", sign(BASE, RSA1024[0]), {"s1._domainkey.example.com": None}, ["no-key"], "NXDOMAIN")
    case("key for other selector", sign(BASE, RSA1024[0], selector=b"s2"), std, ["no-key"], "selector not published")
    case("wrong key", sign(BASE, RSA2048[0]), std, ["signature-mismatch"], "published key is another key")
    case("key h=sha1 only", sign(BASE, RSA1024[0]), {"s1._domainkey.example.com": RSA1024[1].replace("k=rsa", "k=rsa; h=sha1")},
         ["key-hash-not-allowed"], "key restricted to sha1", rfc="RFC 6376 §6.1.2 step 6: a key whose h= excludes the signature's hash MUST be ignored (PERMFAIL); dkimpy does not check key h=")
    case("key s=tlsrpt", sign(BASE, RSA1024[0]), {"s1._domainkey.example.com": RSA1024[1].replace("k=rsa", "k=rsa; s=tlsrpt")},
         ["key-service-not-email"], "key not for e-mail")
    case("key t=s with subdomain i=", sign(BASE, RSA1024[0], identity=b"@news.example.com"),
         {"s1._domainkey.example.com": RSA1024[1].replace("k=rsa", "k=rsa; t=s")}, ["key-strict-identity"], "t=s strict",
         rfc="RFC 6376 §3.6.1 t=s: the i= domain MUST NOT be a subdomain of d=; dkimpy does not check t=s")
    case("key t=y", sign(BASE, RSA1024[0]), {"s1._domainkey.example.com": RSA1024[1].replace("k=rsa", "k=rsa; t=y")},
         ["pass"], "testing flag does not change the result")
    case("subdomain identity", sign(BASE, RSA1024[0], identity=b"carol@news.example.com"), std, ["pass"], "i= in a subdomain of d=")
    return out


def main():
    results = []
    for c in cases():
        dns = {k.lower(): v for k, v in c["dns"].items()}

        def dnsfunc(name, timeout=5):
            value = dns.get(name.decode().rstrip(".").lower())
            return value.encode() if value is not None else None

        d = dkim.DKIM(c["message"], minkey=1024)
        count = len([h for h in d.headers if h[0].lower() == b"dkim-signature"])
        verdicts = []
        for i in range(count):
            try:
                with mock.patch("dkim.time.time", return_value=SIGNED_AT + 60):
                    ok = d.verify(idx=i, dnsfunc=dnsfunc)
                verdicts.append({"valid": bool(ok), "error": None})
            except Exception as error:  # dkimpy raises for key and syntax problems
                verdicts.append({"valid": False, "error": f"{type(error).__name__}: {error}"})
        results.append({"name": c["name"], "note": c["note"], "message": c["message"].decode("utf-8"), "dns": c["dns"],
                        "expectedReasons": c["expected"], "dkimpy": verdicts, "disagreement": c["rfc"]})
    with open(os.path.join(HERE, "differential.json"), "w") as f:
        json.dump({"_generator": "dkimpy_differential.py", "dkimpy": getattr(dkim, "__version__", "unknown"),
                   "evaluatedAt": SIGNED_AT + 60, "cases": results}, f, indent=1)
    print(len(results), "cases")
    for r in results:
        print(f'{r["name"]:40} {[v["valid"] for v in r["dkimpy"]]} {[v["error"][:60] if v["error"] else "" for v in r["dkimpy"]]}')


if __name__ == "__main__":
    main()
