// End-to-end tests of how `ringdump -w` ends and fails: SIGINT, SIGTERM and --duration stop it cleanly with a
// complete file; -U makes records readable while it runs; files are private; and the error exits (unknown or
// down interface, bad filter, unwritable path) print tcpdump's message, exit 1 and leave no file behind.
// RINGDUMP_TEST_BINARY=/usr/bin/tcpdump validates these tests against tcpdump (see capture_test.cpp).
#include <pcap/pcap.h>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "capture_support.hpp"

namespace ringdump::testing {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;

// A signal ends the capture cleanly: exit 0, the summary, and a complete file holding every frame that
// arrived well before the signal.
class StopTest : public ::testing::TestWithParam<int> {};  // parameter: the signal

TEST_P(StopTest, SignalStopsWithCompleteFile) {
  SETUP_NETWORK(net);
  std::vector<FrameGroup> groups = {{gen::FrameSpec{}, {60, 1514, 400}, 50, 0},
                                    {Tagged(7, 6), {1518}, 10, 100}};
  const std::string file = tmp.File("signal.pcap");
  auto capture = StartCapture(net, {"-w", file});
  ASSERT_NE(capture, nullptr);
  ASSERT_TRUE(Send(net, groups));
  // Long enough for a partly filled ring block to be retired by its timeout.
  std::this_thread::sleep_for(milliseconds(2500));
  capture->Signal(GetParam());
  CheckCompleteCapture(capture->Wait(milliseconds(10000)), file, groups, Order::kGlobal, net.if_b());
}

INSTANTIATE_TEST_SUITE_P(Signals, StopTest, ::testing::Values(SIGINT, SIGTERM),
                         [](const ::testing::TestParamInfo<int>& info) {
                           return std::string(info.param == SIGINT ? "SIGINT" : "SIGTERM");
                         });

TEST(CaptureStop, DurationStopsWithCompleteFile) {
  if (UnderTcpdump()) GTEST_SKIP() << "--duration is ringdump's own option";
  SETUP_NETWORK(net);
  std::vector<FrameGroup> groups = {{gen::FrameSpec{}, {60, 1514}, 40, 0}};
  const std::string file = tmp.File("duration.pcap");
  auto start = std::chrono::steady_clock::now();
  auto capture = StartCapture(net, {"-w", file, "--duration", "2"});
  ASSERT_NE(capture, nullptr);
  ASSERT_TRUE(Send(net, groups));
  ProcessResult result = capture->Wait(milliseconds(10000));
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_GE(seconds, 1.9);
  EXPECT_LE(seconds, 5.0);
  CheckCompleteCapture(result, file, groups, Order::kGlobal, net.if_b());
}

// Stops decided by time or by another thread end the capture on a quiet link too.
TEST(CaptureStop, DurationEndsAQuietCapture) {
  if (UnderTcpdump()) GTEST_SKIP() << "--duration is ringdump's own option";
  SETUP_NETWORK(net);
  const auto start = std::chrono::steady_clock::now();
  auto capture = StartCapture(net, {"--queues", "2", "-w", tmp.File("quiet.pcap"), "--duration", "1", "udp port 7"});
  ASSERT_NE(capture, nullptr);
  ProcessResult result = capture->Wait(milliseconds(10000));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_LT(seconds, 4.0);
}

// -c reached by one queue ends the others, which see no traffic at all.
TEST(CaptureStop, CountReachedOnOneQueueEndsTheQuietOnes) {
  if (UnderTcpdump()) GTEST_SKIP() << "--queues is ringdump's own option";
  SETUP_NETWORK(net);
  std::vector<FrameGroup> groups = {{gen::FrameSpec{}, {60}, 20, 0}};  // one flow: one queue
  const std::string file = tmp.File("count.pcap");
  auto capture = StartCapture(net, {"--queues", "2", "-c", "20", "-w", file});
  ASSERT_NE(capture, nullptr);
  const auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(Send(net, groups));
  ProcessResult result = capture->Wait(milliseconds(10000));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 4.0);
  CheckCompleteCapture(result, file, groups, Order::kGlobal, net.if_b());
}

// -U: each packet reaches the file while the capture runs (tcpdump's stdio buffering once left 0-byte files).
TEST(CaptureFile, PacketBufferedFileIsReadableWhileRunning) {
  SETUP_NETWORK(net);
  std::vector<FrameGroup> groups = {{gen::FrameSpec{}, {60, 1514}, 10, 0}};
  const std::string file = tmp.File("live.pcap");
  auto capture = StartCapture(net, {"-U", "-w", file});
  ASSERT_NE(capture, nullptr);
  ASSERT_TRUE(Send(net, groups));
  // The ring hands a partly filled block over after its timeout (tcpdump: 1 s); then the file must have all.
  PcapFile live;
  for (int i = 0; i < 30; ++i) {
    std::this_thread::sleep_for(milliseconds(100));
    live = ReadPcap(file);
    if (live.records.size() == 10) break;
  }
  EXPECT_EQ(live.records.size(), 10u) << "records readable while the capture runs; " << live.error;
  capture->Signal(SIGINT);
  CheckCompleteCapture(capture->Wait(milliseconds(10000)), file, groups, Order::kGlobal, net.if_b());
}

// Packet data is sensitive: ringdump creates its files 0600 (tcpdump leaves it to the umask).
TEST(CaptureFile, FileIsPrivate) {
  if (UnderTcpdump()) GTEST_SKIP() << "tcpdump creates files by the umask";
  SETUP_NETWORK(net);
  const std::string file = tmp.File("private.pcap");
  auto capture = StartCapture(net, {"-w", file, "-c", "5"});
  ASSERT_NE(capture, nullptr);
  ASSERT_TRUE(Send(net, {{gen::FrameSpec{}, {60}, 5, 0}}));
  ProcessResult r = capture->Wait(milliseconds(10000));
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  auto perms = fs::status(file).permissions();
  EXPECT_EQ(perms & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);
}

// errors: exit 1, tcpdump's message, no file left

TEST(CaptureErrors, InterfaceDown) {
  SETUP_NETWORK(net);
  ASSERT_EQ(RunIn(net.ns_b(), {"ip", "link", "set", net.if_b(), "down"}).exit_code, 0);
  const std::string file = tmp.File("never.pcap");
  ProcessResult r = RunIn(net.ns_b(), {CaptureBinary(), "-i", net.if_b(), "-w", file}, milliseconds(10000));
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  EXPECT_NE(r.err.find(ProgramName() + ": " + net.if_b() + ": That device is not up"), std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(file));
}

TEST(CaptureErrors, UnknownInterface) {
  SETUP_NETWORK(net);
  const std::string file = tmp.File("never.pcap");
  ProcessResult r = RunIn(net.ns_b(), {CaptureBinary(), "-i", "rdnosuch0", "-w", file}, milliseconds(10000));
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  EXPECT_NE(r.err.find(ProgramName() + ": rdnosuch0: No such device exists"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(file));
}

TEST(CaptureErrors, BadFilterGivesLibpcapMessage) {
  SETUP_NETWORK(net);
  // libpcap's own words for this expression.
  pcap_t* dead = pcap_open_dead(DLT_EN10MB, 262144);
  ASSERT_NE(dead, nullptr);
  bpf_program prog{};
  ASSERT_NE(pcap_compile(dead, &prog, "udp and port", 1, PCAP_NETMASK_UNKNOWN), 0);
  const std::string message = pcap_geterr(dead);
  pcap_close(dead);
  const std::string file = tmp.File("never.pcap");
  ProcessResult r = RunIn(net.ns_b(), {CaptureBinary(), "-i", net.if_b(), "-w", file, "udp", "and", "port"},
                          milliseconds(10000));
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  EXPECT_NE(r.err.find(message), std::string::npos)
      << "expected libpcap's \"" << message << "\" in: " << r.err;
  EXPECT_FALSE(fs::exists(file));
}

TEST(CaptureErrors, UnwritablePathIsNamed) {
  SETUP_NETWORK(net);
  const std::string missing_dir = tmp.File("no-such-dir") + "/x.pcap";
  ProcessResult r =
      RunIn(net.ns_b(), {CaptureBinary(), "-i", net.if_b(), "-w", missing_dir}, milliseconds(10000));
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  EXPECT_NE(r.err.find(missing_dir), std::string::npos) << "the message should name the path: " << r.err;
  EXPECT_FALSE(fs::exists(missing_dir));

  // A directory where the file should be.
  const std::string dir = tmp.File("a-directory");
  ASSERT_TRUE(fs::create_directory(dir));
  r = RunIn(net.ns_b(), {CaptureBinary(), "-i", net.if_b(), "-w", dir}, milliseconds(10000));
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  EXPECT_NE(r.err.find(dir), std::string::npos) << "the message should name the path: " << r.err;
  EXPECT_TRUE(fs::is_empty(dir)) << "nothing may be left behind in " << dir;
}

}  // namespace
}  // namespace ringdump::testing
