"""BGP frames for apps.pcap (and its truncated copies); the comment in frames() lists the cases."""
import struct

from .common import *  # noqa: F401,F403


def frames():
    f = []
    # BGP: keepalive, OPEN with capabilities (multiprotocol, route refresh, 4-byte AS, graceful restart,
    # add-path, an unknown one) and an unknown optional parameter, two messages in one segment,
    # notifications (header error, cease with a shutdown communication and with max prefixes), route
    # refresh, an End-of-RIB update, an unknown type, bytes before the marker, a bogus header length, a
    # message longer than the segment, an option running past the options.
    def bgp(typ, body, fix_len=None):
        return b"\xff" * 16 + struct.pack("!HB", fix_len if fix_len is not None else 19 + len(body), typ) + body

    def bcap(code, val):
        c = struct.pack("!BB", code, len(val)) + val
        return struct.pack("!BB", 2, len(c)) + c

    def bopen(opts):
        return bgp(1, struct.pack("!BHH4sB", 4, 65001, 90, bytes(C), len(opts)) + opts)
    caps = bcap(1, struct.pack("!HBB", 1, 0, 1)) + bcap(1, struct.pack("!HBB", 2, 0, 128)) + bcap(2, b"") + bcap(128, b"") + \
        bcap(65, struct.pack("!I", 4200000001)) + bcap(64, struct.pack("!HHBB", 0x8078, 1, 1, 0x80)) + \
        bcap(69, struct.pack("!HBB", 1, 1, 3)) + bcap(70, b"\x01\x02") + struct.pack("!BB", 9, 1) + b"x"
    f.append(t4(40000, 179, bgp(4, b"")))
    f.append(t4(179, 40000, bopen(caps)))
    f.append(t4(40000, 179, bgp(4, b"") + bopen(bcap(1, struct.pack("!HBB", 25, 0, 65)))))
    f.append(t4(40000, 179, bgp(3, b"\x01\x02\x00\x13")))
    f.append(t4(40000, 179, bgp(3, b"\x06\x02\x07goodbye" + b"\x01\x02")))
    f.append(t4(40000, 179, bgp(3, b"\x06\x01" + struct.pack("!HBI", 1, 1, 1000))))
    f.append(t4(40000, 179, bgp(3, b"\x05\x02") + bgp(3, b"\x06\x04\x00") + bgp(3, b"\x09\x09")))
    f.append(t4(40000, 179, bgp(3, b"\x02\x06") + bgp(3, b"\x03\x0b") + bgp(3, b"\x07\x03") + bgp(3, b"\x03\x63")))
    f.append(t4(40000, 179, bgp(5, struct.pack("!HBB", 2, 0, 1))))
    f.append(t4(40000, 179, bgp(2, struct.pack("!HH", 0, 0))))
    f.append(t4(40000, 179, bgp(77, b"data")))
    f.append(t4(40000, 179, b"junk" + bgp(4, b"")))
    f.append(t4(40000, 179, bgp(4, b"", fix_len=10)))
    f.append(t4(40000, 179, bgp(1, b"\x04\xfd\xe9", fix_len=60)))
    f.append(t4(40000, 179, bopen(struct.pack("!BB", 2, 9) + b"\x01\x00")))
    f.append(t4(40000, 179, bgp(1, b"\x04")))
    return f
