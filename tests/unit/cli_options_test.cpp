// ParseOptions: tcpdump's getopt string, long options, number checks and messages; ringdump's options.
#include "options.hpp"

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <vector>

#include "capture_config.hpp"

namespace ringdump::cli {
namespace {

Result<CliOptions> Parse(std::initializer_list<const char*> args) {
  std::vector<std::string> storage = {"ringdump"};
  storage.insert(storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& s : storage) argv.push_back(s.data());
  argv.push_back(nullptr);
  return ParseOptions(static_cast<int>(storage.size()), argv.data());
}

std::string ErrorOf(std::initializer_list<const char*> args) {
  auto r = Parse(args);
  return r.ok() ? "" : r.error().message();
}

TEST(CliOptions, TcpdumpFlagsAndTheExpression) {
  auto r = Parse({"-i", "eth0", "-nn", "-vv", "-c", "10", "-s", "96", "-w", "x.pcap", "-tttt", "-#", "-e", "tcp",
                  "port", "80"});
  ASSERT_TRUE(r.ok()) << r.error().message();
  const CliOptions& o = r.value();
  EXPECT_EQ(o.interfaces, std::vector<std::string>{"eth0"});
  EXPECT_EQ(o.numeric, 2);
  EXPECT_EQ(o.verbose, 2);
  EXPECT_EQ(o.count, 10);
  EXPECT_EQ(o.snaplen.value(), 96);
  EXPECT_EQ(o.write_file, "x.pcap");
  EXPECT_EQ(o.timestamp_style, 4);
  EXPECT_TRUE(o.number && o.link_header);
  EXPECT_EQ(o.filter, "tcp port 80");
}

TEST(CliOptions, NumbersAreCheckedWithTcpdumpsMessages) {
  EXPECT_EQ(ErrorOf({"-c", "abc"}), "invalid packet count abc");
  EXPECT_EQ(ErrorOf({"-c", "0"}), "invalid packet count 0");
  EXPECT_EQ(ErrorOf({"-s", "xyz"}), "invalid snaplen xyz (must be >= 0 and <= 262144)");
  EXPECT_EQ(ErrorOf({"-s", "262145"}), "invalid snaplen 262145 (must be >= 0 and <= 262144)");
  EXPECT_EQ(ErrorOf({"-B", "0"}), "invalid packet buffer size 0");
  EXPECT_EQ(ErrorOf({"-G", "-1"}), "invalid number of seconds -1");
  EXPECT_EQ(ErrorOf({"-C", "0"}), "invalid file size 0");
  EXPECT_EQ(ErrorOf({"-W", "0"}), "invalid number of output files 0");
  EXPECT_EQ(ErrorOf({"-Q", "bogus"}), "unknown capture direction `bogus'");
  EXPECT_EQ(ErrorOf({"-tttttt"}), "only -t, -tt, -ttt, -tttt and -ttttt are supported");
  EXPECT_EQ(ErrorOf({"--time-stamp-precision", "pico"}), "unsupported time stamp precision");
  EXPECT_EQ(ErrorOf({"-y", "NOSUCHDLT"}), "invalid data link type NOSUCHDLT");
}

TEST(CliOptions, GetoptErrorsAskForTheUsage) {
  auto bad = Parse({"-k"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message(), "invalid option -- 'k'");
  EXPECT_EQ(bad.error().kind(), Error::Kind::kBadArgument);
  EXPECT_EQ(ErrorOf({"--bogus"}), "unrecognized option '--bogus'");
  EXPECT_EQ(ErrorOf({"-c"}), "option requires an argument -- 'c'");
}

TEST(CliOptions, FileSizeUnitsAsTcpdump) {
  EXPECT_EQ(Parse({"-C", "3"}).value().rotate_file_bytes, 3000000);
  EXPECT_EQ(Parse({"-C", "3k"}).value().rotate_file_bytes, 3 * 1024);
  EXPECT_EQ(Parse({"-C", "2m"}).value().rotate_file_bytes, 2 * 1024 * 1024);
}

TEST(CliOptions, RingdumpsOwnOptions) {
  auto r = Parse({"--queues", "4", "--fanout", "lb", "--cpus", "0-1", "--duration", "15m", "--decap", "vxlan:42",
                  "--netns-pid", "1", "--nano"});
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_EQ(r->queues, 4u);
  EXPECT_EQ(r->duration_seconds, 900);
  EXPECT_EQ(r->precision, TimestampPrecision::kNano);
  EXPECT_NE(ErrorOf({"--queues", "0"}).find("--queues"), std::string::npos);
  EXPECT_NE(ErrorOf({"--duration", "soon"}).find("--duration"), std::string::npos);
  EXPECT_NE(ErrorOf({"--netns", "/x", "--netns-pid", "1"}).find("mutually exclusive"), std::string::npos);
}

TEST(CliOptions, ApiTokenFileGuardsTheMetricsListener) {
  auto r = Parse({"--metrics-listen", "0.0.0.0:9100", "--api-token-file", "/etc/ringdump/token"});
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_EQ(r->api_token_file, "/etc/ringdump/token");
  EXPECT_EQ(ErrorOf({"--api-token-file", "/etc/ringdump/token"}),
            "--api-token-file needs --metrics-listen (the token guards that endpoint)");
}

TEST(CaptureConfigFromCli, DefaultsDependOnTheJob) {
  auto writing = MakeCaptureConfig(Parse({"-w", "x.pcap"}).value(), "lo", /*printing=*/false);
  ASSERT_TRUE(writing.ok());
  EXPECT_GE(writing->queues, 1u);
  EXPECT_EQ(writing->ring.block_size, 4u << 20);
  auto printing = MakeCaptureConfig(Parse({}).value(), "lo", /*printing=*/true);
  ASSERT_TRUE(printing.ok());
  EXPECT_EQ(printing->queues, 1u);
  EXPECT_LT(printing->ring.retire_timeout_ms, writing->ring.retire_timeout_ms);
  auto small = MakeCaptureConfig(Parse({"-B", "1024", "-w", "x"}).value(), "lo", false);
  ASSERT_TRUE(small.ok());
  EXPECT_EQ(uint64_t{small->ring.block_size} * small->ring.block_count, 1024u * 1024);
  EXPECT_FALSE(MakeCaptureConfig(Parse({"--fanout", "sideways"}).value(), "lo", false).ok());
}

// Writing without --queues: up to one queue per core, only the first started (with the full ring);
// --queues, --fanout or printing: every queue at once.
TEST(CaptureConfigFromCli, DefaultQueuesGrowOnDemand) {
  auto def = MakeCaptureConfig(Parse({"-w", "x.pcap", "--queue-load", "30"}).value(), "lo", false);
  ASSERT_TRUE(def.ok()) << def.error().message();
  EXPECT_TRUE(def->grow_queues);
  EXPECT_EQ(def->grow_busy_percent, 30u);
  EXPECT_EQ(def->first_ring.block_count, 0u) << "the first queue keeps the full ring";
  EXPECT_TRUE(def->Validate().ok());
  auto fixed = MakeCaptureConfig(Parse({"-w", "x.pcap", "--queues", "2"}).value(), "lo", false);
  EXPECT_FALSE(fixed->grow_queues);
  auto fanout = MakeCaptureConfig(Parse({"-w", "x.pcap", "--fanout", "lb"}).value(), "lo", false);
  EXPECT_FALSE(fanout->grow_queues);
  auto printing = MakeCaptureConfig(Parse({}).value(), "lo", true);
  EXPECT_FALSE(printing->grow_queues);
  EXPECT_NE(ErrorOf({"--queue-load", "101"}).find("--queue-load"), std::string::npos);
  EXPECT_NE(ErrorOf({"--queue-load", "x"}).find("--queue-load"), std::string::npos);
}

TEST(CaptureConfigFromCli, DecapSpecs) {
  auto v = ParseDecap("vxlan@8472:42,43");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->tunnel, DecapConfig::Tunnel::kVxlan);
  EXPECT_EQ(v->udp_port, 8472);
  EXPECT_EQ(v->ids, (std::vector<uint32_t>{42, 43}));
  EXPECT_TRUE(ParseDecap("geneve").ok());
  EXPECT_EQ(ParseDecap("gre:1000").value().ids, std::vector<uint32_t>{1000});
  EXPECT_FALSE(ParseDecap("ipip").ok());
  EXPECT_FALSE(ParseDecap("vxlan:16777216").ok());
  EXPECT_FALSE(ParseDecap("gre@4789").ok());
}

TEST(CaptureConfigFromCli, RotationNeedsAFileAndRetentionNeedsRotation) {
  EXPECT_TRUE(MakeRotationConfig(Parse({"-w", "f", "-C", "1", "-W", "3"}).value()).ok());
  EXPECT_FALSE(MakeRotationConfig(Parse({"-C", "1"}).value()).ok());
  EXPECT_FALSE(MakeRotationConfig(Parse({"-w", "-", "-G", "60"}).value()).ok());
  EXPECT_FALSE(MakeRotationConfig(Parse({"-w", "f", "--max-files", "3"}).value()).ok());
  auto r = MakeRotationConfig(Parse({"-w", "f", "-G", "600", "--align", "--max-age", "15d", "--max-total-size",
                                     "300G"}).value());
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_EQ(r->max_age_seconds, 15 * 86400);
  EXPECT_EQ(r->max_total_bytes, 300ull << 30);
}

TEST(CaptureConfigFromCli, StopAtIsTheNextSuchTime) {
  time_t now = 1700000000;
  auto later = SecondsUntil("23:59", now);
  ASSERT_TRUE(later.ok());
  EXPECT_GT(later.value(), 0);
  EXPECT_LE(later.value(), 86400);
  EXPECT_FALSE(SecondsUntil("25:00", now).ok());
  EXPECT_FALSE(SecondsUntil("2001-01-01T00:00", now).ok());
}

}  // namespace
}  // namespace ringdump::cli

namespace ringdump::cli {
namespace {

// An unset variable in a cron line or a unit gives an empty argument: -w '' must not mean "print to stdout",
// -Z '' must not mean "stay root", -G '' must not mean "no rotation". Every option refuses it, named.
TEST(CliOptions, EmptyArgumentsAreRefusedNamingTheOption) {
  EXPECT_EQ(ErrorOf({"-i", "eth0", "-w", ""}), "empty argument to -w (an unset variable?)");
  EXPECT_EQ(ErrorOf({"-r", ""}), "empty argument to -r (an unset variable?)");
  EXPECT_EQ(ErrorOf({"-w", "f", "-Z", ""}), "empty argument to -Z (an unset variable?)");
  EXPECT_EQ(ErrorOf({"-w", "f", "-G", ""}), "empty argument to -G (an unset variable?)");
  EXPECT_EQ(ErrorOf({"--stats-file", ""}), "empty argument to --stats-file (an unset variable?)");
  EXPECT_EQ(ErrorOf({"--stats-file="}), "empty argument to --stats-file (an unset variable?)");
  EXPECT_EQ(ErrorOf({"--buffer-size", ""}), "empty argument to -B (an unset variable?)");
  // An empty expression word (systemd's "${FILTER}" when unset) is not an option argument: still accepted.
  auto r = Parse({"-i", "eth0", "-n", ""});
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_EQ(r->filter, "");
}

// -Y: Debian's libpcap has no parser debugging (Debian's tcpdump answers -Y with its usage): refused, not
// silently ignored.
TEST(CliOptions, ParserDebuggingIsRefused) {
  auto r = Parse({"-Y", "-i", "eth0"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind(), Error::Kind::kBadArgument) << "the usage follows";
  EXPECT_NE(r.error().message().find("-Y"), std::string::npos) << r.error().message();
}

}  // namespace
}  // namespace ringdump::cli
