// Syslog (print-syslog.c): the <PRI> facility and severity, the message with -v, its hex with -vv.
#include "dissect.hpp"

namespace ringdump::print {

void SyslogPrint(Nd& nd, const uint8_t* p, uint32_t len) {
  nd.protocol = "syslog";
  static const char* kFacility[] = {"kernel", "user",     "mail",    "daemon", "auth",     "syslog",
                                    "lpr",    "news",     "uucp",    "cron",   "authpriv", "ftp",
                                    "ntp",    "security", "console", "cron",   "local0",   "local1",
                                    "local2", "local3",   "local4",  "local5", "local6",   "local7"};
  static const char* kSeverity[] = {"emergency", "alert",  "critical", "error",
                                    "warning",   "notice", "info",     "debug"};
  uint32_t off = 0, pri = 0;
  if (nd.U8(p) != '<') {
    nd.PrintInvalid();
    return;
  }
  off++;
  while (off <= 3 && nd.U8(p + off) >= '0' && nd.U8(p + off) <= '9') {
    pri = pri * 10 + (nd.U8(p + off) - '0');
    off++;
  }
  if (nd.U8(p + off) != '>') {
    nd.PrintInvalid();
    return;
  }
  off++;
  uint32_t facility = (pri & 0x3f8) >> 3, severity = pri & 7;
  auto fac = [&] {
    if (facility < 24) {
      nd.out.S(kFacility[facility]);
    } else {
      nd.out.F("unknown (%u)", facility);
    }
  };
  if (nd.o.verbose < 1) {
    nd.out.S("SYSLOG ");
    fac();
    nd.out.F(".%s, length: %u", kSeverity[severity], len);
    return;
  }
  nd.out.F("SYSLOG, length: %u\n\tFacility ", len);
  fac();
  nd.out.F(" (%u), Severity %s (%u)\n\tMsg: ", facility, kSeverity[severity], severity);
  for (; off < len; off++) PrintChar(nd, nd.U8(p + off));
  if (nd.o.verbose > 1) {
    uint32_t n = len;
    if (nd.Avail(p) < n) n = uint32_t(nd.Avail(p));
    HexPrint(nd, "\n\t", p, n);
  }
}
}  // namespace ringdump::print
