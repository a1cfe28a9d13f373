"""Link-layer protocol fixtures for the differential test (STP, LLDP, CDP and the other SNAP protocols,
slow protocols, EAPOL, CFM, MPLS, PPP, PPPoE, GRE v1, loopback, PTP, Realtek), one module per protocol,
each with frames() -> list of Ethernet frames. write_all writes every module's frames whole (NAME.pcap)
and each frame cut short every CUT_STEP bytes (NAME-cut.pcap: per-record caplens below the frame length,
which one snaplen per file cannot give), so the truncation markers are compared too; and the cooked
captures (cooked.py). gen_pcaps.py calls write_all; a new protocol is a module and an entry in MODULES."""
import importlib
import struct

MODULES = ["stp", "lldp", "cdp", "slow", "eapol", "cfm", "mpls", "ppp", "pppoe", "snap", "loopback", "ptp", "gre", "realtek", "macsec", "aarp"]
SRC = bytes([0x00, 0x11, 0x22, 0x33, 0x44, 0x55])


def eth(dst, etype, payload, src=SRC):
    return bytes(dst) + bytes(src) + struct.pack("!H", etype) + payload


def llc_frame(dst, llc, src=SRC):
    """An 802.3 frame: the length field, then the LLC header and payload."""
    return bytes(dst) + bytes(src) + struct.pack("!H", len(llc)) + llc


def write_records(path, records, ts0=1700001000, linktype=1):
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, linktype))
        for i, (data, orig) in enumerate(records):
            f.write(struct.pack("<IIII", ts0 + i, (i * 7919) % 1000000, len(data), orig))
            f.write(data)


def cuts(frame, step):
    """The frame cut at every step bytes past the Ethernet header, and one byte short of whole."""
    out = [(frame[:n], len(frame)) for n in range(14, len(frame), step)]
    out.append((frame[:-1], len(frame)))
    return out


def write_all(outdir):
    for name in MODULES:
        mod = importlib.import_module(__package__ + "." + name)
        frames = mod.frames()
        write_records("%s/%s.pcap" % (outdir, name), [(f, len(f)) for f in frames])
        step = getattr(mod, "CUT_STEP", 5)
        recs = []
        for f in getattr(mod, "cut_frames", lambda: frames)():
            recs += cuts(f, step)
        write_records("%s/%s-cut.pcap" % (outdir, name), recs)
    importlib.import_module(__package__ + ".cooked").write(outdir)
