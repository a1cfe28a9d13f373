"""Ethernet configuration testing (loopback, ethertype 0x9000): Cisco keepalive replies, forward-data
messages, bogus skip counts, unknown functions and short messages."""
import struct

from .l2 import eth

SRC = bytes([0x00, 0x1B, 0x21, 0x0A, 0x0B, 0x0C])


def frames():
    bodies = [
        struct.pack("<HHH", 0, 1, 0) + bytes(40),
        struct.pack("<HH", 0, 2) + SRC + struct.pack("<HH", 1, 7) + b"data",
        struct.pack("<H", 8) + bytes(8) + struct.pack("<HH", 1, 5),
        struct.pack("<H", 3) + bytes(3) + struct.pack("<HH", 1, 5),
        struct.pack("<H", 80) + bytes(4),
        struct.pack("<HH", 0, 5) + b"xx",
        struct.pack("<HH", 0, 1),
        struct.pack("<HH", 0, 2) + b"\x01\x02",
        struct.pack("<H", 0) + b"\x01",
        b"\x00",
    ]
    return [eth(SRC, 0x9000, b) for b in bodies]


def cut_frames():
    return frames()[:2]


CUT_STEP = 3
