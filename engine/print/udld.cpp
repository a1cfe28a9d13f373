// Cisco's UniDirectional Link Detection (print-udld.c), reached through SNAP (Cisco OUI, pid 0x0111):
// version, opcode and flags; with -v the checksum and the device/port id, echo, interval, device name
// and sequence number TLVs.
#include "l2_printers.hpp"

namespace ringdump::print {
namespace {

constexpr Tok kTlvs[] = {{1, "Device-ID TLV"},         {2, "Port-ID TLV"},        {3, "Echo TLV"},
                         {4, "Message Interval TLV"},  {5, "Timeout Interval TLV"}, {6, "Device Name TLV"},
                         {7, "Sequence Number TLV"}};
constexpr Tok kCodes[] = {{0, "Reserved"}, {1, "Probe message"}, {2, "Echo message"}, {3, "Flush message"}};
constexpr Tok kFlags[] = {{1 << 0, "RT"},    {1 << 1, "RSY"},   {1 << 2, "MBZ-2"}, {1 << 3, "MBZ-3"},
                          {1 << 4, "MBZ-4"}, {1 << 5, "MBZ-5"}, {1 << 6, "MBZ-6"}, {1 << 7, "MBZ-7"}};

}  // namespace

void UdldPrint(Nd& nd, const uint8_t* tptr, uint32_t length) {
  nd.protocol = "udld";
  bool bad = false;
  // invalid: the marker, then (as without -v) a check that the rest was captured.
  auto finish = [&] {
    if (bad) nd.PrintInvalid();
    nd.Check(tptr, length);
  };
  if (length < 4) {
    bad = true;
    return finish();
  }
  uint8_t b = nd.U8(tptr);
  uint32_t ver = (b & 0xe0) >> 5, code = b & 0x1f;
  tptr++;
  length--;
  uint8_t flags = nd.U8(tptr);
  tptr++;
  length--;
  nd.out.F("UDLDv%u, Code ", ver);
  Tok2Str(nd, kCodes, "Reserved", code);
  nd.out.F(" (%x), Flags [", code);
  BitTok2Str(nd, kFlags, "none", flags);
  nd.out.F("] (0x%02x), length %u", flags, length + 2);
  if (nd.o.verbose < 1) return finish();
  nd.out.F("\n\tChecksum 0x%04x (unverified)", nd.Be16(tptr));
  tptr += 2;
  length -= 2;
  while (length) {
    if (length < 4) {
      bad = true;
      return finish();
    }
    uint16_t type = nd.Be16(tptr);
    tptr += 2;
    length -= 2;
    uint16_t len = nd.Be16(tptr);
    tptr += 2;
    length -= 2;
    nd.out.S("\n\t");
    Tok2Str(nd, kTlvs, "Unknown", type);
    nd.out.F(" (0x%04x) TLV, length %u", type, len);
    if (len <= 4) {
      bad = true;
      return finish();
    }
    len = uint16_t(len - 4);
    if (length < len) {
      bad = true;
      return finish();
    }
    switch (type) {
      case 1:
      case 2:
      case 6:
        nd.out.S(", ");
        PrintStringN(nd, tptr, len);
        break;
      case 3:
        nd.out.S(", ");
        PrintCharsN(nd, tptr, len);
        break;
      case 4:
      case 5:
        if (len != 1) {
          bad = true;
          return finish();
        }
        nd.out.F(", %us", nd.U8(tptr));
        break;
      case 7:
        if (len != 4) {
          bad = true;
          return finish();
        }
        nd.out.F(", %u", nd.Be32(tptr));
        break;
      default:
        nd.Check(tptr, len);
        break;
    }
    tptr += len;
    length -= len;
  }
}

}  // namespace ringdump::print
