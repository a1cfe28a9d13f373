"""Telnet frames for apps.pcap (and its truncated copies); the comment in frames() lists the cases."""
import struct

from .common import *  # noqa: F401,F403


def frames():
    f = []
    # Telnet: negotiation, subnegotiation (terminal type, window size, authentication), commands,
    # an escaped IAC, an unknown option, an unterminated SB, data after the commands.
    f.append(t4(23, 40000, bytes([255, 253, 24, 255, 253, 32, 255, 253, 35, 255, 253, 39])))
    f.append(t4(40000, 23, bytes([255, 250, 24, 0]) + b"XTERM" + bytes([255, 240, 255, 250, 31, 0, 80, 0, 24, 255, 240])))
    f.append(t4(23, 40000, bytes([255, 250, 37, 1, 2, 0, 255, 240, 255, 250, 38, 1, 1, 255, 240, 255, 251, 1]) + b"login: "))
    f.append(t4(23, 40000, bytes([255, 246, 255, 241, 255, 255, 255, 251, 200, 255, 250, 24, 1])))
    f.append(t4(23, 40000, bytes([255, 250, 24, 1, 255, 240])))
    f.append(t4(23, 40000, bytes([255, 251, 3, 255, 100]) + b"xx"))
    f.append(t4(23, 40000, b"plain data"))
    return f
