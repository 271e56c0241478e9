"""QR codes written by another program, for KernelTests/QRCodeTests: Project Nayuki's QR Code
generator for Python (`qrcodegen` on PyPI), which follows ISO/IEC 18004 to the bit. (segno was
tried first: in byte mode it adds a zero codeword before the pad codewords whenever the data ends
on a codeword boundary, which decoders accept but the standard does not write.)

Each case: a line "case <forced mask|auto> <version> <mask> <hex of the bytes>", then the rows,
dark as 1. Run: python3 -m pip install qrcodegen && python3 make.py > codes.txt
"""
from qrcodegen import QrCode, QrSegment

texts = [
    b"HELLO WORLD",
    b"https://crm.example.cn/crm/web-form/Abc123?c=FAIR-SPRING",
    "东莞市华兴电器有限公司 展会登记 2026".encode("utf-8"),
    b"x" * 120,
    b"https://concord.example.com/crm/web-form/" + b"k" * 43 + b"?c=" + b"C" * 32 + b"&utm=poster-booth-36-hall-B" * 3,
]
for t in texts:
    for mask in [-1, 3]:
        q = QrCode.encode_segments([QrSegment.make_bytes(t)], QrCode.Ecc.MEDIUM, boostecl=False, mask=mask)
        print("case", "auto" if mask < 0 else mask, q.get_version(), q.get_mask(), t.hex())
        for y in range(q.get_size()):
            print("".join("1" if q.get_module(x, y) else "0" for x in range(q.get_size())))
