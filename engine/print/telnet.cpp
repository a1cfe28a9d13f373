// Telnet (print-telnet.c): the option negotiation commands at the start of a segment, as
// " [telnet DO TERMINAL TYPE, WILL ECHO, SB NAWS IS 0 0x50 ... SE]"; with -X and -vvv each command is
// also dumped in hex. Data after the commands is not printed (tcpdump prints nothing for it either).
#include "dissect.hpp"

namespace ringdump::print {
namespace {

constexpr uint8_t kIac = 255, kDont = 254, kDo = 253, kWont = 252, kWill = 251, kSb = 250, kSe = 240;
constexpr uint8_t kCmdFirst = 236;  // xEOF
constexpr uint8_t kOptAuthentication = 37, kOptEncrypt = 38;

const char* const kTelCmds[] = {"EOF", "SUSP", "ABORT", "EOR", "SE", "NOP",  "DMARK", "BRK", "IP",   "AO",
                                "AYT", "EC",   "EL",    "GA",  "SB", "WILL", "WONT",  "DO",  "DONT", "IAC"};
constexpr int kNumOpts = 40;
const char* const kTelOpts[kNumOpts] = {"BINARY",
                                        "ECHO",
                                        "RCP",
                                        "SUPPRESS GO AHEAD",
                                        "NAME",
                                        "STATUS",
                                        "TIMING MARK",
                                        "RCTE",
                                        "NAOL",
                                        "NAOP",
                                        "NAOCRD",
                                        "NAOHTS",
                                        "NAOHTD",
                                        "NAOFFD",
                                        "NAOVTS",
                                        "NAOVTD",
                                        "NAOLFD",
                                        "EXTEND ASCII",
                                        "LOGOUT",
                                        "BYTE MACRO",
                                        "DATA ENTRY TERMINAL",
                                        "SUPDUP",
                                        "SUPDUP OUTPUT",
                                        "SEND LOCATION",
                                        "TERMINAL TYPE",
                                        "END OF RECORD",
                                        "TACACS UID",
                                        "OUTPUT MARKING",
                                        "TTYLOC",
                                        "3270 REGIME",
                                        "X.3 PAD",
                                        "NAWS",
                                        "TSPEED",
                                        "LFLOW",
                                        "LINEMODE",
                                        "XDISPLOC",
                                        "OLD-ENVIRON",
                                        "AUTHENTICATION",
                                        "ENCRYPT",
                                        "NEW-ENVIRON"};
const char* const kSubCmds[] = {"IS", "SEND", "INFO"};
const char* const kAuthCmds[] = {"IS", "SEND", "REPLY", "NAME"};
const char* const kAuthTypes[] = {"NULL",   "KERBEROS_V4",  "KERBEROS_V5", "SPX",   "MINK", "SRP",
                                  "RSA",    "SSL",          nullptr,       nullptr, "LOKI", "SSA",
                                  "KEA_SJ", "KEA_SJ_INTEG", "DSS",         "NTLM"};
const char* const kEncCmds[] = {"IS",          "SUPPORT",   "REPLY",    "START", "END", "REQUEST-START",
                                "REQUEST-END", "END_KEYID", "DEC_KEYID"};
const char* const kEncTypes[] = {"NULL",          "DES_CFB64",    "DES_OFB64",      "DES3_CFB64",
                                 "DES3_OFB64",    nullptr,        "CAST5_40_CFB64", "CAST5_40_OFB64",
                                 "CAST128_CFB64", "CAST128_OFB64"};

// STR_OR_ID: the table's name, or the value as "%#x".
template <size_t N>
void StrOrId(Nd& nd, uint32_t x, const char* const (&table)[N]) {
  if (x < N && table[x] != nullptr) {
    nd.out.S(table[x]);
  } else {
    nd.out.F("%#x", x);
  }
}

// telnet_parse: the length of the command at sp (an IAC), or -1 when it is not a whole command.
// With print, prints it. Bytes beyond the capture end the packet (tcpdump's GET_U_1).
int Parse(Nd& nd, const uint8_t* sp, uint32_t length, bool print) {
  const uint8_t* osp = sp;
  auto fetch = [&](uint32_t& c) {
    if (length < 1) return false;
    c = nd.U8(sp++);
    length--;
    return true;
  };
  uint32_t c, x;
  if (!fetch(c) || c != kIac) return -1;
  if (!fetch(c)) return -1;
  if (c == kIac) {
    if (print) nd.out.S("IAC IAC");
    return int(sp - osp);
  }
  if (c < kCmdFirst) return -1;
  const char* cmd = kTelCmds[c - kCmdFirst];
  if (c != kDont && c != kDo && c != kWont && c != kWill && c != kSb) {
    if (print) nd.out.S(cmd);
    return int(sp - osp);
  }
  if (!fetch(x)) return -1;
  if (print) {
    if (x < kNumOpts) {
      nd.out.F("%s %s", cmd, kTelOpts[x]);
    } else {
      nd.out.F("%s %#x", cmd, x);
    }
  }
  if (c != kSb) return int(sp - osp);
  // IAC SB ... IAC SE
  const uint8_t* p = sp;
  while (length > uint32_t(p + 1 - sp)) {
    if (nd.U8(p) == kIac && nd.U8(p + 1) == kSe) break;
    p++;
  }
  if (nd.U8(p) != kIac) return -1;
  if (p > sp) {
    if (!fetch(c)) return -1;
    if (print) {
      nd.out.C(' ');
      if (x == kOptAuthentication) {
        StrOrId(nd, c, kAuthCmds);
      } else if (x == kOptEncrypt) {
        StrOrId(nd, c, kEncCmds);
      } else {
        StrOrId(nd, c, kSubCmds);
      }
    }
    if ((x == kOptAuthentication || x == kOptEncrypt) && p > sp) {
      if (!fetch(c)) return -1;
      if (print) {
        nd.out.C(' ');
        if (x == kOptAuthentication) {
          StrOrId(nd, c, kAuthTypes);
        } else {
          StrOrId(nd, c, kEncTypes);
        }
      }
    }
  }
  while (p > sp) {
    if (!fetch(x)) return -1;
    if (print) nd.out.F(" %#x", x);
  }
  if (print) nd.out.S(" SE");
  sp += 2;  // the terminating IAC SE (tcpdump does not take it off length either)
  return int(sp - osp);
}

}  // namespace

void TelnetPrint(Nd& nd, const uint8_t* sp, uint32_t length) {
  nd.protocol = "telnet";
  const uint8_t* osp = sp;
  bool first = true;
  bool hex = nd.o.hex_ascii && nd.o.verbose > 2;
  while (length > 0 && nd.U8(sp) == kIac) {
    int l = Parse(nd, sp, length, false);
    if (l < 0) break;
    if (hex) {
      if (first) nd.out.S("\nTelnet:");
      HexPrint(nd, "\n", sp, uint32_t(l), uint32_t(sp - osp));
      if (l > 8) {
        nd.out.S("\n\t\t\t\t");
      } else {
        nd.out.F("%*s\t", (8 - l) * 3, "");
      }
    } else {
      nd.out.S(first ? " [telnet " : ", ");
    }
    Parse(nd, sp, length, true);
    first = false;
    sp += l;
    length -= uint32_t(l);
  }
  if (!first) nd.out.S(hex ? "\n" : "]");
}

}  // namespace ringdump::print
