"""PPPoE discovery (PADI/PADO/PADR/PADS/PADT with text, binary and empty tags, bad version/type, lengths
past the frame) and sessions carrying PPP frames (the frames of ppp.py), plus the 3Com ethertypes."""
import struct

from .l2 import eth
from . import ppp
from .mpls import ip4_icmp

BC = bytes([0xFF] * 6)
AC = bytes([0x00, 0x90, 0x1A, 0x00, 0x00, 0x01])


def tag(t, v):
    return struct.pack("!HH", t, len(v)) + v


def pppoe(code, session, payload, vt=0x11, length=None):
    return struct.pack("!BBHH", vt, code, session, len(payload) if length is None else length) + payload


def frames():
    tags = tag(0x0101, b"") + tag(0x0103, b"\x01\x02\x03\x04\x05\x06\x07\x08")
    offer = tag(0x0102, b"BRAS-1") + tag(0x0101, b"internet") + tag(0x0104, bytes(range(16))) + tag(0x0105, b"\x00\x00\x0d\xe9abcdefgh") + tag(0x0120, b"\x05\xdc")
    disc = [
        pppoe(0x09, 0, tags),
        pppoe(0x07, 0, offer + tag(0, b"")),
        pppoe(0x19, 0, tag(0x0101, b"internet") + tag(0x0110, b"\x00\x01") + tag(0x0999, b"x")),
        pppoe(0x65, 0x1234, tag(0x0101, b"internet")),
        pppoe(0xA7, 0x1234, tag(0x0203, b"session closed by peer\x00\x01")),
        pppoe(0xA7, 0x1234, b""),
        pppoe(0x09, 0, tag(0x0101, b"x" * 100)),
        pppoe(0x09, 0, tags, length=1500),
        pppoe(0x09, 0, tags, length=len(tags) + 10),
        pppoe(0x42, 0, tags),
        pppoe(0x09, 0, tags, vt=0x21),
        pppoe(0x09, 0, tags, vt=0x13),
        pppoe(0x09, 0, tag(0x0101, b"ab") + b"\x01"),  # a tag header cut
        b"\x11\x09\x00",
    ]
    out = [eth(BC, 0x8863, d, src=AC) for d in disc]
    out.append(eth(BC, 0x3C12, disc[0], src=AC))
    for i, f in enumerate(ppp.ppp_frames()):
        out.append(eth(AC, 0x8864, pppoe(0, 0x1234, f)))
    out.append(eth(AC, 0x3C13, pppoe(0, 0x1234, ppp.ppp_frames()[0])))
    # A session length that cuts the IPv4 header short: "truncated-ip 14".
    out.append(eth(AC, 0x8864, pppoe(0, 0x1234, b"\xff\x03\x00\x21" + ip4_icmp(), length=18)))
    out.append(eth(AC, 0x8864, pppoe(0, 0x1234, b"\xc0")))
    out.append(eth(AC, 0x8864, pppoe(0, 0x1234, b"")))
    return out


def cut_frames():
    return [frames()[1]]


CUT_STEP = 4
