"""Tunnels carrying the link-layer protocols: PPTP's enhanced GRE (version 1) with PPP frames, no-payload
acks and short headers, GRE version 0 with MPLS, and L2TP data messages with their PPP frame."""
import struct

from .l2 import eth
from .mpls import csum, ip4_icmp, label
from .ppp import ppp_frames

DST = bytes([0x00, 0x22, 0x33, 0x44, 0x55, 0x66])


def ip4(payload, proto=47):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), 9, 0, 64, proto, 0, bytes([192, 168, 0, 1]), bytes([192, 168, 0, 2]))
    return h[:10] + struct.pack("!H", csum(h)) + h[12:] + payload


def gre1(flags, ppp, call=7, seq=1, ack=None, plen=None):
    h = struct.pack("!HHHH", 0x2001 | flags, 0x880B, len(ppp) if plen is None else plen, call)
    if flags & 0x1000:
        h += struct.pack("!I", seq)
    if ack is not None:
        h += struct.pack("!I", ack)
    return h + ppp


def l2tp_data(ppp, flags=0x0002, sid=9):
    """An L2TP data message (no L bit unless asked) over UDP port 1701."""
    hdr = struct.pack("!HHH", flags, 7, sid)
    if flags & 0x4000:
        hdr = struct.pack("!HHHH", flags, 6 + len(ppp) + 2, 7, sid)
    payload = hdr + ppp
    u = struct.pack("!HHHH", 1701, 1701, 8 + len(payload), 0) + payload
    ph = struct.pack("!4s4sBBH", bytes([192, 168, 0, 1]), bytes([192, 168, 0, 2]), 0, 17, len(u))
    u = u[:6] + struct.pack("!H", csum(ph + u) or 0xFFFF) + u[8:]
    return ip4(u, proto=17)


def frames():
    f = ppp_frames()
    bodies = [
        gre1(0x1000, f[0]),
        gre1(0x1080, f[9], ack=5),
        gre1(0x1000, b"\xff\x03\x00\x21" + ip4_icmp()),
        gre1(0x1000, b"\x21" + ip4_icmp()),
        gre1(0x0080, b"", ack=9),
        gre1(0x0000, b""),
        struct.pack("!HHHH", 0x3001, 0x1234, 4, 1) + struct.pack("!I", 2) + b"abcd",
        struct.pack("!HH", 0x3001, 0x880B),
        struct.pack("!H", 0x3001),
        struct.pack("!HH", 0x0000, 0x8847) + label(16, s=1) + ip4_icmp(),
        struct.pack("!HH", 0x0002, 0x8847),
    ]
    out = [eth(DST, 0x0800, ip4(b)) for b in bodies]
    out += [eth(DST, 0x0800, l2tp_data(x)) for x in (f[0], f[9], b"\xff\x03\x00\x21" + ip4_icmp(), b"\x21", b"")]
    out.append(eth(DST, 0x0800, l2tp_data(f[39], flags=0x4002)))
    return out


def cut_frames():
    return [frames()[1]]


CUT_STEP = 3
