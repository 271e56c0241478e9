#!/usr/bin/env python3
"""Writes the spreadsheet fixtures the tests read, with other programs than ours:
openpyxl (pip install openpyxl) for a workbook as Excel-compatible programs write it, Python's
zipfile for one in the shape some exporting systems write (inline strings, prefixed tags, the
1904 date system), and Python's codecs for CSV as Excel saves it on a Chinese Windows (GBK),
with a byte order mark (UTF-8) and as "Unicode text" (UTF-16, tab-separated).
Run from this folder; the files are committed, so the tests need none of this."""
import datetime, zipfile

import openpyxl

HEADER = ["公司名称", "联系人", "手机", "邮箱", "省份", "城市", "备注"]
ROWS = [
    ["杭州西湖茶业有限公司", "王芳", "13800138000", "wang@xihu-tea.cn", "浙江", "杭州", "展会名片"],
    ["ＡＢＣ贸易（上海）有限公司", "李雷", "021-5555 1234", "li@abc.sh.cn", "上海", "上海", ""],
    ["", "无公司", "13900000000", "", "", "", "缺公司名"],
]

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "线索"
ws.append(HEADER)
ws.append([ROWS[0][0], ROWS[0][1], 13800138000, ROWS[0][3], ROWS[0][4], ROWS[0][5], ROWS[0][6]])
ws.append(ROWS[1])
ws.append(ROWS[2])
info = wb.create_sheet("数值")
info.append(["日期", "时间", "金额", "布尔", "大数", "小数"])
info.append([datetime.date(2026, 12, 6), datetime.datetime(2026, 12, 6, 14, 30), 0.1 + 0.2, True, 123456789012, 0.000125])
info["A2"].number_format = "yyyy-mm-dd"
info["B2"].number_format = "yyyy-mm-dd hh:mm"
info.append([])
info.append(["第四行"])
wb.save("leads.xlsx")

# The shape Excel and some exporters write: prefixed tags, shared strings with runs and a
# phonetic guide, inline strings, a number Excel stored with 17 digits,
# a custom Chinese date format, the 1904 date system, a skipped row.
NS = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
files = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/data.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><x:workbook {NS}><x:workbookPr date1904="1"/>'
    '<x:sheets><x:sheet name="客户导出" sheetId="1" r:id="rIdA"/></x:sheets></x:workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rIdA" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/>'
    '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    "xl/sharedStrings.xml": '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2">'
    '<si><r><t>北京</t></r><r><rPr><b/></rPr><t xml:space="preserve">快普 科技</t></r><rPh sb="0" eb="2"><t>ペキン</t></rPh></si>'
    '<si><t>备注</t></si></sst>',
    "xl/styles.xml": '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>'
    '<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="176"/><xf numFmtId="4"/></cellXfs></styleSheet>',
    "xl/worksheets/data.xml": f'<?xml version="1.0" encoding="UTF-8"?><x:worksheet {NS}><x:sheetData>'
    '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>客户名称</x:t></x:is></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>成立日期</x:t></x:is></x:c>'
    '<x:c r="C1" t="inlineStr"><x:is><x:t>注册资本</x:t></x:is></x:c><x:c r="E1" t="s"><x:v>1</x:v></x:c></x:row>'
    '<x:row r="3"><x:c r="A3" t="s"><x:v>0</x:v></x:c><x:c r="B3" s="1"><x:v>44535</x:v></x:c><x:c r="C3" s="2"><x:v>1234567.5</x:v></x:c>'
    '<x:c r="E3"><x:v>3.3000000000000003</x:v></x:c></x:row>'
    '<x:row r="4"><x:c r="C4" t="str"><x:f>C3*2</x:f><x:v>2469135</x:v></x:c><x:c r="D4" t="e"><x:v>#N/A</x:v></x:c></x:row>'
    '</x:sheetData></x:worksheet>',
}
with zipfile.ZipFile("exported.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    for name, text in files.items():
        z.writestr(name, text)

csv_text = "\r\n".join(",".join(r) for r in [HEADER] + ROWS) + "\r\n"
open("leads-gbk.csv", "wb").write(csv_text.encode("gbk"))
open("leads-utf8-bom.csv", "wb").write(b"\xef\xbb\xbf" + csv_text.encode("utf-8"))
tsv_text = "\r\n".join("\t".join(r) for r in [HEADER] + ROWS) + "\r\n"
open("leads-unicode.txt", "wb").write(tsv_text.encode("utf-16"))  # with a byte order mark, little-endian here
