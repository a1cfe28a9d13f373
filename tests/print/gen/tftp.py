"""TFTP frames for apps.pcap (and its truncated copies); the comment in frames() lists the cases."""
import struct

from .common import *  # noqa: F401,F403


def frames():
    f = []
    # TFTP: requests with options, data, ack, errors (known and unknown code), OACK, a bogus opcode, a
    # name without its NUL, a one-byte message, an error without its message.
    f.append(u4(40000, 69, b"\x00\x01boot/pxelinux.0\x00octet\x00blksize\x001468\x00tsize\x000\x00"))
    f.append(u4(40001, 69, b"\x00\x02upload.bin\x00netascii\x00"))
    f.append(u4(69, 40000, b"\x00\x03\x00\x01" + b"D" * 30))
    f.append(u4(40000, 69, b"\x00\x04\x00\x01"))
    f.append(u4(69, 40000, b"\x00\x05\x00\x01File not found\x00"))
    f.append(u4(69, 40000, b"\x00\x05\x00\x09odd\x00"))
    f.append(u4(69, 40000, b"\x00\x06blksize\x001468\x00\x00"))
    f.append(u4(40000, 69, b"\x00\x09"))
    f.append(u4(40000, 69, b"\x00\x01no-terminator"))
    f.append(u4(40000, 69, b"\x00"))
    f.append(u4(69, 40000, b"\x00\x05\x00\x02"))
    f.append(u4(40000, 69, b"\x00\x01name\x00"))
    f.append(u4(40000, 69, b"\x00\x01\x01\x7f\xc1x\x00mail\x00"))
    return f
