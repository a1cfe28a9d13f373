"""LDP frames for apps.pcap, over UDP (hellos) and TCP (sessions): every message and TLV print-ldp.c
decodes (hello parameters, transport addresses, configuration sequence, session and fault-tolerant
parameters, address lists, FECs: wildcard, IPv4/IPv6 prefixes, host, Martini VCs with interface
parameters; labels, status, MTU), messages and TLVs it only hex-dumps, two PDUs in a segment, and
malformed ones (a TLV past its message, TLVs too short, a message too short, version 2, a short
pdu-length, a PDU longer than the segment, a prefix length over 32)."""
import struct

from .common import *  # noqa: F401,F403


def tlv(t, v, u=False, f=False):
    return struct.pack("!HH", t | (0x8000 if u else 0) | (0x4000 if f else 0), len(v)) + v


def msg(t, mid, tlvs, u=False, fix_len=None):
    body = struct.pack("!I", mid) + b"".join(tlvs)
    return struct.pack("!HH", t | (0x8000 if u else 0), fix_len if fix_len is not None else len(body)) + body


def pdu(msgs, lsr=(10, 0, 0, 1), space=0, version=1, fix_len=None):
    body = bytes(lsr) + struct.pack("!H", space) + b"".join(msgs)
    return struct.pack("!HH", version, fix_len if fix_len is not None else len(body)) + body


def frames():
    f = []
    hello = msg(0x100, 1, [tlv(0x400, struct.pack("!HH", 15, 0)), tlv(0x401, bytes([10, 0, 0, 1])), tlv(0x402, struct.pack("!I", 7))])
    f.append(u4(646, 646, pdu([hello])))
    f.append(u4(646, 646, pdu([msg(0x100, 2, [tlv(0x400, struct.pack("!HH", 45, 0xC000)), tlv(0x403, A6)])])))
    init = msg(0x200, 3, [tlv(0x500, struct.pack("!HHBBH", 1, 180, 0, 0, 0xC000) + bytes([10, 0, 0, 2]) + struct.pack("!H", 0)),
                          tlv(0x503, struct.pack("!HHII", 0x800F, 0, 120000, 5000), u=True), tlv(0x503, struct.pack("!HHII", 0, 0, 0, 0))])
    f.append(t4(40000, 646, pdu([init])))
    f.append(t4(646, 40000, pdu([msg(0x201, 4, [])]) + pdu([msg(0x201, 5, [])])))
    addr = msg(0x300, 6, [tlv(0x101, struct.pack("!H", 1) + bytes([10, 0, 0, 1, 192, 168, 1, 254])), tlv(0x101, struct.pack("!H", 2) + A6 + B6),
                          tlv(0x101, struct.pack("!H", 9) + b"\x01\x02")])
    f.append(t4(40000, 646, pdu([addr])))
    fec4 = tlv(0x100, b"\x02" + struct.pack("!HB", 1, 24) + bytes([10, 1, 2]))
    fec6 = tlv(0x100, b"\x02" + struct.pack("!HB", 2, 61) + A6[:8])
    fecw = tlv(0x100, b"\x01")
    fech = tlv(0x100, b"\x03\x00\x01\x04\x0a\x00\x00\x01")
    fecx = tlv(0x100, b"\x02" + struct.pack("!HB", 1, 40) + bytes(5))
    feca = tlv(0x100, b"\x02" + struct.pack("!HB", 7, 8) + b"\x01")
    parms = b"\x01\x04\x05\xdc" + b"\x03\x06core" + b"\x0c\x04\x03\x06" + b"\x09\x03\xaa"
    fecm = tlv(0x100, b"\x80" + struct.pack("!HBII", 0x8005, 4 + len(parms), 9, 100) + parms)
    fecm0 = tlv(0x100, b"\x80" + struct.pack("!HBI", 0x0004, 0, 9))
    fecm2 = tlv(0x100, b"\x80" + struct.pack("!HBII", 0x0004, 2, 9, 1))
    mapping = msg(0x400, 7, [fec4, fec6, fecw, fech, fecm, fecm0, fecm2, feca, tlv(0x200, struct.pack("!I", 0x12345)), tlv(0x601, struct.pack("!H", 1500))])
    f.append(t4(40000, 646, pdu([mapping])))
    f.append(t4(40000, 646, pdu([msg(0x400, 8, [fecx])])))
    f.append(t4(40000, 646, pdu([msg(0x001, 9, [tlv(0x300, struct.pack("!II", 0x80000019, 7), u=True, f=True), tlv(0x300, struct.pack("!II", 0x0A, 0))])])))
    f.append(t4(40000, 646, pdu([msg(0x401, 10, [fec4]), msg(0x403, 11, [fec4]), msg(0x3e05, 12, [b"\x01\x02"])])))
    f.append(t4(40000, 646, pdu([msg(0x402, 13, [fec4, tlv(0x104, b"\x00\x00\x00\x01"), tlv(0x3fff, b"xx")]), msg(0x301, 14, [tlv(0x101, b"\x00")])])))
    f.append(t4(40000, 646, pdu([msg(0x400, 15, [tlv(0x200, b"\x00"), tlv(0x500, b"\x00"), tlv(0x400, b""), tlv(0x403, bytes(4)), tlv(0x100, b""),
                                                 tlv(0x100, b"\x02\x00"), tlv(0x100, b"\x80" + bytes(4)), tlv(0x300, bytes(4)), tlv(0x503, bytes(4))])])))
    f.append(t4(40000, 646, pdu([msg(0x400, 16, [struct.pack("!HH", 0x200, 40) + b"\x00\x00\x00\x01"])])))
    f.append(t4(40000, 646, pdu([msg(0x100, 17, [], fix_len=2)])))
    f.append(t4(40000, 646, pdu([hello], version=2)))
    f.append(t4(40000, 646, pdu([hello], fix_len=4)))
    f.append(t4(40000, 646, pdu([hello], fix_len=200)))
    f.append(u4(40000, 646, pdu([hello])[:12]))
    return f
