"""802.1AE MACsec: encrypted frames (with and without an SCI, short lengths), integrity-only frames
whose payload (IPv4, LLDP, a VLAN tag) prints through the ethertype dispatch with the ICV removed, and
bad SecTAGs (version bit, short length bits, too short for the SCI or the ICV)."""
import struct

from .l2 import eth
from .mpls import ip4_icmp
from . import lldp

DST = bytes([0x00, 0x22, 0x33, 0x44, 0x55, 0x66])
ICV = bytes(range(0xA0, 0xB0))


def sectag(tci_an, sl=0, pn=1, sci=None):
    t = bytes([tci_an, sl]) + struct.pack("!I", pn)
    if sci is not None:
        t += struct.pack("!Q", sci)
    return t


def frames():
    ip = struct.pack("!H", 0x0800) + ip4_icmp()
    bodies = [
        sectag(0x2C | 1, pn=77, sci=0x0011223344550001) + b"\xde\xad\xbe\xef" * 8 + ICV,
        sectag(0x0C, sl=20, pn=78) + bytes(20) + ICV,
        sectag(0x48, pn=3) + bytes(40) + ICV,
        sectag(0x20, pn=5, sci=0x0011223344550001) + ip + ICV,
        sectag(0x00, pn=6) + ip + ICV,
        sectag(0x00, sl=len(ip), pn=7) + ip + bytes(4) + ICV,
        sectag(0x00, pn=8) + struct.pack("!H", 0x88CC) + lldp.frames()[0][14:] + ICV,
        sectag(0x00, pn=9) + struct.pack("!HH", 0x8100, 0x0064) + ip + ICV,
        sectag(0x00, pn=10) + struct.pack("!H", 0x88B5) + b"opaque" + ICV,
        sectag(0x80, pn=11) + ip + ICV,
        sectag(0x00, sl=0x40, pn=12) + ip + ICV,
        sectag(0x00, sl=60, pn=13) + ip + ICV,
        sectag(0x20, pn=14) + b"\x01\x02",
        sectag(0x00, pn=15) + b"\x08\x00" + bytes(4),
        sectag(0x00, pn=16) + ICV,
        sectag(0x00, sl=1, pn=17) + b"\x08\x00" + ICV,  # a secure data of one byte: [caplen 1 < 2]
        b"\x00\x00\x00",
    ]
    return [eth(DST, 0x88E5, b) for b in bodies]


def cut_frames():
    f = frames()
    return [f[0], f[3]]


CUT_STEP = 5
