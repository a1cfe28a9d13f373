// TFTP (print-tftp.c): "TFTP, length N, OP" and the operands: file name, mode and options of a read or
// write request, the options of an option acknowledgement, the block number of DATA and ACK, the code
// and message of ERROR. A string without its terminating NUL (in the datagram or in the captured bytes)
// ends the line with " [|tftp]".
#include "dissect.hpp"

namespace ringdump::print {
namespace {

// nd_printztn: a NUL-terminated string of at most n bytes; the bytes used (NUL included), or 0 when the
// NUL is missing before n bytes or the end of the capture.
uint32_t PrintZtn(Nd& nd, const uint8_t* s, uint32_t n) {
  uint32_t bytes = 0;
  for (;;) {
    if (n == 0 || s >= nd.snapend) return 0;
    uint8_t c = nd.U8(s++);
    bytes++;
    n--;
    if (c == 0) return bytes;
    PrintChar(nd, c);
  }
}

// Options of RRQ/WRQ/OACK: NUL-terminated strings, each after a space unless empty. False: truncated.
bool OptionsPrint(Nd& nd, const uint8_t* bp, uint32_t length) {
  while (length != 0) {
    if (nd.U8(bp) != 0) nd.out.C(' ');
    uint32_t ui = PrintZtn(nd, bp, length);
    if (ui == 0) return false;
    bp += ui;
    length -= ui;
  }
  return true;
}

const char* OpName(uint16_t op) {
  static const char* kOps[] = {nullptr, "RRQ", "WRQ", "DATA", "ACK", "ERROR", "OACK"};
  return op >= 1 && op <= 6 ? kOps[op] : nullptr;
}

const char* ErrName(uint16_t code) {
  static const char* kErrs[] = {"EUNDEF", "ENOTFOUND", "EACCESS", "ENOSPACE",
                                "EBADOP", "EBADID",    "EEXISTS", "ENOUSER"};
  return code <= 7 ? kErrs[code] : nullptr;
}

// The operands after the opcode; false when tcpdump would print the truncation marker.
bool BodyPrint(Nd& nd, uint16_t opcode, const uint8_t* bp, uint32_t length) {
  switch (opcode) {
    case 1:    // RRQ
    case 2: {  // WRQ
      if (length == 0) return false;
      nd.out.S(" \"");
      uint32_t ui = PrintZtn(nd, bp, length);
      nd.out.C('"');
      if (ui == 0) return false;
      bp += ui;
      length -= ui;
      if (length == 0) return false;  // no mode
      nd.out.C(' ');
      ui = PrintZtn(nd, bp, length);
      if (ui == 0) return false;
      return OptionsPrint(nd, bp + ui, length - ui);
    }
    case 6:  // OACK
      return OptionsPrint(nd, bp, length);
    case 3:  // DATA
    case 4:  // ACK
      if (length < 2) return false;
      nd.out.F(" block %u", nd.Be16(bp));
      return true;
    case 5: {  // ERROR
      if (length < 2) return false;
      uint16_t code = nd.Be16(bp);
      if (const char* n = ErrName(code)) {
        nd.out.C(' ');
        nd.out.S(n);
      } else {
        nd.out.F(" tftp-err-#%u \"", code);
      }
      if (length - 2 == 0) return false;  // no message
      nd.out.S(" \"");
      uint32_t ui = PrintZtn(nd, bp + 2, length - 2);
      nd.out.C('"');
      return ui != 0;
    }
  }
  return true;
}

}  // namespace

void TftpPrint(Nd& nd, const uint8_t* bp, uint32_t length) {
  nd.protocol = "tftp";
  nd.out.F("TFTP, length %u", length);
  if (length < 2) {
    nd.PrintTrunc();
    return;
  }
  uint16_t opcode = nd.Be16(bp);
  const char* name = OpName(opcode);
  if (name == nullptr) {
    nd.out.F(", tftp-#%u", opcode);
    return;
  }
  nd.out.S(", ");
  nd.out.S(name);
  if (!BodyPrint(nd, opcode, bp + 2, length - 2)) nd.PrintTrunc();
}

}  // namespace ringdump::print
