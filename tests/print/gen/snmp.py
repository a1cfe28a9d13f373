"""SNMP frames for apps.pcap: v1 and v2c requests and responses (every PDU type, every value type, the
default and other communities, errors with and without an index, GetBulk), v1 traps (generic, enterprise
specific, an unknown generic), SNMPv3 with USM (flag combinations, a bad flag, another security model),
OIDs under each abbreviated prefix and none, multi-byte sub-identifiers, and malformed messages (not a
SEQUENCE, an unknown version, a v2 PDU in v1, a trap in v2c, lengths past the end, extra bytes, a
non-printable string, long-form lengths, an extended tag, types the SMI does not allow)."""
import struct

from .common import *  # noqa: F401,F403


def blen(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def tlv(tag, content):
    return bytes([tag]) + blen(len(content)) + content


def seq(*items):
    return tlv(0x30, b"".join(items))


def integer(v):
    n = 1
    while not -(1 << (8 * n - 1)) <= v < (1 << (8 * n - 1)):
        n += 1
    return tlv(0x02, v.to_bytes(n, "big", signed=True))


def octets(s):
    return tlv(0x04, s if isinstance(s, bytes) else s.encode())


def null():
    return b"\x05\x00"


def oid(dotted):
    arcs = [int(x) for x in dotted.strip(".").split(".")]
    out = [arcs[0] * 40 + arcs[1]] + arcs[2:]
    enc = b""
    for a in out:
        chunk = [a & 0x7F]
        a >>= 7
        while a:
            chunk.append(0x80 | (a & 0x7F))
            a >>= 7
        enc += bytes(reversed(chunk))
    return tlv(0x06, enc)


def app(tag, v, n=4):
    return tlv(0x40 | tag, v.to_bytes(n, "big"))


def vb(name, value=None):
    return seq(oid(name), null() if value is None else value)


def pdu(tag, reqid, err, idx, binds):
    return tlv(0xA0 | tag, integer(reqid) + integer(err) + integer(idx) + seq(*binds))


def msg(version, community, body):
    return seq(integer(version), octets(community), body)


SYSDESCR = "1.3.6.1.2.1.1.1.0"
UPTIME = "1.3.6.1.2.1.1.3.0"
IFIN = "1.3.6.1.2.1.2.2.1.10.3"


def frames():
    f = []

    def s(sp, dp, data):
        f.append(u4(sp, dp, data))
    s(40000, 161, msg(0, "public", pdu(0, 1, 0, 0, [vb(SYSDESCR), vb(UPTIME)])))
    s(161, 40000, msg(0, "public", pdu(2, 1, 0, 0, [vb(SYSDESCR, octets("Linux box 6.1")), vb(UPTIME, app(3, 123456))])))
    s(40000, 161, msg(1, "s3cret", pdu(1, 2, 0, 0, [vb("1.3.6.1.2.1.2.2.1.2")])))
    s(161, 40000, msg(1, "s3cret", pdu(2, 2, 0, 0, [
        vb(IFIN, app(1, 4000000000)), vb("1.3.6.1.2.1.2.2.1.5.3", app(2, 1000000000)),
        vb("1.3.6.1.2.1.4.20.1.1.10.0.0.1", app(0, 0x0A000001)), vb("1.3.6.1.2.1.1.2.0", oid("1.3.6.1.4.1.8072.3.2.10")),
        vb("1.3.6.1.2.1.31.1.1.1.6.3", app(6, 2 ** 40 + 3, 8)), vb("1.3.6.1.2.1.1.7.0", integer(-72)),
        vb("1.3.6.1.2.1.2.2.1.6.3", octets(bytes([0, 0x1b, 0x21, 0x3a, 0x4f, 0x5e]))), vb("1.3.6.1.2.1.1.4.0", null())])))
    s(40000, 161, tlv(0x30, integer(1) + octets("public") + tlv(0xA5, integer(3) + integer(0) + integer(10) + seq(vb("1.3.6.1.2.1.2.2")))))
    s(40000, 161, msg(1, "private", pdu(3, 4, 0, 0, [vb("1.3.6.1.2.1.1.5.0", octets("newname"))])))
    s(161, 40000, msg(1, "public", pdu(2, 4, 2, 1, [vb("1.3.6.1.2.1.1.5.0", octets("newname"))])))
    s(161, 40000, msg(1, "public", pdu(2, 5, 5, 0, [vb(SYSDESCR)])))
    s(161, 40000, msg(1, "public", pdu(2, 6, 0, 3, [vb(SYSDESCR)])))
    s(161, 40000, msg(1, "public", pdu(2, 7, 99, 1, [vb(SYSDESCR)])))
    s(161, 40000, msg(1, "public", pdu(2, 8, 0, 0, [vb(SYSDESCR, b"\x80\x00"), vb(UPTIME, b"\x81\x00"), vb(IFIN, b"\x82\x00")])))
    s(40000, 161, msg(1, "public", pdu(0, 9, 1, 2, [vb(SYSDESCR, integer(1))])))
    s(40000, 162, msg(1, "public", pdu(6, 10, 0, 0, [vb(UPTIME, app(3, 5)), vb("1.3.6.1.6.3.1.1.4.1.0", oid("1.3.6.1.6.3.1.1.5.3"))])))
    s(40000, 162, msg(1, "public", pdu(7, 11, 0, 0, [vb(UPTIME, app(3, 6)), vb("1.3.6.1.6.3.1.1.4.1.0", oid("1.3.6.1.6.3.1.1.5.4"))])))
    s(40000, 161, msg(1, "public", pdu(8, 12, 0, 0, [vb("1.3.6.1.6.3.15.1.1.4.0", app(1, 7))])))
    # v1 traps.
    def trap(ent, addr, gen, spec, ts, binds):
        return tlv(0xA4, oid(ent) + tlv(0x40, bytes(addr)) + integer(gen) + integer(spec) + app(3, ts) + seq(*binds))
    s(40000, 162, msg(0, "public", trap("1.3.6.1.4.1.9.1.122", [10, 0, 0, 9], 2, 0, 100, [vb("1.3.6.1.2.1.2.2.1.1.3", integer(3))])))
    s(40000, 162, msg(0, "traps", trap("1.3.6.1.4.1.2021.251", [10, 0, 0, 9], 6, 17, 200, [])))
    s(40000, 162, msg(0, "public", trap("1.3.6.1.3.1", [10, 0, 0, 9], 9, 1, 300, [])))
    s(40000, 162, msg(0, "public", trap("1.3.6.1.4.1.9", [10, 0, 0, 9], 0, 4, 1, [])))
    # SNMPv3: a discovery request (no user), an authenticated one with a report, a bad flag, model 2.
    def v3(msgid, flags, model, usm, scoped):
        return seq(integer(3), seq(integer(msgid), integer(65507), octets(bytes([flags])), integer(model)), octets(usm), scoped)
    usm0 = seq(octets(b""), integer(0), integer(0), octets(b""), octets(b""), octets(b""))
    usm1 = seq(octets(bytes.fromhex("80001f888056")), integer(7), integer(1234), octets("alice"), octets(bytes(12)), octets(b""))
    scoped0 = seq(octets(b""), octets(b""), pdu(0, 20, 0, 0, []))
    scoped1 = seq(octets(bytes.fromhex("80001f888056")), octets("ctx"), pdu(8, 21, 0, 0, [vb("1.3.6.1.6.3.15.1.1.4.0", app(1, 1))]))
    s(40000, 161, v3(1, 0x04, 3, usm0, scoped0))
    s(161, 40000, v3(2, 0x01, 3, usm1, scoped1))
    s(40000, 161, v3(3, 0x03, 3, usm1, scoped1))
    s(40000, 161, v3(4, 0x02, 3, usm1, scoped1))
    s(40000, 161, v3(5, 0x00, 2, usm1, scoped1))
    # OIDs: other roots, multi-byte sub-identifiers, a 2.x arc, a one-byte OID.
    s(40000, 161, msg(1, "public", pdu(0, 30, 0, 0, [vb("1.0.8802.1.1.2.1.4.1.1.9"), vb("2.999.3"), vb("1.3.6.1.2.1.99999999.1"),
                                                    vb("1.3.6.1.2.1.10.7.2.1.19.5"), vb("1.3.6.1.5.5.7")])))
    s(40000, 161, msg(1, "public", pdu(0, 31, 0, 0, [seq(tlv(0x06, b"\x2b"), null())])))
    # Malformed.
    s(40000, 161, integer(5))
    s(40000, 161, seq(integer(5), octets("public")))
    s(40000, 161, msg(0, "public", tlv(0xA5, integer(1) + integer(0) + integer(0) + seq())))
    s(40000, 161, msg(1, "public", tlv(0xA4, oid("1.3.6.1.4.1.9") + tlv(0x40, bytes(4)) + integer(0) + integer(0) + app(3, 1) + seq())))
    s(40000, 161, msg(1, "public", pdu(0, 40, 0, 0, [vb(SYSDESCR)]))[:-3])
    s(40000, 161, msg(1, "public", pdu(0, 41, 0, 0, [vb(SYSDESCR)])) + b"\x00\x00")
    s(40000, 161, msg(1, b"\x01\x02pub", pdu(0, 42, 0, 0, [vb(SYSDESCR)])))
    s(40000, 161, b"\x30\x82\x00\x1d" + integer(1) + b"\x04\x81\x06public" + pdu(0, 43, 0, 0, [vb(UPTIME)])[:0] + tlv(0xA0, integer(43) + integer(0) + integer(0) + b"\x30\x00"))
    s(40000, 161, msg(1, "public", tlv(0xBF, b"\x81\x05" + b"")))
    s(40000, 161, msg(1, "public", pdu(0, 44, 0, 0, [vb(SYSDESCR, b"\x01\x01\xff"), vb(UPTIME, b"\x44\x01\x00"), vb(IFIN, b"\x83\x00")])))
    s(161, 40000, msg(1, "public", pdu(2, 45, 0, 0, [vb(SYSDESCR, b"\x41\x00"), vb(UPTIME, b"\x02\x00"), vb(IFIN, b"\x31\x00"), vb(IFIN, b"\xc0\x00")])))
    s(161, 40000, msg(1, "public", pdu(2, 46, 0, 0, [vb(SYSDESCR, b"\x64\x00"), vb(UPTIME, b"\x40\x03\x01\x02\x03")])))
    s(40000, 161, msg(1, "public", octets("notapdu")))
    s(40000, 161, msg(1, "public", pdu(0, 47, 0, 0, [octets("x")])))
    s(40000, 161, msg(1, "public", pdu(0, 48, 0, 0, [seq(integer(1), null())])))
    s(40000, 161, msg(1, "public", tlv(0xA0, octets("r") + integer(0) + integer(0) + seq())))
    s(40000, 161, b"")
    return f
