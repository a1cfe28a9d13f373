// --metrics-listen end to end (issue #15 item 4): a real capture in a namespace, with 200 idle connections
// and a slow-loris held on its metrics port while bounded traffic arrives. The capture stays lossless (every
// frame in the file, no drops), every scrape answers within a second, and the counters reach the frame
// count. The test's sockets are made inside namespace b by a thread that joined it (setns affects only the
// calling thread), so they reach the capture's 127.0.0.1 there and nothing else.
#include <fcntl.h>
#include <sched.h>
#include <signal.h>

#include <chrono>
#include <functional>
#include <thread>

#include "../unit/http_test_client.hpp"
#include "capture_support.hpp"

namespace ringdump::testing {
namespace {

using std::chrono::milliseconds;

// Runs fn on a thread that has joined network namespace ns; false if it could not join.
bool InNetns(const std::string& ns, const std::function<void()>& fn) {
  bool joined = false;
  std::thread t([&] {
    sys::UniqueFd handle(::open(("/run/netns/" + ns).c_str(), O_RDONLY | O_CLOEXEC));
    if (!handle.valid() || ::setns(handle.get(), CLONE_NEWNET) != 0) return;
    joined = true;
    fn();
  });
  t.join();
  return joined;
}

// The sum over the queues of one counter family in a Prometheus text page.
uint64_t SumOf(const std::string& page, const std::string& family) {
  uint64_t sum = 0;
  for (size_t at = page.find("\n" + family + "{"); at != std::string::npos;
       at = page.find("\n" + family + "{", at + 1)) {
    const size_t space = page.find(' ', at + 1);
    if (space != std::string::npos) sum += std::strtoull(page.c_str() + space + 1, nullptr, 10);
  }
  return sum;
}

TEST(MetricsListen, CaptureIsLosslessWhileIdleConnectionsHoldTheMetricsPort) {
  if (UnderTcpdump()) GTEST_SKIP() << "--metrics-listen is ringdump's own option";
  SETUP_NETWORK(net);
  ASSERT_EQ(RunCommand({"ip", "-n", net.ns_b(), "link", "set", "lo", "up"}).exit_code, 0);
  constexpr uint16_t kPort = 9464;  // the namespace is private: no other listener to collide with
  const std::string file = tmp.File("metrics.pcap");
  auto capture = StartCapture(net, {"-w", file, "--metrics-listen", "127.0.0.1:9464"});
  ASSERT_NE(capture, nullptr);

  // 3000 frames at 2000/s: 1.5 s of traffic, well inside the 5 s header deadline that would close the
  // idle connections.
  std::vector<FrameGroup> groups = {{gen::FrameSpec{}, {60, 1514, 400}, 3000, 0}};
  groups[0].rate = 2000;
  std::unique_ptr<Loiterers> held;
  ASSERT_TRUE(InNetns(net.ns_b(), [&] { held = std::make_unique<Loiterers>(kPort, 200); }));
  ASSERT_TRUE(held->loris.valid()) << "the slow-loris connected";
  std::atomic<bool> sending{true};
  std::vector<FetchResult> scrapes;
  bool joined = false;
  std::thread scraper([&] {
    joined = InNetns(net.ns_b(), [&] {
      while (sending.load() || scrapes.size() < 5) {
        scrapes.push_back(Fetch(kPort, Get("/metrics"), milliseconds(3000)));
        std::this_thread::sleep_for(milliseconds(100));
      }
    });
  });
  const bool sent = Send(net, groups);
  sending = false;
  scraper.join();
  ASSERT_TRUE(sent);
  ASSERT_TRUE(joined);

  double worst = 0;
  for (const auto& s : scrapes) {
    EXPECT_EQ(s.status(), 200) << s.response;
    worst = std::max(worst, s.seconds);
  }
  EXPECT_LT(worst, 1.0) << "slowest of " << scrapes.size() << " scrapes";
  // The counters reach the frame count (a ring block is handed over after its timeout).
  std::string last;
  InNetns(net.ns_b(), [&] {
    for (int i = 0; i < 40; ++i) {
      last = Fetch(kPort, Get("/metrics")).body();
      if (SumOf(last, "ringdump_packets_total") == 3000) break;
      std::this_thread::sleep_for(milliseconds(100));
    }
  });
  EXPECT_EQ(SumOf(last, "ringdump_packets_total"), 3000u) << last;
  EXPECT_EQ(SumOf(last, "ringdump_kernel_drops_total"), 0u) << last;
  std::string ready;
  InNetns(net.ns_b(), [&] { ready = Fetch(kPort, Get("/readyz")).body(); });
  EXPECT_EQ(ready, "ok\n");
  held.reset();
  capture->Signal(SIGINT);
  CheckCompleteCapture(capture->Wait(milliseconds(10000)), file, groups, Order::kGlobal, net.if_b());
}

}  // namespace
}  // namespace ringdump::testing
