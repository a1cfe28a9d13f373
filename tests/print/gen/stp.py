"""Spanning tree BPDUs: 802.1D config and TCN, RSTP, MSTP with MSTI records, SPB, PVST over SNAP, and
malformed ones (short, v1 length non-zero, bad v3 length, unknown versions and types)."""
import struct

from .l2 import llc_frame

STP_DST = bytes([0x01, 0x80, 0xC2, 0, 0, 0])
PVST_DST = bytes([0x01, 0x00, 0x0C, 0xCC, 0xCC, 0xCD])


def config(ver, typ, flags, extra=b""):
    return (struct.pack("!HBBB", 0, ver, typ, flags) + b"\x80\x00" + bytes([0, 0x11, 0x22, 0x33, 0x44, 0x55]) +
            struct.pack("!I", 20000) + b"\x70\x01" + bytes([0, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE]) +
            struct.pack("!HHHHH", 0x8002, 1 * 256 + 128, 20 * 256, 2 * 256, 15 * 256 + 64) + extra)


def mstp(flags, mstis, v3adj=0, name=b"region-one", ver=3, spb=None, v1len=0):
    cfg = bytes([0]) + name.ljust(32, b"\0")[:32] + struct.pack("!H", 7) + bytes(range(16))
    cist = struct.pack("!I", 200000) + b"\x80\x00" + bytes([2, 3, 4, 5, 6, 7]) + bytes([19])
    body = b""
    for i, (mf, inst) in enumerate(mstis):
        body += bytes([mf]) + struct.pack("!H", 0x8000 | inst) + bytes([9, 8, 7, 6, 5, 4]) + struct.pack("!I", 2000 * (i + 1)) + bytes([0x80, 0x90, 20 - i])
    v3 = len(cfg) + len(cist) + len(body) + v3adj
    b = config(ver, 2, flags)[:35] + bytes([v1len]) + struct.pack("!H", v3) + cfg + cist + body
    if spb is not None:
        b += spb
    return b


def spb_tail():
    aux = bytes([0]) + b"aux-name".ljust(32, b"\0") + struct.pack("!H", 3) + bytes(range(16, 32))
    agr = bytes([0xD4, 0, 0x21, 0x43]) + struct.pack("!H", 12) + bytes(8) + bytes(range(20))
    body = aux + agr
    return struct.pack("!H", len(body)) + body


def bpdus():
    out = [
        config(0, 0, 0x00),
        config(0, 0, 0x81),
        config(0, 0x80, 0),
        config(2, 2, 0x3C) + b"\x00",
        config(2, 2, 0x7E) + b"\x00",
        config(2, 2, 0x02) + b"\x00",
        mstp(0x7C, [(0x2C, 1), (0x78, 2), (0x01, 4095)]),
        mstp(0x00, []),
        mstp(0x3C, [(0x2C, 10)], name=b"exactly-thirty-two-bytes-long-nm"),
        mstp(0x3C, [(0x2C, 10)], v3adj=40),  # v3 length past the BPDU
        mstp(0x3C, [(0x2C, 10)], v1len=1),
        mstp(0x3C, [(0x2C, 10)], v3adj=-5),  # a partial MSTI record
        mstp(0x3C, [(0x2C, 10)], ver=4, spb=spb_tail()),
        mstp(0x3C, [], ver=4, spb=struct.pack("!H", 10) + bytes(10)),
        config(3, 0, 0x01),  # MSTP version, config type
        config(3, 0x80, 0x01),
        config(5, 0, 0),  # unknown version
        config(0, 0x42, 0),  # unknown type
        struct.pack("!HBB", 1, 0, 0) + bytes(32),  # unknown protocol id
        b"\x00\x00\x00",  # too short
        config(0, 0, 0)[:30],  # short config
        config(2, 2, 0x3C),  # RSTP without v1 length
        config(3, 2, 0x3C) + bytes(20),  # MSTP too short
    ]
    return out


def frames():
    out = [llc_frame(STP_DST, b"\x42\x42\x03" + b) for b in bpdus()]
    # PVST+ over SNAP (Cisco OUI, pid 0x010b).
    pvst = b"\xAA\xAA\x03\x00\x00\x0C\x01\x0B" + config(2, 2, 0x3C) + b"\x00\x00\x02\x00\x0a"
    out.append(llc_frame(PVST_DST, pvst))
    # PVST+ as switches send it: 802.1Q-tagged, then the 802.3 length.
    f = llc_frame(PVST_DST, pvst)
    out.append(f[:12] + struct.pack("!HH", 0x8100, 0xE00A) + f[12:])
    return out


def cut_frames():
    b = bpdus()
    return [llc_frame(STP_DST, b"\x42\x42\x03" + x) for x in (b[1], b[3], b[6], b[12])]


CUT_STEP = 3
