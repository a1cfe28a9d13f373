// The printer's hot path does not allocate: after the first packets of a connection (which create its
// TCP sequence entry) printing more packets performs no heap allocation. Counted with a replaced
// global operator new that only counts while a test enables it.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include "printer.hpp"

namespace {
std::atomic<bool> g_counting{false};
std::atomic<long> g_allocations{0};
}  // namespace

void* operator new(std::size_t n) {
  if (g_counting.load(std::memory_order_relaxed)) g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
// GCC cannot see that this file's operator new allocates with malloc: free is the matching release.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
#pragma GCC diagnostic pop

namespace ringdump::print {
namespace {

std::vector<uint8_t> Bytes(const char* hex) {
  std::vector<uint8_t> v;
  for (const char* p = hex; p[0] && p[1];) {
    if (*p == ' ') {
      p++;
      continue;
    }
    v.push_back(uint8_t(std::strtoul(std::string(p, 2).c_str(), nullptr, 16)));
    p += 2;
  }
  return v;
}

TEST(PrintAlloc, SteadyStatePrintingDoesNotAllocate) {
  FILE* devnull = std::fopen("/dev/null", "w");
  ASSERT_NE(devnull, nullptr);
  std::vector<uint8_t> tcp = Bytes(
      "020000000002 020000000001 0800 4500003c00014000400600000a0000010a000002"
      "9c40 0050 000003e9 00001389 5018 ffff 0000 0000 0101080a0000000100000002 68656c6c6f2c20776f726c64");
  std::vector<uint8_t> udp = Bytes(
      "020000000002 020000000001 0800 4500002000014000401100000a0000010a000002"
      "1388 1389 000c 0000 74657374");
  for (int verbose = 0; verbose <= 2; verbose++) {
    PrintOptions o;
    o.numeric = 1;
    o.timestamp_style = 2;
    o.verbose = verbose;
    o.hex_ascii = verbose == 2 ? 1 : 0;
    Printer printer(o, 1, devnull);
    PacketView v;
    v.sec = 1700000000;
    auto print = [&](const std::vector<uint8_t>& b) {
      v.data = b.data();
      v.caplen = v.len = uint32_t(b.size());
      printer.Print(v);
    };
    g_allocations = 0;
    g_counting = true;
    print(tcp);  // creates the connection's sequence entry: the counter must see it
    g_counting = false;
    EXPECT_GT(g_allocations.load(), 0);
    print(udp);
    g_allocations = 0;
    g_counting = true;
    for (int i = 0; i < 1000; i++) {
      print(tcp);
      print(udp);
    }
    g_counting = false;
    EXPECT_EQ(g_allocations.load(), 0) << "verbose " << verbose;
  }
  std::fclose(devnull);
}

}  // namespace
}  // namespace ringdump::print
