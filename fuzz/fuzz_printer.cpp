// Harness: every dissector through the Printer with every display flag. Input: 3 option bytes, 1 byte that
// picks the link type, then packets as [caplen: 2 bytes little-endian][bytes]. Several packets per input
// let the per-stream state (TCP sequence bases, delta timestamps) see follow-ups. Each packet is copied to a
// buffer of exactly caplen bytes so ASan catches any read past caplen.
#include <cstdint>
#include <cstring>
#include <vector>

#include "fuzz_options.hpp"
#include "printer.hpp"

namespace {

// The link types the printer dissects, plus two it does not (the hex fallback).
constexpr int kDlts[] = {1, 0, 101, 113, 276, 12, 14, 108, 228, 229, 147, 105};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < ringdump::fuzz::kOptionBytes + 1) return 0;
  ringdump::print::PrintOptions popts = ringdump::fuzz::OptionsFrom(data);
  int dlt = kDlts[data[ringdump::fuzz::kOptionBytes] % (sizeof(kDlts) / sizeof(kDlts[0]))];
  size_t pos = ringdump::fuzz::kOptionBytes + 1;
  ringdump::print::Printer printer(popts, dlt, ringdump::fuzz::NullOut());
  int64_t sec = 1700000000;
  for (int n = 0; n < 64 && pos + 2 <= size; ++n) {
    size_t len = data[pos] | (size_t(data[pos + 1]) << 8);
    pos += 2;
    if (len > size - pos) len = size - pos;
    std::vector<uint8_t> copy(data + pos, data + pos + len);
    pos += len;
    ringdump::PacketView v;
    v.data = copy.data();
    v.caplen = uint32_t(len);
    v.len = uint32_t(len) + (n & 1 ? 100 : 0);  // sometimes truncated by snaplen
    v.sec = sec;
    v.nsec = uint32_t(n) * 1000;
    sec += n % 3;
    printer.PrintWithFraction(v, popts.nano ? v.nsec : v.nsec / 1000);
  }
  return 0;
}
