"""Linux cooked captures (SLL and SLL2, as `-i any` writes them) of the link-layer protocols: 802.2 LLC
frames (STP, an LLC I-frame, CDP over SNAP), LLDP, LACP, PPP, and a VLAN-tagged BPDU. Not part of
MODULES' Ethernet files: write() puts them in cooked.pcap and cooked2.pcap."""
import struct

from . import lldp, ppp, slow, stp
from .l2 import write_records

M1 = bytes([0, 0x11, 0x22, 0x33, 0x44, 0x55])


def sll(proto, payload, pkttype=0):
    return struct.pack("!HHH8sH", pkttype, 1, 6, M1 + b"\0\0", proto) + payload


def sll2(proto, payload, pkttype=0):
    return struct.pack("!HHIHBB8s", proto, 0, 1, 1, pkttype, 6, M1 + b"\0\0") + payload


def payloads():
    out = [(4, b"\x42\x42\x03" + b) for b in stp.bpdus()[:8]]
    out.append((4, b"\x44\x00\x3a\x3c" + b"x" * 10))
    out.append((4, b"\xaa\xaa\x03\x00\x00\x0c\x20\x00\x02\xb4\x00\x00" + struct.pack("!HH", 1, 7) + b"dev"))
    out.append((4, b"\x42\x42"))
    out.append((0x88CC, lldp.frames()[0][14:]))
    out.append((0x8809, slow.frames()[0][14:]))
    out.append((0x880B, ppp.ppp_frames()[0]))
    out.append((0x8100, b"\x00\x05\x00\x04" + out[0][1]))
    return out


def write(outdir):
    p = payloads()
    write_records(outdir + "/cooked.pcap", [(f, len(f)) for f in (sll(t, b, i % 5) for i, (t, b) in enumerate(p))],
                  linktype=113)
    write_records(outdir + "/cooked2.pcap", [(f, len(f)) for f in (sll2(t, b, i % 5) for i, (t, b) in enumerate(p))],
                  linktype=276)
