"""BFD frames for apps.pcap: v1 control packets in every state, flag and diagnostic, to the control,
multihop and LAG ports, with simple-password, keyed MD5 and SHA1 authentication (and lengths that do
not fit), v0 control, an unknown version, echo packets, and the source-port side that is plain UDP."""
import struct

from .common import *  # noqa: F401,F403


def ctrl(version, diag, state_flags, mult=3, length=24, my=0x11223344, your=0x55667788, tx=1000000, rx=300000, echo=50000):
    return struct.pack("!BBBBIIIII", (version << 5) | diag, state_flags, mult, length, my, your, tx, rx, echo)


def frames():
    f = []
    f.append(u4(50000, 3784, ctrl(1, 0, 0xC0)))
    f.append(u4(50000, 3784, ctrl(1, 3, 0x40 | 0x20 | 0x08)))
    f.append(u4(50000, 4784, ctrl(1, 7, 0x80 | 0x10 | 0x02 | 0x01, mult=5)))
    f.append(u4(50000, 6784, ctrl(1, 12, 0x00)))
    f.append(u4(50000, 3784, ctrl(1, 0, 0xC4, length=32) + struct.pack("!BBB", 1, 8, 2) + b"hunter"))
    f.append(u4(50000, 3784, ctrl(1, 0, 0xC4, length=48) + struct.pack("!BBBBI", 2, 24, 1, 0, 77) + bytes(range(16))))
    f.append(u4(50000, 3784, ctrl(1, 0, 0xC4, length=52) + struct.pack("!BBBBI", 5, 28, 9, 0, 78) + bytes(range(20))))
    f.append(u4(50000, 3784, ctrl(1, 0, 0xC4, length=48) + struct.pack("!BBBBI", 3, 20, 1, 0, 77) + bytes(12)))
    f.append(u4(50000, 3784, ctrl(1, 0, 0xC4, length=30) + struct.pack("!BBB", 1, 2, 2) + b"xyz"))
    f.append(u4(50000, 3784, ctrl(1, 0, 0xC4, length=28) + struct.pack("!BBBB", 9, 4, 1, 0)))
    f.append(u4(50000, 3784, ctrl(0, 1, 0x80 | 0x04 | 0x01, length=32) + struct.pack("!BBB", 1, 7, 3) + b"pass"))
    f.append(u4(50000, 3784, ctrl(2, 0, 0)))
    f.append(u4(50000, 3785, b"echo-payload"))
    f.append(u4(3784, 50000, ctrl(1, 0, 0xC0)))
    f.append(u4(50000, 3784, ctrl(1, 0, 0xC0)[:10]))
    return f
