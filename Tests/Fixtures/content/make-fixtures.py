"""Writes the binary fixtures of the content tests (run from this directory)."""
import io
import struct
import zipfile

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
    z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
               '<Override PartName="/word/document.xml" ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>')
    z.writestr('word/document.xml', '<w:document/>')
    z.writestr('word/vbaProject.bin', b'\xd0\xcf\x11\xe0' + b'\x00' * 60)
open('report.docm', 'wb').write(b.getvalue())

# ZIP holding an executable, marked encrypted (flag bit 0 in the local and central headers).
b = io.BytesIO()
with zipfile.ZipFile(b, 'w') as z:
    z.writestr('scan_0042.pdf.exe', data)
raw = bytearray(b.getvalue())
i = raw.find(b'PK\x03\x04'); raw[i + 6] |= 1
i = raw.find(b'PK\x01\x02'); raw[i + 8] |= 1
open('locked.zip', 'wb').write(bytes(raw))
