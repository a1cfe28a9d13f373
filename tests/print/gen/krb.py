"""Kerberos frames for apps.pcap (and its truncated copies); the comment in frames() lists the cases."""
import struct

from .common import *  # noqa: F401,F403


def frames():
    f = []
    # Kerberos: v5 (AS-REQ and TGS-REP tags), v4 requests and replies in both byte orders, a v4 error,
    # an unknown v4 type, versions 1 and 9, a principal without its NUL, an empty datagram.
    f.append(u4(40000, 88, bytes.fromhex("6a8201003082") + bytes(8)))
    f.append(u4(88, 40000, bytes.fromhex("6b03300100")))
    f.append(u4(40000, 750, b"\x04\x02" + b"alice\0\0ATHENA.MIT.EDU\0" + bytes(4) + b"\x60" + b"krbtgt\0ATHENA.MIT.EDU\0"))
    f.append(u4(750, 40000, b"\x04\x05" + b"bob\0admin\0REALM\0" + bytes(10) + b"\x10\x00"))
    f.append(u4(750, 40000, b"\x04\x04" + b"bob\0admin\0REALM\0" + bytes(10) + b"\x00\x10"))
    f.append(u4(40000, 750, b"\x04\x06\x00\x05" + b"rcmd\0" + b"\x07\x09"))
    f.append(u4(750, 40000, b"\x04\x0a" + b"carol\0\0R\0" + bytes(4) + b"\x00\x08\x00\x00" + b"Principal unknown\0"))
    f.append(u4(750, 40000, b"\x04\x0b" + b"carol\0\0R\0" + bytes(4) + b"\x2a\x00\x00\x00" + b"odd\0"))
    f.append(u4(750, 40000, b"\x04\x20xyz"))
    f.append(u4(750, 40000, b"\x01\x02"))
    f.append(u4(750, 40000, b"\x09\x02"))
    f.append(u4(40000, 750, b"\x04\x02" + b"no-terminator"))
    f.append(u4(40000, 88, b""))
    return f
