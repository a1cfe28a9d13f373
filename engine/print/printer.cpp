// The Printer: tcpdump's pretty_print_packet. Per packet: packet number, sanity checks on the lengths,
// timestamp, the link-layer printer chosen by the DLT, the truncation marker if a printer ran off the
// captured bytes, then the -x/-X/-A dumps and the newline. One fwrite per packet from a reused buffer.
#include "printer.hpp"

#include <ctime>

#include "dispatch.hpp"
#include "names.hpp"
#include "tcp_seq.hpp"

namespace ringdump::print {
namespace {

constexpr uint32_t kMaximumSnaplen = 262144;
uint32_t Ether(Nd& nd, const LinkArgs& a) { return EtherPrint(nd, a.p, a.length, a.caplen, true); }
uint32_t Null(Nd& nd, const LinkArgs& a) { return NullPrint(nd, a.p, a.length, a.caplen); }
uint32_t Raw(Nd& nd, const LinkArgs& a) { return RawPrint(nd, a.p, a.length, a.caplen); }
uint32_t Sll(Nd& nd, const LinkArgs& a) { return SllPrint(nd, a.p, a.length, a.caplen); }
uint32_t Sll2(Nd& nd, const LinkArgs& a) { return Sll2Print(nd, a.p, a.length, a.caplen); }

// print.c's printers[], row by row, with Linux's DLT_ values (the #ifdef'd rows are all defined there;
// DLT_CIP and DLT_FR are not, and are left out as tcpdump's preprocessor leaves them out). A link type
// with a row but no printer, like one without a row, prints as unsupported_if_print does.
constexpr LinkRow kLinks[] = {
    {"DLT_APPLE_IP_OVER_IEEE1394", 138, nullptr},
    {"DLT_ARCNET", 7, nullptr},
    {"DLT_ARCNET_LINUX", 129, nullptr},
    {"DLT_ATM_RFC1483", 11, nullptr},
    {"DLT_DSA_TAG_BRCM", 281, nullptr},
    {"DLT_DSA_TAG_BRCM_PREPEND", 282, nullptr},
    {"DLT_BLUETOOTH_HCI_H4_WITH_PHDR", 201, nullptr},
    {"DLT_C_HDLC", 104, nullptr},
    {"DLT_HDLC", 112, nullptr},
    {"DLT_ATM_CLIP", 19, nullptr},
    {"DLT_DSA_TAG_DSA", 284, nullptr},
    {"DLT_DSA_TAG_EDSA", 285, nullptr},
    {"DLT_ENC", 109, nullptr},
    {"DLT_EN10MB", 1, Ether},
    {"DLT_FDDI", 10, nullptr},
    {"DLT_FRELAY", 107, nullptr},
    {"DLT_IEEE802_11", 105, nullptr},
    {"DLT_IEEE802_11_RADIO_AVS", 163, nullptr},
    {"DLT_IEEE802_11_RADIO", 127, nullptr},
    {"DLT_IEEE802_15_4", 195, nullptr},
    {"DLT_IEEE802_15_4_NOFCS", 230, nullptr},
    {"DLT_IEEE802_15_4_TAP", 283, nullptr},
    {"DLT_IP_OVER_FC", 122, nullptr},
    {"DLT_IPNET", 226, nullptr},
    {"DLT_IPOIB", 242, nullptr},
    {"DLT_JUNIPER_ATM1", 137, nullptr},
    {"DLT_JUNIPER_ATM2", 135, nullptr},
    {"DLT_JUNIPER_CHDLC", 181, nullptr},
    {"DLT_JUNIPER_ES", 132, nullptr},
    {"DLT_JUNIPER_ETHER", 178, nullptr},
    {"DLT_JUNIPER_FRELAY", 180, nullptr},
    {"DLT_JUNIPER_GGSN", 133, nullptr},
    {"DLT_JUNIPER_MFR", 134, nullptr},
    {"DLT_JUNIPER_MLFR", 131, nullptr},
    {"DLT_JUNIPER_MLPPP", 130, nullptr},
    {"DLT_JUNIPER_MONITOR", 164, nullptr},
    {"DLT_JUNIPER_PPP", 179, nullptr},
    {"DLT_JUNIPER_PPPOE_ATM", 168, nullptr},
    {"DLT_JUNIPER_PPPOE", 167, nullptr},
    {"DLT_JUNIPER_SERVICES", 136, nullptr},
    {"DLT_LTALK", 114, nullptr},
    {"DLT_MFR", 182, nullptr},
    {"DLT_NETANALYZER", 240, nullptr},
    {"DLT_NETANALYZER_TRANSPARENT", 241, nullptr},
    {"DLT_NFLOG", 239, nullptr},
    {"DLT_NULL", 0, Null},
    {"DLT_LOOP", 108, Null},
    {"DLT_PFLOG", 117, nullptr},
    {"DLT_PKTAP", 258, nullptr},
    {"DLT_PPI", 192, nullptr},
    {"DLT_PPP_BSDOS", 16, nullptr},
    {"DLT_PPP_SERIAL", 50, nullptr},
    {"DLT_PPP", 9, nullptr},
    {"DLT_PPP_PPPD", 166, nullptr},
    {"DLT_PPP_ETHER", 51, nullptr},
    {"DLT_PRISM_HEADER", 119, nullptr},
    {"DLT_RAW", 12, Raw},
    {"DLT_IPV4", 228, Raw},
    {"DLT_IPV6", 229, Raw},
    {"DLT_SLIP_BSDOS", 15, nullptr},
    {"DLT_SLIP", 8, nullptr},
    {"DLT_LINUX_SLL", 113, Sll},
    {"DLT_LINUX_SLL2", 276, Sll2},
    {"DLT_SUNATM", 123, nullptr},
    {"DLT_SYMANTEC_FIREWALL", 99, nullptr},
    {"DLT_IEEE802", 6, nullptr},
    {"DLT_USB_LINUX", 189, nullptr},
    {"DLT_USB_LINUX_MMAPPED", 220, nullptr},
    {"DLT_VSOCK", 271, nullptr},
};

// libpcap's linktype_to_dlt for the LINKTYPE_ values that differ from Linux's DLT_ values.
int LinktypeToDlt(int linktype) {
  switch (linktype) {
    case 100:
      return 11;  // LINKTYPE_ATM_RFC1483
    case 101:
      return 12;  // LINKTYPE_RAW
    case 102:
      return 15;  // LINKTYPE_SLIP_BSDOS
    case 103:
      return 16;  // LINKTYPE_PPP_BSDOS
    case 106:
      return 19;  // LINKTYPE_ATM_CLIP
    default:
      return linktype;
  }
}

}  // namespace

struct Printer::Impl {
  PrintOptions o;
  int dlt;
  const LinkRow* link;  // chosen once, as tcpdump's get_if_printer
  FILE* file;
  Out out;
  Names names;
  TcpSeqTable tcp;
  uint64_t count = 0;
  // -ttt / -ttttt reference time (tcpdump's static tv_ref).
  int64_t ref_sec = 0;
  uint32_t ref_frac = 0;
  // localtime() is slow; cache the text of the last second printed.
  int64_t cached_sec = -1;
  bool cached_date = false;
  char cached_text[40] = {};

  Impl(const PrintOptions& opts, int d, FILE* f)
      : o(opts), dlt(d), link(FindLink(d)), file(f), names(NamesOf(opts)) {}

  static NameOptions NamesOf(const PrintOptions& opts) {
    NameOptions n;
    n.numeric = opts.numeric != 0;
    n.no_domain = opts.no_domain;
    n.background = opts.background_names;
    n.lookup = opts.host_lookup;
    return n;
  }

  void FracPrint(uint32_t frac) {
    out.C('.');
    out.UPad(frac, o.nano ? 9 : 6);
  }

  void HmsFracPrint(int64_t sec, uint32_t frac, bool with_date, bool utc) {
    if (uint32_t(sec) & 0x80000000u) {
      out.S("[Error converting time]");
      return;
    }
    if (utc || sec != cached_sec || with_date != cached_date) {
      time_t t = time_t(uint32_t(sec));
      struct tm tmv;
      struct tm* tm = utc ? gmtime_r(&t, &tmv) : localtime_r(&t, &tmv);
      if (tm == nullptr) {
        out.S("[localtime() or gmtime() couldn't convert the date and time]");
        FracPrint(frac);
        return;
      }
      char buf[40];
      strftime(buf, sizeof buf, with_date ? "%Y-%m-%d %H:%M:%S" : "%H:%M:%S", tm);
      if (utc) {
        out.S(buf);
        FracPrint(frac);
        return;
      }
      memcpy(cached_text, buf, sizeof buf);
      cached_sec = sec;
      cached_date = with_date;
    }
    out.S(cached_text);
    FracPrint(frac);
  }

  void TsPrint(int64_t sec, uint32_t frac) {
    switch (o.timestamp_style) {
      case 0:
        HmsFracPrint(sec, frac, false, o.utc);
        out.C(' ');
        break;
      case 1:
        break;
      case 2:
        if (uint32_t(sec) & 0x80000000u) {
          out.S("[Error converting time]");
        } else {
          out.U(uint32_t(sec));
          FracPrint(frac);
        }
        out.C(' ');
        break;
      case 3:
      case 5: {
        uint32_t unit = o.nano ? 1000000000u : 1000000u;
        if (ref_sec == 0 && ref_frac == 0) {
          ref_sec = sec;
          ref_frac = frac;
        }
        bool negative = sec < ref_sec || (sec == ref_sec && frac < ref_frac);
        int64_t a_sec = negative ? ref_sec : sec, b_sec = negative ? sec : ref_sec;
        int64_t a_frac = negative ? ref_frac : frac, b_frac = negative ? frac : ref_frac;
        int64_t rs = a_sec - b_sec, rf = a_frac - b_frac;
        if (rf < 0) {
          rs--;
          rf += unit;
        }
        out.C(negative ? '-' : ' ');
        HmsFracPrint(rs, uint32_t(rf), false, true);
        out.C(' ');
        if (o.timestamp_style == 3) {
          ref_sec = sec;
          ref_frac = frac;
        }
        break;
      }
      case 4:
        HmsFracPrint(sec, frac, true, o.utc);
        out.C(' ');
        break;
      default:
        break;
    }
  }

  // Returns false (after printing the reason) when tcpdump rejects the record header.
  bool SanityCheck(const PacketView& p) {
    bool invalid = false;
    if (p.caplen == 0) {
      invalid = true;
      out.S("[Invalid header: caplen==0");
    }
    auto sep = [&] {
      if (!invalid) {
        invalid = true;
        out.S("[Invalid header:");
      } else {
        out.C(',');
      }
    };
    if (p.len == 0) {
      sep();
      out.S(" len==0");
    } else if (p.len < p.caplen) {
      sep();
      out.F(" len(%u) < caplen(%u)", p.len, p.caplen);
    }
    if (p.caplen > kMaximumSnaplen) {
      sep();
      out.F(" caplen(%u) > %u", p.caplen, kMaximumSnaplen);
    }
    if (p.len > kMaximumSnaplen) {
      sep();
      out.F(" len(%u) > %u", p.len, kMaximumSnaplen);
    }
    if (invalid) out.S("]\n");
    return !invalid;
  }

  uint32_t LinkPrint(Nd& nd, const PacketView& p) {
    if (link != nullptr && link->print != nullptr) return link->print(nd, LinkArgs{p.data, p.len, p.caplen});
    // tcpdump's unsupported_if_print: the bytes, always, and no link header to skip.
    nd.out.S("UNSUPPORTED");
    HexAndAsciiPrint(nd, "\n\t", p.data, p.caplen);
    return 0;
  }

  void Print(const PacketView& p, uint32_t frac) {
    out.Clear();
    ++count;
    if (o.number) {
      // "%5u  "
      char b[24];
      int n = snprintf(b, sizeof b, "%5u  ", unsigned(count));
      out.S(std::string_view(b, size_t(n)));
    }
    if (!SanityCheck(p)) {
      Flush();
      return;
    }
    TsPrint(p.sec, frac);

    Nd nd{o, out, names, tcp};
    nd.packetp = p.data;
    nd.snapend = p.data + p.caplen;
    // As tcpdump's -x, -X and -q (not -A) do.
    nd.suppress_default_print = o.hex || o.hex_ascii || o.quiet;
    uint32_t hdrlen = 0;
    try {
      hdrlen = LinkPrint(nd, p);
    } catch (const Truncated&) {
      // A read past the end (tcpdump's longjmp): the dumps then show the whole packet. Printers that
      // check explicitly (ND_TCHECK) print the marker themselves and return normally instead.
      nd.PrintTrunc();
      hdrlen = 0;
    }
    nd.snapend = p.data + p.caplen;
    if (o.hex_ascii) {
      if (o.hex_ascii > 1) {
        HexAndAsciiPrint(nd, "\n\t", p.data, p.caplen);
      } else if (p.caplen > hdrlen) {
        HexAndAsciiPrint(nd, "\n\t", p.data + hdrlen, p.caplen - hdrlen);
      }
    } else if (o.hex) {
      if (o.hex > 1) {
        HexPrint(nd, "\n\t", p.data, p.caplen);
      } else if (p.caplen > hdrlen) {
        HexPrint(nd, "\n\t", p.data + hdrlen, p.caplen - hdrlen);
      }
    } else if (o.ascii) {
      if (o.ascii > 1) {
        AsciiPrint(nd, p.data, p.caplen);
      } else if (p.caplen > hdrlen) {
        AsciiPrint(nd, p.data + hdrlen, p.caplen - hdrlen);
      }
    }
    out.C('\n');
    Flush();
  }

  void Flush() { fwrite_unlocked(out.str().data(), 1, out.size(), file); }
};

Printer::Printer(const PrintOptions& options, int dlt, FILE* out)
    : impl_(std::make_unique<Impl>(options, dlt, out)) {}
Printer::~Printer() = default;

void Printer::Print(const PacketView& p) { impl_->Print(p, impl_->o.nano ? p.nsec : p.nsec / 1000); }
void Printer::PrintWithFraction(const PacketView& p, uint32_t fraction) { impl_->Print(p, fraction); }

std::span<const LinkRow> LinkTable() { return kLinks; }

const LinkRow* FindLink(int linktype) {
  int dlt = LinktypeToDlt(linktype);
  for (const LinkRow& r : kLinks) {
    if (r.dlt == dlt) return &r;
  }
  return nullptr;
}

bool Printer::SupportsDlt(int dlt) {
  const LinkRow* r = FindLink(dlt);
  return r != nullptr && r->print != nullptr;
}

}  // namespace ringdump::print
