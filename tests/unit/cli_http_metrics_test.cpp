// The --metrics-listen endpoint under hostile local load (issue #15 item 4): idle connections and a slow-loris
// must not keep /metrics dark. These drive the endpoint the way the capture does, through StatsReporter.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>

#include "http_test_client.hpp"
#include "stats_reporter.hpp"

namespace ringdump::cli {
namespace {

using ringdump::testing::Fetch;
using ringdump::testing::Get;
using ringdump::testing::Loiterers;
using std::chrono::milliseconds;

CaptureStats SomeCounters() {
  CaptureStats s;
  s.queues.resize(1);
  s.queues[0].packets_seen = 42;
  return s;
}

// The old server answered one connection at a time with a 1 s read timeout: ten silent connections held
// /metrics for 10 s. 200 of them and a slow-loris must not delay a scrape by more than a second.
TEST(MetricsEndpoint, AnswersWhileIdleConnectionsAndASlowLorisAreHeld) {
  CliOptions options;
  options.metrics_listen = "127.0.0.1:0";
  StatsReporter reporter(options, SomeCounters, nullptr);
  ASSERT_TRUE(reporter.Start().ok());
  const uint16_t port = reporter.metrics_port();
  Loiterers held(port, 200);
  std::this_thread::sleep_for(milliseconds(100));  // let the server see them all first
  for (int i = 0; i < 3; ++i) {
    const auto r = Fetch(port, Get("/metrics"), milliseconds(3000));
    ASSERT_EQ(r.status(), 200) << "scrape " << i << " after " << r.seconds << " s: " << r.response;
    EXPECT_NE(r.body().find("ringdump_packets_total{queue=\"0\"} 42\n"), std::string::npos) << r.body();
    EXPECT_LT(r.seconds, 1.0) << "scrape " << i;
  }
}

// The slow-loris alone: the old server's 1 s read timeout delayed the next client by that second.
TEST(MetricsEndpoint, AnUnfinishedRequestDoesNotDelayOthers) {
  CliOptions options;
  options.metrics_listen = "127.0.0.1:0";
  StatsReporter reporter(options, SomeCounters, nullptr);
  ASSERT_TRUE(reporter.Start().ok());
  Loiterers held(reporter.metrics_port(), 0);
  ASSERT_TRUE(held.loris.valid());
  std::this_thread::sleep_for(milliseconds(50));
  const auto r = Fetch(reporter.metrics_port(), Get("/metrics"), milliseconds(3000));
  EXPECT_EQ(r.status(), 200) << r.response;
  EXPECT_LT(r.seconds, 0.5);
}

}  // namespace
}  // namespace ringdump::cli
