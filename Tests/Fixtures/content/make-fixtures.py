"""Writes the fixtures of the content tests (run from this directory). Binary files are reproducible; the
.eml files get new MIME boundaries on each run (their attachments, and so the hashes in ContentTests, do not change)."""
import io
import struct
import zipfile

WHEN = (2024, 5, 6, 9, 30, 0)  # fixed member dates, so the archives (and their hashes in ContentTests) are stable


def member(name):
    return zipfile.ZipInfo(name, date_time=WHEN)

# Tiny fake PE: DOS header with e_lfanew=0x40, PE signature, COFF header (i386, 0 sections), optional header magic.
dos = bytearray(b'MZ' + b'\x90\x00' + b'\x00' * 60)
struct.pack_into('<I', dos, 0x3C, 0x40)
pe = b'PE\x00\x00' + struct.pack('<HHIIIHH', 0x14c, 0, 0, 0, 0, 0xE0, 0x0102)
opt = struct.pack('<H', 0x10b) + b'\x00' * (0xE0 - 2)
data = bytes(dos) + pe + opt
data += b'\x00' * (512 - len(data))
open('fake-pe.bin', 'wb').write(data)

# Macro-enabled Word document: a ZIP with [Content_Types].xml and word/vbaProject.bin.
b = io.BytesIO()
with zipfile.ZipFile(b, 'w') as z:
    z.writestr(member('[Content_Types].xml'), '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
               '<Override PartName="/word/document.xml" ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>')
    z.writestr(member('word/document.xml'), '<w:document/>')
    z.writestr(member('word/vbaProject.bin'), b'\xd0\xcf\x11\xe0' + b'\x00' * 60)
open('report.docm', 'wb').write(b.getvalue())

# ZIP holding an executable, marked encrypted (flag bit 0 in the local and central headers).
b = io.BytesIO()
with zipfile.ZipFile(b, 'w') as z:
    z.writestr(member('scan_0042.pdf.exe'), data)
raw = bytearray(b.getvalue())
i = raw.find(b'PK\x03\x04'); raw[i + 6] |= 1
i = raw.find(b'PK\x01\x02'); raw[i + 8] |= 1
open('locked.zip', 'wb').write(bytes(raw))

# Messages carrying them (written with Python's email package; RFC 2231 names where non-ASCII).
from email.message import EmailMessage
from email import policy


def message(name, subject, body, html=None, attachments=()):
    m = EmailMessage(policy=policy.SMTP)
    m['From'] = 'Accounts <billing@supplier.example>'
    m['To'] = 'victim@corp.example'
    m['Subject'] = subject
    m['Date'] = 'Mon, 06 May 2024 09:30:00 +0000'
    m['Message-ID'] = '<%s@supplier.example>' % name
    m['Received'] = 'from mail.supplier.example (mail.supplier.example [203.0.113.25]) by mx.corp.example with ESMTPS; Mon, 06 May 2024 09:30:02 +0000'
    m.set_content(body)
    if html:
        m.add_alternative(html, subtype='html')
    for filename, maintype, subtype, data in attachments:
        m.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    open(name + '.eml', 'wb').write(m.as_bytes())


pe = open('fake-pe.bin', 'rb').read()
message('exe-named-pdf', 'Invoice', 'Please see the invoice.', attachments=[('invoice.pdf', 'application', 'pdf', pe)])
message('double-extension', 'Invoice', 'Please see the invoice.', attachments=[('invoice.pdf.exe', 'application', 'octet-stream', pe)])
message('rlo-name', 'Invoice', 'Please see the invoice.', attachments=[('invoice\u202efdp.exe', 'application', 'octet-stream', pe)])
message('macro-document', 'Report', 'Enable content to see the report.',
        attachments=[('report.docm', 'application', 'vnd.ms-word.document.macroEnabled.12', open('report.docm', 'rb').read())])
message('encrypted-zip', 'Scan', 'The password is 1234.', attachments=[('scan.zip', 'application', 'zip', open('locked.zip', 'rb').read())])
page = ('<html><body><form action="http://198.51.100.7/login.php" method="post">'
        '<input name="user"><input type="password" name="pass"></form></body></html>')
message('html-attachment', 'Secure message', 'Open the attached secure message.',
        attachments=[('secure-message.html', 'text', 'html', page.encode())])
html = ('<html><body><p>Dear customer,</p>'
        '<p><a href="https://login.evil-payments.example/signin?id=1">https://www.paypal.com/signin</a></p>'
        '<p><a href="https://bit.ly/3abcDEF">track your parcel</a> '
        '<a href="http://xn--pypal-4ve.com/">paypal.com</a> <a href="javascript:alert(1)">click</a></p>'
        '<img src="https://pixel.tracker.example/o.gif?u=42" width="1" height="1">'
        '<p><a href="mailto:support@evil-payments.example">Contact us</a></p></body></html>')
message('link-mismatch', 'Your account', 'Visit https://www.paypal.com/signin to confirm.', html=html)


# A minimal OLE compound file (MS-CFB v3) holding Macros/VBA storages, as a 97-2003 document with macros has.
def entry(name, kind, child=0xFFFFFFFF, left=0xFFFFFFFF, right=0xFFFFFFFF):
    raw = name.encode('utf-16-le') + b'\x00\x00' if name else b''
    e = bytearray(128)
    e[0:len(raw)] = raw
    struct.pack_into('<HBB', e, 0x40, len(raw), kind, 1)
    struct.pack_into('<III', e, 0x44, left, right, child)
    struct.pack_into('<II', e, 0x74, 0xFFFFFFFE, 0)
    return bytes(e)


header = bytearray(512)
header[0:8] = bytes.fromhex('D0CF11E0A1B11AE1')
struct.pack_into('<HHHHH', header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
struct.pack_into('<IIIIIIIII', header, 0x28, 0, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
struct.pack_into('<I', header, 0x4C, 0)
for i in range(1, 109):
    struct.pack_into('<I', header, 0x4C + 4 * i, 0xFFFFFFFF)
fat = struct.pack('<II', 0xFFFFFFFD, 0xFFFFFFFE) + b'\xff' * 504
directory = entry('Root Entry', 5, child=1) + entry('Macros', 1, child=2) + entry('VBA', 1) + entry('', 0)
open('budget.xls', 'wb').write(bytes(header) + fat + directory)
message('ole-macro', 'Budget', 'Please enable editing.', attachments=[('budget.xls', 'application', 'vnd.ms-excel', open('budget.xls', 'rb').read())])
