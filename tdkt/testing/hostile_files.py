"""Hostile .xlsx files, built in about a second.

A real 1 GiB cell would take ~10 s to compress. Instead the sheet's deflate
stream is made of independent pieces (each ended by a full flush, which resets
the compressor), so one compressed megabyte of "A" can be repeated a thousand
times: the file is genuine — zipfile and openpyxl would unpack the full size.
"""

import struct
import zlib

XLSX_PARTS = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>",
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>",
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>",
}
SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
SHEET_TAIL = "</sheetData></worksheet>"


def workbook_xml(sheet_name):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<sheets><sheet name="{sheet_name}" sheetId="1" r:id="rId1"/></sheets></workbook>')


def cell(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def row(n, values):
    return f'<row r="{n}">' + "".join(cell(f"{chr(65 + i)}{n}", v) for i, v in enumerate(values)) + "</row>"


def _deflate(pieces):
    """(raw deflate bytes, crc32, size) of the concatenation of (bytes, times) pieces.

    A piece is repeated as a block of about 1 MiB compressed once (and ended by
    a full flush, so that the next copy does not refer back to it)."""
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    out, crc, size = [], 0, 0
    for data, times in pieces:
        per_block = max(1, (1 << 20) // len(data))
        blocks, rest = divmod(times, per_block)
        if blocks:
            big = data * per_block
            out.append((comp.compress(big) + comp.flush(zlib.Z_FULL_FLUSH)) * blocks)
            for _ in range(blocks):
                crc = zlib.crc32(big, crc)
        if rest:
            tail = data * rest
            out.append(comp.compress(tail) + comp.flush(zlib.Z_FULL_FLUSH))
            crc = zlib.crc32(tail, crc)
        size += len(data) * times
    out.append(comp.flush(zlib.Z_FINISH))
    return b"".join(out), crc & 0xFFFFFFFF, size


def _zip(members):
    """A zip file of (name, raw deflate bytes, crc, size) members, written by hand."""
    body, directory = [], []
    offset = 0
    for name, data, crc, size in members:
        name_b = name.encode()
        local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data), size, len(name_b), 0) + name_b
        body += [local, data]
        directory.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(data), size,
                                     len(name_b), 0, 0, 0, 0, 0, offset) + name_b)
        offset += len(local) + len(data)
    central = b"".join(directory)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), offset, 0)
    return b"".join(body) + central + end


def xlsx(sheet_pieces, sheet_name="people"):
    """An .xlsx (bytes) whose one sheet's XML is made of (str, times) pieces."""
    members = []
    for name, text in {**XLSX_PARTS, "xl/workbook.xml": workbook_xml(sheet_name)}.items():
        members.append((name, *_deflate([(text.encode(), 1)])))
    members.append(("xl/worksheets/sheet1.xml", *_deflate([(p.encode(), n) for p, n in sheet_pieces])))
    return _zip(members)


PEOPLE_HEADER = ("Mã cán bộ", "Họ và tên", "Mã đơn vị")


def one_gib_cell(unit_code="HN"):
    """About 1 MB; the name cell of row 2 unpacks to 1 GiB of "Nguyen Van An "."""
    block = "Nguyen Van An " * 74_898  # ~1 MiB
    return xlsx([
        (SHEET_HEAD + row(1, PEOPLE_HEADER) + '<row r="2">' + cell("A2", "CB900001") + '<c r="B2" t="inlineStr"><is><t>', 1),
        (block, (1 << 30) // len(block) + 1),
        ("</t></is></c>" + cell("C2", unit_code) + "</row>" + SHEET_TAIL, 1),
    ])


def many_rows(n=5_000_000, unit_code="HN"):
    """``n`` identical people rows after the header (no row numbers: each is the next row)."""
    body = "<row>" + "".join(f'<c t="inlineStr"><is><t>{v}</t></is></c>' for v in ("CB1", "Nguyen Van An", unit_code)) + "</row>"
    return xlsx([(SHEET_HEAD + row(1, PEOPLE_HEADER), 1), (body, n), (SHEET_TAIL, 1)])


def empty_rows(n=5_000_000):
    """A header and ``n`` empty <row/> elements (unpacks to ~6 bytes a row)."""
    return xlsx([(SHEET_HEAD + row(1, PEOPLE_HEADER), 1), ("<row/>", n), (SHEET_TAIL, 1)])


def gap(last=1_048_576, unit_code="HN"):
    """A header and one row numbered ``last``: a reader makes up every row in between."""
    return xlsx([(SHEET_HEAD + row(1, PEOPLE_HEADER) + row(last, ("CB1", "Nguyen Van An", unit_code)) + SHEET_TAIL, 1)])
