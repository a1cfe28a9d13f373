// The Printer: tcpdump's pretty_print_packet. Per packet: packet number, sanity checks on the lengths,
// timestamp, the link-layer printer chosen by the DLT, the truncation marker if a printer ran off the
// captured bytes, then the -x/-X/-A dumps and the newline. One fwrite per packet from a reused buffer.
#include "printer.hpp"

#include <ctime>

#include "dissect.hpp"
#include "names.hpp"
#include "tcp_seq.hpp"

namespace ringdump::print {
namespace {

constexpr uint32_t kMaximumSnaplen = 262144;
constexpr int kDltNull = 0, kDltEn10mb = 1, kDltRaw = 12, kDltLoop = 108, kDltLinuxSll = 113,
              kDltLinuxSll2 = 276, kDltRaw101 = 101, kDltIpv4 = 228, kDltIpv6 = 229;

}  // namespace

struct Printer::Impl {
  PrintOptions o;
  int dlt;
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

  Impl(const PrintOptions& opts, int d, FILE* f) : o(opts), dlt(d), file(f), names(NamesOf(opts)) {}

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
    switch (dlt) {
      case kDltEn10mb:
        return EtherPrint(nd, p.data, p.len, p.caplen, true);
      case kDltLinuxSll:
        return SllPrint(nd, p.data, p.len, p.caplen);
      case kDltLinuxSll2:
        return Sll2Print(nd, p.data, p.len, p.caplen);
      case kDltNull:
      case kDltLoop:
        return NullPrint(nd, p.data, p.len, p.caplen);
      case kDltRaw:
      case kDltRaw101:
      case kDltIpv4:
      case kDltIpv6:
        return RawPrint(nd, p.data, p.len, p.caplen);
      default:
        // tcpdump's unsupported_if_print: the bytes, always, and no link header to skip.
        nd.out.S("UNSUPPORTED");
        HexAndAsciiPrint(nd, "\n\t", p.data, p.caplen);
        return 0;
    }
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

bool Printer::SupportsDlt(int dlt) {
  switch (dlt) {
    case kDltNull:
    case kDltEn10mb:
    case kDltRaw:
    case kDltLoop:
    case kDltLinuxSll:
    case kDltLinuxSll2:
    case kDltRaw101:
    case kDltIpv4:
    case kDltIpv6:
      return true;
    default:
      return false;
  }
}

}  // namespace ringdump::print
