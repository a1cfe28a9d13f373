// NTP (print-ntp.c): version and mode on one line; with -v the leap indicator, stratum, poll,
// precision, root delay/dispersion, reference id, the four timestamps (with their UTC date) and the
// originator deltas, optional key id and digest; control messages (mode 6) print their header.
#include <ctime>

#include "dissect.hpp"

namespace ringdump::print {
namespace {

constexpr double kFMaxInt = 4294967296.0;
constexpr int64_t kJan1970 = 2208988800LL;

void NtpTime(Nd& nd, const uint8_t* p) {
  uint32_t i = nd.Be32(p), uf = nd.Be32(p + 4);
  double ff = double(uf) / kFMaxInt;
  uint32_t f = uint32_t(ff * 1000000000.0);
  nd.out.F("%u.%09u", i, f);
  if (i) {
    time_t seconds = time_t(int64_t(i) - kJan1970);
    struct tm tmv;
    char buf[128];
    if (gmtime_r(&seconds, &tmv) == nullptr) {
      nd.out.S(" ([localtime() or gmtime() couldn't convert the date and time])");
    } else {
      strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tmv);
      nd.out.F(" (%s)", buf);
    }
  }
}

void Delta(Nd& nd, const uint8_t* olfp, const uint8_t* lfp) {
  uint32_t u = nd.Be32(lfp), ou = nd.Be32(olfp), uf = nd.Be32(lfp + 4), ouf = nd.Be32(olfp + 4);
  if (ou == 0 && ouf == 0) {
    NtpTime(nd, lfp);
    return;
  }
  uint32_t i, f;
  bool sign;
  if (u > ou) {
    sign = false;
    i = u - ou;
    f = uf - ouf;
    if (ouf > uf) i -= 1;
  } else if (u < ou) {
    sign = true;
    i = ou - u;
    f = ouf - uf;
    if (uf > ouf) i -= 1;
  } else {
    i = 0;
    if (uf > ouf) {
      sign = false;
      f = uf - ouf;
    } else {
      sign = true;
      f = ouf - uf;
    }
  }
  double ff = double(f) / kFMaxInt;
  f = uint32_t(ff * 1000000000.0);
  nd.out.F("%s%u.%09u", sign ? "-" : "+", i, f);
}

void SFix(Nd& nd, const uint8_t* p) {
  int i = nd.Be16(p);
  int f = nd.Be16(p + 2);
  double ff = f / 65536.0;
  f = int(ff * 1000000.0);
  nd.out.F("%d.%06d", i, f);
}

void TimePrint(Nd& nd, const uint8_t* bp, uint32_t length) {
  if (length < 48) {
    nd.PrintInvalid();
    nd.TCheck(bp, length);
    return;
  }
  uint8_t stratum = nd.U8(bp + 1);
  const char* sn = stratum == 0                      ? "unspecified"
                   : stratum == 1                    ? "primary reference"
                   : (stratum >= 2 && stratum <= 15) ? "secondary reference"
                                                     : "reserved";
  nd.out.F(", Stratum %u (%s)", stratum, sn);
  int poll = int8_t(nd.U8(bp + 2));
  nd.out.F(", poll %d", poll);
  if (poll > -32 && poll < 32) {
    if (poll >= 0) {
      nd.out.F(" (%us)", 1U << poll);
    } else {
      nd.out.F(" (1/%us)", 1U << -poll);
    }
  }
  nd.out.F(", precision %d", int(int8_t(nd.U8(bp + 3))));
  nd.TCheck(bp + 4, 4);
  nd.out.S("\n\tRoot Delay: ");
  SFix(nd, bp + 4);
  nd.TCheck(bp + 8, 4);
  nd.out.S(", Root dispersion: ");
  SFix(nd, bp + 8);
  nd.TCheck(bp + 12, 4);
  nd.out.S(", Reference-ID: ");
  switch (stratum) {
    case 0:
      nd.out.S("(unspec)");
      break;
    case 1: {
      uint32_t n = 4;
      const uint8_t* s = bp + 12;
      while (n > 0 && s < nd.snapend) {
        n--;
        PrintChar(nd, nd.U8(s++));
      }
      if (n) nd.TcheckTrunc();
      break;
    }
    case 62:
      PrintIpAddr(nd, bp + 12);
      nd.out.S(" INFO_QUERY");
      return;
    case 63:
      PrintIpAddr(nd, bp + 12);
      nd.out.S(" INFO_REPLY");
      return;
    default:
      nd.out.F("0x%08x", nd.Be32(bp + 12));
      break;
  }
  static const char* kLabels[] = {"\n\t  Reference Timestamp:  ", "\n\t  Originator Timestamp: ",
                                  "\n\t  Receive Timestamp:    ", "\n\t  Transmit Timestamp:   "};
  for (int k = 0; k < 4; k++) {
    nd.TCheck(bp + 16 + 8 * k, 8);
    nd.out.S(kLabels[k]);
    NtpTime(nd, bp + 16 + 8 * k);
  }
  nd.out.S("\n\t    Originator - Receive Timestamp:  ");
  Delta(nd, bp + 24, bp + 32);
  nd.out.S("\n\t    Originator - Transmit Timestamp: ");
  Delta(nd, bp + 24, bp + 40);
  if (length == 48 + 4) {
    nd.out.F("\n\tKey id: %u", nd.Be32(bp + 48));
  } else if (length == 48 + 4 + 16 || length == 48 + 4 + 20) {
    nd.out.F("\n\tKey id: %u", nd.Be32(bp + 48));
    uint32_t n = length - 52;
    nd.TCheck(bp + 52, n);
    nd.out.S("\n\tAuthentication: ");
    for (uint32_t k = 0; k < n; k += 4) nd.out.X(nd.Be32(bp + 52 + k), 8);
  } else if (length > 48) {
    nd.out.F("\n\t(%u more bytes after the header)", length - 48);
  }
}

void ControlPrint(Nd& nd, const uint8_t* cd, uint32_t length) {
  if (length < 12) {
    nd.PrintInvalid();
    nd.TCheck(cd, length);
    return;
  }
  uint8_t control = nd.U8(cd + 1);
  nd.out.F(", %s, %s, %s, OpCode=%u\n", (control & 0x80) ? "Response" : "Request",
           (control & 0x40) ? "Error" : "OK", (control & 0x20) ? "More" : "Last", control & 0x1f);
  nd.out.F("\tSequence=%hu", nd.Be16(cd + 2));
  nd.out.F(", Status=%#hx", nd.Be16(cd + 4));
  nd.out.F(", Assoc.=%hu", nd.Be16(cd + 6));
  nd.out.F(", Offset=%hu", nd.Be16(cd + 8));
  uint16_t count = nd.Be16(cd + 10);
  nd.out.F(", Count=%hu", count);
  if (12u + count > length) {
    nd.PrintInvalid();
    nd.TCheck(cd, length);
    return;
  }
  if (count != 0) {
    nd.TCheck(cd + 12, count);
    nd.out.S("\n\tTO-BE-DONE: data not interpreted");
  }
}

}  // namespace

void NtpPrint(Nd& nd, const uint8_t* bp, uint32_t length) {
  nd.protocol = "ntp";
  uint8_t status = nd.U8(bp);
  uint32_t version = (status & 0x38) >> 3;
  nd.out.F("NTPv%u", version);
  uint32_t mode = status & 7;
  static const char* kModes[] = {"unspecified", "symmetric active", "symmetric passive", "Client",
                                 "Server",      "Broadcast",        "Control Message",   "Reserved"};
  if (!nd.o.verbose) {
    nd.out.F(", %s, length %u", kModes[mode], length);
    return;
  }
  nd.out.F(", %s, length %u\n", kModes[mode], length);
  uint32_t leapind = status & 0xc0;
  static const char* kLeap[] = {"", "+1s", "-1s", "clock unsynchronized"};
  nd.out.F("\tLeap indicator: %s (%u)", kLeap[leapind >> 6], leapind);
  TruncLabel(nd, [&] {
    if (mode <= 5) {
      TimePrint(nd, bp, length);
    } else if (mode == 6) {
      ControlPrint(nd, bp, length);
    }
  });
}

}  // namespace ringdump::print
