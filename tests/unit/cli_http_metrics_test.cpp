// The --metrics-listen endpoint under hostile local load (issue #15 item 4): idle connections and a
// slow-loris must not keep /metrics dark. These drive the endpoint the way the capture does, through
// StatsReporter.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>

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
    EXPECT_NE(r.body().find("\nringdump_http_open_connections "), std::string::npos) << "the listener's own";
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

TEST(MetricsEndpoint, HealthAndReadiness) {
  CliOptions options;
  options.metrics_listen = "127.0.0.1:0";
  StatsReporter reporter(options, SomeCounters, nullptr);
  ASSERT_TRUE(reporter.Start().ok());
  const uint16_t port = reporter.metrics_port();
  EXPECT_EQ(Fetch(port, Get("/healthz")).body(), "ok\n");
  EXPECT_EQ(Fetch(port, Get("/readyz")).status(), 503) << "not capturing yet";
  reporter.SetCapturing(true);
  const auto ready = Fetch(port, Get("/readyz"));
  EXPECT_EQ(ready.status(), 200);
  EXPECT_EQ(ready.body(), "ok\n");
  EXPECT_EQ(Fetch(port, Get("/")).status(), 200) << "/ serves the counters, as before";
  ASSERT_NE(reporter.http(), nullptr) << "the seam for more routes";
  reporter.http()->Handle("/extra", [](const HttpRequest&) { return HttpResponse::Text(200, "added\n"); });
  EXPECT_EQ(Fetch(port, Get("/extra")).body(), "added\n");
}

// A private token file in a private directory.
struct TokenFile {
  std::string dir, path;
  explicit TokenFile(const std::string& content, mode_t mode = 0600) {
    char name[] = "/tmp/ringdump_token_XXXXXX";
    dir = mkdtemp(name);
    path = dir + "/token";
    FILE* f = std::fopen(path.c_str(), "w");
    std::fputs(content.c_str(), f);
    std::fclose(f);
    chmod(path.c_str(), mode);
  }
  ~TokenFile() {
    unlink(path.c_str());
    rmdir(dir.c_str());
  }
};

Status StartWith(const std::string& listen, const std::string& token_file) {
  CliOptions options;
  options.metrics_listen = listen;
  options.api_token_file = token_file;
  StatsReporter reporter(options, SomeCounters, nullptr);
  return reporter.Start();
}

TEST(MetricsEndpoint, NonLoopbackNeedsATokenFile) {
  const Status refused = StartWith("0.0.0.0:0", "");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message().find(
                "only loopback addresses (127.0.0.0/8, ::1) are served without --api-token-file"),
            std::string::npos)
      << refused.error().message();
  TokenFile token("s3cret-token\n");
  EXPECT_TRUE(StartWith("0.0.0.0:0", token.path).ok()) << "with a token any address";
}

TEST(MetricsEndpoint, TokenFileMustBePrivateAndNonEmpty) {
  TokenFile readable("s3cret\n", 0644), group("s3cret\n", 0640), empty("\n"), spaced("two words\n");
  struct Case {
    std::string path, message;
  } cases[] = {
      {readable.path,
       readable.path + ": readable or writable by group or others (chmod 600 " + readable.path + ")"},
      {group.path, group.path + ": readable or writable by group or others"},
      {empty.path, empty.path + ": empty <- --api-token-file"},
      {spaced.path, spaced.path + ": not one line of printable ASCII"},
      {"/nonexistent/token", "/nonexistent/token: No such file or directory <- --api-token-file"},
      {readable.dir, readable.dir + ": "},
  };
  for (const auto& c : cases) {
    const Status started = StartWith("127.0.0.1:0", c.path);
    ASSERT_FALSE(started.ok()) << c.path;
    EXPECT_NE(started.error().message().find(c.message), std::string::npos) << started.error().message();
  }
}

TEST(MetricsEndpoint, TokenGuardsEveryRoute) {
  TokenFile token("s3cret-token\r\n");  // the line end, CR LF too, is not part of the token
  CliOptions options;
  options.metrics_listen = "127.0.0.1:0";
  options.api_token_file = token.path;
  StatsReporter reporter(options, SomeCounters, nullptr);
  ASSERT_TRUE(reporter.Start().ok());
  const uint16_t port = reporter.metrics_port();
  for (const char* path : {"/metrics", "/healthz", "/readyz"}) {
    const auto denied = Fetch(port, Get(path));
    EXPECT_EQ(denied.status(), 401) << path;
    EXPECT_NE(denied.response.find("WWW-Authenticate: Bearer realm=\"ringdump\"\r\n"), std::string::npos);
  }
  const auto allowed = Fetch(port, Get("/metrics", "Authorization: Bearer s3cret-token\r\n"));
  EXPECT_EQ(allowed.status(), 200) << allowed.response;
  EXPECT_NE(allowed.body().find("ringdump_packets_total"), std::string::npos);
}

}  // namespace
}  // namespace ringdump::cli
