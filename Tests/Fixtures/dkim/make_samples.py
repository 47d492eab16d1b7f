#!/usr/bin/env python3
"""Signs the sample messages in samples/ with the TEST-ONLY keys in keys/ and writes samples/samples.zone.

Run from the package root:  python3 Tests/Fixtures/dkim/make_samples.py
Needs dkimpy and pynacl (`make deps`). Signing times are the messages' Date: values, so the output is
reproducible apart from RSA-PSS-free randomness (RSA PKCS#1 v1.5 and Ed25519 signatures are deterministic).
"""
import base64
import email.utils
import os
import subprocess
import sys
from unittest import mock

import dkim

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
SRC = os.path.join(HERE, "samples-src")
KEYS = os.path.join(HERE, "keys")
OUT = os.path.join(ROOT, "samples")


def read(path):
    with open(path, "rb") as f:
        return f.read()


def der(pem_path, public):
    args = ["openssl", "pkey", "-in", pem_path, "-outform", "DER"] + (["-pubout"] if public else [])
    return subprocess.run(args, check=True, capture_output=True).stdout


def rsa_key(name):
    path = os.path.join(KEYS, f"rsa-{name}.pem")
    return read(path), base64.b64encode(der(path, True)).decode()


def ed_key(name):
    path = os.path.join(KEYS, f"ed25519-{name}.pem")
    seed = der(path, False)[-32:]
    public = der(path, True)[-32:]
    return base64.b64encode(seed), base64.b64encode(public).decode()


def date_of(message):
    for line in message.split(b"\n"):
        if line.lower().startswith(b"date:"):
            return int(email.utils.parsedate_to_datetime(line[5:].strip().decode()).timestamp())
    raise SystemExit("no Date:")


def sign(message, selector, domain, key, algorithm=b"rsa-sha256", headers=None, canon=(b"relaxed", b"relaxed")):
    with mock.patch("dkim.time.time", return_value=date_of(message)):
        field = dkim.sign(message, selector, domain, key, signature_algorithm=algorithm,
                          include_headers=headers, canonicalize=canon, linesep=b"\n")
    return field + message


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def main():
    zone = ["; DNS answers for the samples in this folder: DKIM keys, SPF and DMARC records.",
            "; Reserved names only (RFC 2606 / RFC 6761). Use: mailsleuth analyze --dns-zone samples/samples.zone samples/<file>.eml",
            ""]

    def txt(name, value):
        # Split long values into 255-byte character-strings, as a real zone would.
        parts = [value[i:i + 255] for i in range(0, len(value), 255)]
        zone.append(f"{name}. 3600 IN TXT " + " ".join(f'"{p}"' for p in parts))

    # 1. The legitimate newsletter, signed by its own domain with From over-signed.
    key, pub = rsa_key("newsletter")
    msg = read(os.path.join(SRC, "newsletter.eml"))
    write("newsletter.eml", sign(msg, b"news2024", b"example.org", key,
                                 headers=[b"from", b"from", b"to", b"subject", b"date", b"message-id", b"mime-version", b"content-type"]))
    txt("news2024._domainkey.example.org", f"v=DKIM1; k=rsa; p={pub}")
    txt("example.org", "v=spf1 -all")
    txt("lists.example.org", "v=spf1 ip4:192.0.2.25 ip4:192.0.2.80 -all")
    txt("_dmarc.example.org", "v=DMARC1; p=reject; rua=mailto:dmarc-reports@example.org")

    # 2. The spoof: a bank-like From, signed (validly) by an unrelated bulk-mail service.
    key, pub = rsa_key("mailer")
    msg = read(os.path.join(SRC, "spoofed-invoice.eml"))
    write("spoofed-invoice.eml", sign(msg, b"mk1", b"mailer.example.net", key,
                                      headers=[b"from", b"reply-to", b"to", b"subject", b"date", b"message-id"]))
    txt("mk1._domainkey.mailer.example.net", f"v=DKIM1; k=rsa; p={pub}")
    txt("mailer.example.net", "v=spf1 ip4:203.0.113.0/24 ~all")
    txt("secure-bank.example", "v=spf1 ip4:198.51.100.0/24 -all")
    txt("_dmarc.secure-bank.example", "v=DMARC1; p=reject; adkim=s; aspf=s")
    txt("freemail.example", "v=spf1 include:_spf.freemail.example ~all")

    # 3. An analyst forwarding a suspicious message as an attachment; the outer message is signed by example.com.
    key, pub = rsa_key("corp")
    inner = read(os.path.join(SRC, "suspicious-inner.eml"))
    outer = read(os.path.join(SRC, "forwarded-outer.eml")).replace(b"@@INNER@@\n", inner)
    write("forwarded.eml", sign(outer, b"corp2024", b"example.com", key,
                                headers=[b"from", b"from", b"to", b"subject", b"date", b"message-id", b"mime-version", b"content-type"]))
    txt("corp2024._domainkey.example.com", f"v=DKIM1; k=rsa; p={pub}")
    txt("example.com", "v=spf1 ip4:192.0.2.0/25 mx -all")
    txt("_dmarc.example.com", "v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com")
    txt("it-support.example.net", "v=spf1 ip4:198.51.100.44 -all")

    # 4. A mailing-list post: the author signs, the list appends a footer (breaking the author's body hash)
    #    and re-signs with its own Ed25519 key.
    key, pub = rsa_key("author")
    original = sign(read(os.path.join(SRC, "list-original.eml")), b"mail", b"example.net", key,
                    headers=[b"from", b"to", b"subject", b"date", b"message-id", b"mime-version", b"content-type"])
    txt("mail._domainkey.example.net", f"v=DKIM1; k=rsa; p={pub}")
    txt("example.net", "v=spf1 ip4:192.0.2.160/27 -all")
    txt("_dmarc.example.net", "v=DMARC1; p=none; rua=mailto:dmarc@example.net")
    footer = (b"_______________________________________________\n"
              b"discuss mailing list -- discuss@lists.example.org\n"
              b"To unsubscribe send an email to discuss-leave@lists.example.org\n")
    list_headers = (b"List-Id: Garden club discussion <discuss.lists.example.org>\n"
                    b"List-Unsubscribe: <mailto:discuss-leave@lists.example.org>\n"
                    b"List-Post: <mailto:discuss@lists.example.org>\n"
                    b"Sender: discuss-bounces@lists.example.org\n"
                    b"Precedence: list\n"
                    b"Received: from mail.example.net (mail.example.net [192.0.2.170])\n"
                    b"\tby lists.example.org (Postfix) with ESMTPS id 6FqT2b\n"
                    b"\tfor <discuss@lists.example.org>; Fri, 07 Jun 2024 17:30:14 +0000\n")
    relayed = list_headers + original + footer
    seed, edpub = ed_key("list")
    with mock.patch("dkim.time.time", return_value=date_of(relayed) + 5):
        field = dkim.sign(relayed, b"list2024", b"lists.example.org", seed, signature_algorithm=b"ed25519-sha256",
                          include_headers=[b"from", b"to", b"subject", b"date", b"message-id", b"list-id", b"list-unsubscribe", b"sender"],
                          canonicalize=(b"relaxed", b"relaxed"), linesep=b"\n")
    delivered = (b"Return-Path: <discuss-bounces@lists.example.org>\n"
                 b"Received: from lists.example.org (lists.example.org [192.0.2.80])\n"
                 b"\tby mx1.example.com (Postfix) with ESMTPS id 9ZrM4cN1\n"
                 b"\tfor <bob@example.com>; Fri, 07 Jun 2024 17:30:16 +0000 (UTC)\n") + field + relayed
    write("mailing-list.eml", delivered)
    txt("list2024._domainkey.lists.example.org", f"v=DKIM1; k=ed25519; p={edpub}")
    txt("_dmarc.lists.example.org", "v=DMARC1; p=none")

    with open(os.path.join(OUT, "samples.zone"), "w") as f:
        f.write("\n".join(zone) + "\n")

    # Check every signature with dkimpy against the zone just written.
    records = {}
    for line in zone:
        if " IN TXT " in line:
            name, rest = line.split(". 3600 IN TXT ", 1)
            records[name.lower()] = "".join(p.strip('"') for p in rest.split('" "')).strip('"').encode()
    dnsfunc = lambda name, timeout=5: records.get(name.decode().rstrip(".").lower())
    for name in ["newsletter.eml", "spoofed-invoice.eml", "forwarded.eml", "mailing-list.eml"]:
        data = read(os.path.join(OUT, name))
        d = dkim.DKIM(data)
        count = len([h for h in d.headers if h[0].lower() == b"dkim-signature"])
        verdicts = []
        for i in range(count):
            try:
                verdicts.append(d.verify(idx=i, dnsfunc=dnsfunc))
            except dkim.ValidationError as error:
                verdicts.append(f"fail: {error}")
        print(name, verdicts)


if __name__ == "__main__":
    sys.exit(main())
