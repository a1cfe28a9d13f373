"""802.1X EAPOL: start, logoff, key, ASF alert and unknown frame types, and EAP packets of every code
and the request/response types print-eap.c decodes (identity, notification, NAK, TLS/TTLS/FAST flags
with and without the length, SIM/AKA), with short and fragmentary lengths."""
import struct

from .l2 import eth

DST = bytes([0x01, 0x80, 0xC2, 0, 0, 0x03])


def eapol(t, body, ver=2, length=None):
    return struct.pack("!BBH", ver, t, len(body) if length is None else length) + body


def eap(code, ident, data=b"", length=None):
    return struct.pack("!BBH", code, ident, 4 + len(data) if length is None else length) + data


def frames():
    bodies = [
        eapol(1, b""),
        eapol(2, b"", ver=1),
        eapol(3, b"\x02" + bytes(94)),
        eapol(4, b"\x01\x02\x03"),
        eapol(9, b""),
        eapol(0, eap(1, 1, b"\x01")),
        eapol(0, eap(2, 1, b"\x01user@example.com")),
        eapol(0, eap(1, 2, b"\x02Please log in")),
        eapol(0, eap(1, 2, b"\x02")),
        eapol(0, eap(2, 3, b"\x03\x15\x19\x2b\x63")),
        eapol(0, eap(2, 3, b"\x03")),
        eapol(0, eap(1, 4, b"\x04\x10" + bytes(range(16)))),
        eapol(0, eap(1, 5, b"\x0d\x20")),
        eapol(0, eap(2, 6, b"\x0d\xc0" + struct.pack("!I", 1400) + b"\x16\x03\x01")),
        eapol(0, eap(2, 6, b"\x0d\x80\x00\x01")),
        eapol(0, eap(1, 7, b"\x15\x21")),
        eapol(0, eap(1, 7, b"\x15\xa1\x00\x00\x10\x00")),
        eapol(0, eap(1, 8, b"\x2b\x21")),
        eapol(0, eap(1, 8, b"\x2b\xa1\x00")),
        eapol(0, eap(1, 8, b"\x2b\x81\x00\x00\x00\x20")),
        eapol(0, eap(1, 9, b"\x17\x01\x00\x00")),
        eapol(0, eap(2, 9, b"\x12\x0a\x00\x00")),
        eapol(0, eap(2, 9, b"\x12\x63")),
        eapol(0, eap(1, 9, b"\x17")),
        eapol(0, eap(1, 10, b"\x0d")),
        eapol(0, eap(1, 11, b"\xfe\x00\x00\x00")),
        eapol(0, eap(1, 12, b"\x63\x01")),
        eapol(0, eap(3, 13)),
        eapol(0, eap(4, 14)),
        eapol(0, eap(7, 15, b"\x01")),
        eapol(0, eap(1, 16, b"")),  # request without a type
        eapol(0, eap(3, 17, length=2)),  # shorter than the EAP header
        eapol(0, eap(1, 18, b"\x01abc", length=30)),  # EAP length past the frame
        eapol(0, eap(1, 19, b"\x01abc"), length=5),  # EAPOL length disagrees: a fragment
        eapol(0, b"", length=0),
        eapol(0, b"\x01"),
        b"\x02\x00",
    ]
    return [eth(DST, 0x888E, b) for b in bodies]


def cut_frames():
    return [eth(DST, 0x888E, eapol(0, eap(2, 1, b"\x01user@example.com")))]


CUT_STEP = 2
