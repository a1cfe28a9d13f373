// Live captures that must end or refuse instead of running on: printing into a pipe whose reader has gone
// (`ringdump -l | head -1`), -I on a device without monitor mode, more queues than a fanout group holds by
// default (PACKET_FANOUT's 256), rings larger than the machine's memory; and the --stop-at start-up line.
// RINGDUMP_TEST_BINARY=/usr/bin/tcpdump validates the tcpdump-compatible ones (see capture_test.cpp).
#include <signal.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "capture_support.hpp"

namespace ringdump::testing {
namespace {

using std::chrono::milliseconds;

// tcpdump: the first write after head has exited fails with EPIPE; "Unable to write output: Broken pipe",
// exit 14, at once. Frames keep coming for 4 s: a capture that ignores the failure is still running when
// they stop, and is killed by `timeout` (rc=124).
TEST(PrintPipe, ClosedPipeEndsTheCapture) {
  SETUP_NETWORK(net);
  std::string error;
  auto pipeline = Process::Start(
      InNamespace(net.ns_b(), {"bash", "-c", "timeout 8 \"$0\" -i \"$1\" -n -l | head -1; echo \"rc=${PIPESTATUS[0]}\"",
                               CaptureBinary(), net.if_b()}),
      &error);
  ASSERT_NE(pipeline, nullptr) << error;
  ASSERT_TRUE(pipeline->WaitForStderr("listening on " + net.if_b(), milliseconds(10000))) << pipeline->err();
  FrameGroup frames{gen::FrameSpec{}, {60}, 200, 0};
  frames.rate = 50;
  ASSERT_TRUE(Send(net, {frames}));
  ProcessResult r = pipeline->Wait(milliseconds(10000));
  ASSERT_FALSE(r.timed_out) << r.err;
  EXPECT_NE(r.out.find("\nrc=14\n"), std::string::npos) << r.out << r.err;
  EXPECT_NE(r.err.find(ProgramName() + ": Unable to write output: Broken pipe"), std::string::npos) << r.err;
}

// tcpdump 4.99.3 asks libpcap to activate in monitor mode; on a veth libpcap answers RFMON_NOTSUP.
TEST(MonitorMode, DeviceWithoutMonitorModeIsRefused) {
  SETUP_NETWORK(net);
  const std::string file = tmp.File("never.pcap");
  ProcessResult r = RunIn(net.ns_b(), {CaptureBinary(), "-i", net.if_b(), "-I", "-w", file}, milliseconds(10000));
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  EXPECT_NE(r.err.find(ProgramName() + ": " + net.if_b() + ": That device doesn't support monitor mode"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(file));
}

// 257 queues: past the 256 sockets a fanout group holds unless its size is given (fanout_args). It used to
// fail with "PACKET_FANOUT: No space left on device", which reads like a full disk.
TEST(Queues, MoreThan256QueuesJoinOneGroup) {
  if (UnderTcpdump()) GTEST_SKIP() << "--queues is ringdump's own";
  SETUP_NETWORK(net);
  ProcessResult r = RunIn(net.ns_b(),
                          {CaptureBinary(), "-i", net.if_b(), "--queues", "257", "-B", "256", "-w", "/dev/null",
                           "--duration", "1"},
                          milliseconds(120000));
  EXPECT_EQ(r.exit_code, 0) << r.Describe() << r.err;
  EXPECT_NE(r.err.find("listening on " + net.if_b()), std::string::npos) << r.err;
}

uint64_t MemAvailable() {
  std::ifstream in("/proc/meminfo");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("MemAvailable:", 0) == 0) return std::stoull(line.substr(13)) * 1024;
  return 0;
}

// Rings the machine cannot hold are refused before the first is made, naming the memory and the flags.
TEST(Queues, RingsBeyondTheMemoryAreRefusedUpFront) {
  if (UnderTcpdump()) GTEST_SKIP() << "--queues is ringdump's own";
  SETUP_NETWORK(net);
  const uint64_t available = MemAvailable();
  ASSERT_GT(available, 0u);
  const uint64_t ring = 2097151ull * 1024;  // -B's largest value
  const uint64_t queues = available / ring + 2;
  if (queues > 1024) GTEST_SKIP() << "more memory than 1024 rings of 2 GiB";
  const auto start = std::chrono::steady_clock::now();
  ProcessResult r = RunIn(net.ns_b(),
                          {CaptureBinary(), "-i", net.if_b(), "--queues", std::to_string(queues), "-B", "2097151",
                           "-w", "/dev/null"},
                          milliseconds(20000));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  EXPECT_NE(r.err.find("ringdump: ring memory: " + std::to_string(queues) + " queues x 2.0 GiB"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("of memory available"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("use fewer --queues or a smaller -B"), std::string::npos) << r.err;
  EXPECT_LT(seconds, 10.0) << "refused before any ring was allocated";
}

// A time of day already past today means tomorrow: the start-up line says when, and that it is tomorrow.
TEST(StopAt, StartLineNamesTheResolvedTime) {
  if (UnderTcpdump()) GTEST_SKIP() << "--stop-at is ringdump's own";
  SETUP_NETWORK(net);
  const time_t past = time(nullptr) - 120;
  struct tm local {};
  localtime_r(&past, &local);
  char hhmm[8];
  strftime(hhmm, sizeof hhmm, "%H:%M", &local);
  auto capture = StartCapture(net, {"-w", tmp.File("x.pcap"), "--stop-at", hhmm});
  ASSERT_NE(capture, nullptr);
  capture->Signal(SIGINT);
  ProcessResult r = capture->Wait(milliseconds(10000));
  EXPECT_EQ(r.exit_code, 0) << r.Describe();
  EXPECT_NE(r.err.find("ringdump: stopping at "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("(in 23h5"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("that time of day has passed today"), std::string::npos) << r.err;
  // A date in the past is an error, not a capture of a day.
  ProcessResult old = RunIn(net.ns_b(), {CaptureBinary(), "-i", net.if_b(), "-w", tmp.File("y.pcap"), "--stop-at",
                                          "2001-01-01 00:00"},
                            milliseconds(10000));
  EXPECT_EQ(old.exit_code, 1) << old.Describe();
  EXPECT_NE(old.err.find("--stop-at 2001-01-01 00:00 is in the past"), std::string::npos) << old.err;
}

}  // namespace
}  // namespace ringdump::testing
