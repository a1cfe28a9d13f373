// Host name resolution in the printer with a fake DNS: in the background mode (live capture) a lookup that
// hangs never holds up the printer — the address prints numerically, and by name once the lookup is
// answered; the synchronous mode (-r, as tcpdump) prints the name on the first packet. Every call that
// could hang runs on another thread with a deadline, so a regression fails instead of hanging the suite.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "names.hpp"
#include "printer.hpp"

namespace ringdump::print {
namespace {

using namespace std::chrono_literals;
constexpr auto kDeadline = 10s;

const uint8_t kHostOne[4] = {10, 0, 0, 1};
const uint8_t kHostTwo[4] = {10, 0, 0, 2};
const uint8_t kHostThree[4] = {10, 0, 0, 3};
const uint8_t kHostSix[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

// A DNS server the test controls: answers from `names` (by address text), and with `blocking` only once
// the test calls Release(). Shared with the lookup by shared_ptr, because a resolver thread may still be
// inside a lookup after the Names that started it is gone.
struct FakeDns {
  explicit FakeDns(bool blocking) : released(!blocking) {}

  std::mutex mu;
  std::condition_variable cv;
  bool released;
  std::atomic<int> calls{0};
  std::atomic<int> returned{0};
  std::map<std::string, std::string> names = {{"10.0.0.1", "host-one.example.com"},
                                              {"10.0.0.2", "host-two.example.com"},
                                              {"10.0.0.3", "host-three.example.com"},
                                              {"2001:db8::1", "host-six.example.com"}};

  void Release() {
    {
      std::lock_guard lock(mu);
      released = true;
    }
    cv.notify_all();
  }
};

HostLookup LookupOn(std::shared_ptr<FakeDns> dns) {
  return [dns](const uint8_t* addr, int family) -> std::optional<std::string> {
    dns->calls++;
    {
      std::unique_lock lock(dns->mu);
      // Bounded so a test that fails before releasing does not leave the thread behind for ever.
      dns->cv.wait_for(lock, 60s, [&] { return dns->released; });
    }
    char text[INET6_ADDRSTRLEN];
    inet_ntop(family, addr, text, sizeof text);
    auto it = dns->names.find(text);
    dns->returned++;
    if (it == dns->names.end()) return std::nullopt;
    return it->second;
  };
}

// Runs f on another thread and waits for it at most kDeadline. A call still running then works on objects
// of the test, so the test cannot go on: report the failure and leave the process.
template <class F>
void MustReturnInTime(const char* what, F f) {
  auto* done = new std::future<void>(std::async(std::launch::async, std::move(f)));
  if (done->wait_for(kDeadline) != std::future_status::ready) {
    ADD_FAILURE() << what << " did not return within 10 s (the printer waited for DNS)";
    std::fflush(stdout);
    std::_Exit(1);
  }
  done->get();
  delete done;
}

// Polls pred until it holds or kDeadline has passed.
template <class Pred>
bool Eventually(Pred pred) {
  auto deadline = std::chrono::steady_clock::now() + kDeadline;
  while (!pred()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(1ms);
  }
  return true;
}

std::string Text(const std::string* name) { return name ? *name : std::string("(numeric)"); }

NameOptions Background(std::shared_ptr<FakeDns> dns) {
  NameOptions o;
  o.background = true;
  o.lookup = LookupOn(std::move(dns));
  return o;
}

TEST(PrintNames, BackgroundLookupPrintsNumericallyUntilAnswered) {
  auto dns = std::make_shared<FakeDns>(true);
  Names names(Background(dns));
  MustReturnInTime("lookups of new addresses", [&] {
    EXPECT_EQ(names.Ip4(kHostOne), nullptr);
    EXPECT_EQ(names.Ip6(kHostSix), nullptr);
    EXPECT_EQ(names.Ip4(kHostOne), nullptr);  // still in flight: numeric, not submitted again
  });
  dns->Release();
  EXPECT_TRUE(Eventually([&] { return names.Ip4(kHostOne) != nullptr; }));
  EXPECT_EQ(Text(names.Ip4(kHostOne)), "host-one.example.com");
  EXPECT_TRUE(Eventually([&] { return names.Ip6(kHostSix) != nullptr; }));
  EXPECT_EQ(Text(names.Ip6(kHostSix)), "host-six.example.com");
  EXPECT_EQ(dns->calls.load(), 2);  // one lookup per address
}

TEST(PrintNames, BackgroundFailedLookupStaysNumericAndIsNotRepeated) {
  auto dns = std::make_shared<FakeDns>(false);
  Names names(Background(dns));
  const uint8_t unknown[4] = {192, 0, 2, 9};
  EXPECT_EQ(names.Ip4(unknown), nullptr);
  ASSERT_TRUE(Eventually([&] { return dns->returned.load() == 1; }));
  for (int i = 0; i < 10; i++) EXPECT_EQ(names.Ip4(unknown), nullptr);
  EXPECT_EQ(dns->calls.load(), 1);
}

TEST(PrintNames, SynchronousLookupReturnsNameOnFirstCall) {
  auto dns = std::make_shared<FakeDns>(false);
  NameOptions o;
  o.lookup = LookupOn(dns);
  Names names(o);
  EXPECT_EQ(Text(names.Ip4(kHostOne)), "host-one.example.com");
  EXPECT_EQ(Text(names.Ip6(kHostSix)), "host-six.example.com");
  EXPECT_EQ(Text(names.Ip4(kHostOne)), "host-one.example.com");
  const uint8_t unknown[4] = {192, 0, 2, 9};
  EXPECT_EQ(names.Ip4(unknown), nullptr);
  EXPECT_EQ(names.Ip4(unknown), nullptr);  // cached as numeric
  EXPECT_EQ(dns->calls.load(), 3);
}

TEST(PrintNames, NumericNeverLooksUp) {
  auto dns = std::make_shared<FakeDns>(false);
  NameOptions o = Background(dns);
  o.numeric = true;
  Names names(o);
  EXPECT_EQ(names.Ip4(kHostOne), nullptr);
  EXPECT_EQ(names.TcpPort(80), nullptr);
  EXPECT_EQ(dns->calls.load(), 0);
}

TEST(PrintNames, NoDomainInBackgroundMode) {
  auto dns = std::make_shared<FakeDns>(true);
  NameOptions o = Background(dns);
  o.no_domain = true;
  Names names(o);
  MustReturnInTime("a lookup of a new address", [&] { EXPECT_EQ(names.Ip4(kHostOne), nullptr); });
  dns->Release();
  EXPECT_TRUE(Eventually([&] { return names.Ip4(kHostOne) != nullptr; }));
  EXPECT_EQ(Text(names.Ip4(kHostOne)), "host-one");
}

TEST(PrintNames, FullQueuePrintsNumericallyAndSubmitsLater) {
  auto dns = std::make_shared<FakeDns>(true);
  NameOptions o = Background(dns);
  o.max_pending = 1;
  Names names(o);
  MustReturnInTime("lookups with the queue full", [&] {
    EXPECT_EQ(names.Ip4(kHostOne), nullptr);  // taken: the one place in flight
    for (int i = 0; i < 100; i++) {
      EXPECT_EQ(names.Ip4(kHostTwo), nullptr);  // refused: numeric at once
      EXPECT_EQ(names.Ip4(kHostThree), nullptr);
    }
  });
  dns->Release();
  // Once host one is answered the others get their turn, one at a time, from later lookups.
  EXPECT_TRUE(Eventually([&] {
    bool all = names.Ip4(kHostOne) && names.Ip4(kHostTwo) && names.Ip4(kHostThree);
    return all;
  }));
  EXPECT_EQ(Text(names.Ip4(kHostTwo)), "host-two.example.com");
  EXPECT_EQ(Text(names.Ip4(kHostThree)), "host-three.example.com");
  EXPECT_EQ(dns->calls.load(), 3);  // a refused address is submitted again later, but looked up once
}

TEST(PrintNames, DestroyingWhileALookupHangsDoesNotWait) {
  auto dns = std::make_shared<FakeDns>(true);
  MustReturnInTime("destroying Names during a lookup", [&] {
    Names names(Background(dns));
    EXPECT_EQ(names.Ip4(kHostOne), nullptr);
    EXPECT_TRUE(Eventually([&] { return dns->calls.load() == 1; }));  // the thread is inside the lookup
  });
  dns->Release();
  // The detached thread finishes its lookup and exits on its own.
  EXPECT_TRUE(Eventually([&] { return dns->returned.load() == 1; }));
  EXPECT_EQ(dns->calls.load(), 1);
}

TEST(PrintNames, DestroyingAnIdleResolver) {
  auto dns = std::make_shared<FakeDns>(false);
  MustReturnInTime("destroying an idle resolver", [&] {
    Names names(Background(dns));
    EXPECT_EQ(names.Ip4(kHostOne), nullptr);
    EXPECT_TRUE(Eventually([&] { return dns->returned.load() == 1; }));
  });
}

// The Printer end to end: PrintOptions::background_names reaches Names.

// Ethernet + IPv4 + TCP SYN, 10.0.0.1.40000 > 10.0.0.2.80.
const std::vector<uint8_t> kSyn = {0x02, 0x00, 0x00, 0x00, 0x00, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00,
                                   0x01, 0x08, 0x00, 0x45, 0x00, 0x00, 0x28, 0x00, 0x01, 0x40, 0x00,
                                   0x40, 0x06, 0x00, 0x00, 0x0a, 0x00, 0x00, 0x01, 0x0a, 0x00, 0x00,
                                   0x02, 0x9c, 0x40, 0x00, 0x50, 0x00, 0x00, 0x03, 0xe8, 0x00, 0x00,
                                   0x00, 0x00, 0x50, 0x02, 0x27, 0x10, 0x00, 0x00, 0x00, 0x00};

// A Printer writing to memory; Line() prints kSyn and returns its line.
class MemoryPrinter {
 public:
  explicit MemoryPrinter(const PrintOptions& o)
      : file_(open_memstream(&buf_, &len_)), printer_(o, 1, file_) {}
  ~MemoryPrinter() {
    std::fclose(file_);
    std::free(buf_);
  }
  std::string Line() {
    size_t start = len_;
    PacketView v;
    v.data = kSyn.data();
    v.caplen = v.len = uint32_t(kSyn.size());
    v.sec = 1700000000;
    printer_.Print(v);
    std::fflush(file_);
    return std::string(buf_ + start, len_ - start);
  }

 private:
  char* buf_ = nullptr;
  size_t len_ = 0;
  FILE* file_;
  Printer printer_;
};

TEST(PrintNames, LivePrinterPrintsNumericallyThenByName) {
  auto dns = std::make_shared<FakeDns>(true);
  PrintOptions o;
  o.timestamp_style = 2;
  o.background_names = true;
  o.host_lookup = LookupOn(dns);
  MemoryPrinter printer(o);
  std::string first;
  MustReturnInTime("printing a packet of new addresses", [&] { first = printer.Line(); });
  EXPECT_EQ(first.rfind("1700000000.000000 IP 10.0.0.1.", 0), 0u) << first;
  EXPECT_NE(first.find(" > 10.0.0.2."), std::string::npos) << first;
  dns->Release();
  std::string later;
  EXPECT_TRUE(Eventually([&] {
    later = printer.Line();
    return later.find("host-one.example.com") != std::string::npos &&
           later.find("host-two.example.com") != std::string::npos;
  })) << later;
  EXPECT_EQ(later.rfind("1700000000.000000 IP host-one.example.com.", 0), 0u) << later;
}

TEST(PrintNames, FilePrinterResolvesOnFirstPacket) {
  auto dns = std::make_shared<FakeDns>(false);
  PrintOptions o;  // background_names defaults to false: -r, as tcpdump
  o.timestamp_style = 2;
  o.no_domain = true;
  o.host_lookup = LookupOn(dns);
  MemoryPrinter printer(o);
  std::string first = printer.Line();
  EXPECT_EQ(first.rfind("1700000000.000000 IP host-one.", 0), 0u) << first;
  EXPECT_NE(first.find(" > host-two."), std::string::npos) << first;
  EXPECT_EQ(first.find("example.com"), std::string::npos) << first;  // -N
}

}  // namespace
}  // namespace ringdump::print
