// End-to-end tests of `ringdump -w` on a real veth pair, with 1 and 2 queues: ringdump captures in namespace
// b while ringdump-gen sends a known set of frames from namespace a; the file is read back with libpcap and
// every record compared byte for byte (VLAN tags as on the wire) with what was sent; nothing else may be in
// it. Filters, the -c count, snaplen, jumbo frames, pcapng, and the accounting under load.
//
// RINGDUMP_TEST_BINARY=/usr/bin/tcpdump runs the same tests against tcpdump (ringdump-only options are left
// out, ringdump-only tests skip), which is how the tests themselves are validated.
// RINGDUMP_GEN_BINARY overrides where ringdump-gen is found.
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <regex>
#include <set>
#include <thread>

#include "capture_support.hpp"

namespace ringdump::testing {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;

class CaptureTest : public ::testing::TestWithParam<int> {};  // parameter: --queues

// -w FILE -c (the frames expected), --queues, then the filter words.
std::vector<std::string> CountedArgs(const std::string& file, const std::vector<FrameGroup>& groups, int queues,
                                     const std::vector<std::string>& filter = {}) {
  std::vector<std::string> args = {"-w", file, "-c", std::to_string(CountCaptured(groups))};
  auto qa = QueueArgs(queues);
  args.insert(args.end(), qa.begin(), qa.end());
  args.insert(args.end(), filter.begin(), filter.end());
  return args;
}

// Captures until exactly the expected frames of `groups` are in, sends them, and makes every check of a
// complete capture.
void CaptureExactly(const TestNetwork& net, const std::string& file, const std::vector<FrameGroup>& groups,
                    int queues, const std::vector<std::string>& filter = {}) {
  auto capture = StartCapture(net, CountedArgs(file, groups, queues, filter));
  ASSERT_NE(capture, nullptr);
  ASSERT_TRUE(Send(net, groups));
  CheckCompleteCapture(capture->Wait(milliseconds(15000)), file, groups, OrderFor(queues), net.if_b());
}

TEST_P(CaptureTest, WritesEveryFrameByteIdenticalWithVlanTags) {
  SETUP_NETWORK(net);
  const int queues = GetParam();
  std::vector<FrameGroup> groups = {
      {gen::FrameSpec{}, {60, 61, 64, 128, 1000, 1514}, 60, 0, true, 16},
      {Tagged(100, 5), {60, 1518, 200}, 30, 1000, true, 4},
      {Tagged(4094, 7), {60, 1514}, 10, 2000},
      {Tagged(0, 3), {60, 100}, 10, 3000},  // priority-only tag
      {Tagged(0, 0), {64}, 5, 4000},        // an all-zero TCI is still a tag
      {Tagged(200, 1, gen::kTpid8021AD),
       {60, 1514},
       10,
       5000},  // 802.1ad (the kernel sends 1518 only for 802.1Q)
      {gen::FrameSpec{}, {1514, 60}, 20, 6000, true, 8},
  };
  const std::string file = tmp.File("all.pcap");
  CaptureExactly(net, file, groups, queues);
}

TEST_P(CaptureTest, FilterKeepsOnlyMatchingFrames) {
  SETUP_NETWORK(net);
  const int queues = GetParam();
  std::vector<FrameGroup> groups = {
      {ToPort(10), {60, 1514}, 20, 0, false},
      {ToPort(9), {60, 1514, 300}, 30, 100, true, 16},
      {ToPort(53), {100}, 20, 200, false},
      {ToPort(9), {1514, 60}, 30, 300, true, 16},
  };
  const std::string file = tmp.File("filtered.pcap");
  CaptureExactly(net, file, groups, queues, {"udp", "and", "dst", "port", "9"});
}

// The kernel strips tags before the socket filter runs; `vlan 100` must still select by tag (libpcap's
// live-handle code generation uses the BPF ancillary loads for this).
TEST_P(CaptureTest, VlanFilterSelectsByTag) {
  SETUP_NETWORK(net);
  const int queues = GetParam();
  std::vector<FrameGroup> groups = {
      {gen::FrameSpec{}, {60, 1514}, 10, 0, false},
      {Tagged(100, 2), {60, 1518}, 20, 100, true, 8},
      {Tagged(200, 2), {60, 1518}, 10, 200, false},
      {Tagged(100, 0), {64}, 10, 300},
  };
  const std::string file = tmp.File("vlan.pcap");
  CaptureExactly(net, file, groups, queues, {"vlan", "100"});
}

TEST_P(CaptureTest, CountIsExact) {
  SETUP_NETWORK(net);
  const int queues = GetParam();
  constexpr int kCount = 37;
  std::vector<FrameGroup> groups = {{gen::FrameSpec{}, {60, 1514, 200}, 100, 0, true, 16}};
  const std::string file = tmp.File("count.pcap");
  std::vector<std::string> args = {"-w", file, "-c", std::to_string(kCount)};
  auto qa = QueueArgs(queues);
  args.insert(args.end(), qa.begin(), qa.end());
  auto capture = StartCapture(net, args);
  ASSERT_NE(capture, nullptr);
  ASSERT_TRUE(Send(net, groups));
  ProcessResult result = capture->Wait(milliseconds(15000));
  ASSERT_EQ(result.exit_code, 0) << result.Describe();
  PcapFile pcap = ReadPcap(file);
  ASSERT_EQ(pcap.error, "");
  ASSERT_EQ(pcap.records.size(), static_cast<size_t>(kCount));
  std::map<uint64_t, Bytes> expected = ExpectedFrames(groups);
  if (queues == 1) {
    // One queue: the first kCount frames, in order.
    expected.erase(expected.lower_bound(kCount), expected.end());
    ExpectFramesFrom(pcap, expected, Order::kGlobal);
  } else {
    // Several queues: which kCount frames is up to the interleaving, but each must be a distinct sent frame.
    std::set<uint64_t> seen;
    for (const auto& r : pcap.records) {
      auto parsed = gen::ParseFrame(r.data.data(), r.data.size());
      ASSERT_TRUE(parsed.has_value());
      ASSERT_TRUE(expected.count(parsed->seq));
      EXPECT_EQ(r.data, expected[parsed->seq]);
      EXPECT_TRUE(seen.insert(parsed->seq).second) << "duplicate " << parsed->seq;
    }
  }
  Summary s = ParseSummary(result.err);
  ASSERT_TRUE(s.found) << result.err;
  EXPECT_EQ(s.captured, kCount) << result.err;
  ExpectReadersAccept(file, kCount);
}

// Non-matching traffic is already flowing while the capture starts: none of it may slip into the file in the
// window between binding the socket and attaching the filter (the classic filter race).
TEST_P(CaptureTest, FilterAppliesFromTheFirstPacket) {
  SETUP_NETWORK(net);
  const int queues = GetParam();
  FrameGroup background{ToPort(10), {60, 1514}, 150000, 1000000, false, 64, 50000};
  std::string error;
  auto noise = Process::Start(InNamespace(net.ns_a(), GenArgs(net, background)), &error);
  ASSERT_NE(noise, nullptr) << error;
  std::this_thread::sleep_for(milliseconds(200));
  std::vector<FrameGroup> groups = {{ToPort(9), {60, 1514}, 20, 0, true, 4}};
  const std::string file = tmp.File("race.pcap");
  std::vector<std::string> args = CountedArgs(file, groups, queues, {"udp", "dst", "port", "9"});
  auto capture = StartCapture(net, args);
  ASSERT_NE(capture, nullptr);
  ASSERT_TRUE(Send(net, groups));
  ProcessResult result = capture->Wait(milliseconds(15000));
  noise->Signal(SIGINT);
  noise->Wait(milliseconds(5000));
  ASSERT_EQ(result.exit_code, 0) << result.Describe();
  ExpectFramesFrom(ReadPcap(file), ExpectedFrames(groups), OrderFor(queues));
}

// -s: records are cut to the snapshot length (the tag counts, as on the wire) and keep the original length.
TEST_P(CaptureTest, SnaplenCutsRecordsKeepsLength) {
  SETUP_NETWORK(net);
  const int queues = GetParam();
  constexpr size_t kSnap = 128;
  std::vector<FrameGroup> groups = {{gen::FrameSpec{}, {60, 100, 127, 128, 129, 1514}, 24, 0, true, 8},
                                    {Tagged(100, 5), {60, 126, 130, 1518}, 12, 100, true, 4}};
  const std::string file = tmp.File("snap.pcap");
  std::vector<std::string> args = {
      "-w", file, "-c", std::to_string(CountCaptured(groups)), "-s", std::to_string(kSnap)};
  auto qa = QueueArgs(queues);
  args.insert(args.end(), qa.begin(), qa.end());
  auto capture = StartCapture(net, args);
  ASSERT_NE(capture, nullptr);
  ASSERT_TRUE(Send(net, groups));
  ProcessResult result = capture->Wait(milliseconds(15000));
  ASSERT_EQ(result.exit_code, 0) << result.Describe();
  PcapFile pcap = ReadPcap(file);
  ASSERT_EQ(pcap.error, "");
  EXPECT_EQ(pcap.snaplen, static_cast<int>(kSnap));
  std::map<uint64_t, Bytes> expected = ExpectedFrames(groups);
  std::set<uint64_t> seen;
  for (size_t i = 0; i < pcap.records.size(); ++i) {
    const Record& r = pcap.records[i];
    auto parsed = gen::ParseFrame(r.data.data(), r.data.size());
    ASSERT_TRUE(parsed.has_value()) << "record " << i;
    ASSERT_TRUE(expected.count(parsed->seq)) << "record " << i;
    const Bytes& sent = expected[parsed->seq];
    EXPECT_EQ(r.len, sent.size()) << "record " << i << ": the original length";
    size_t want = std::min(kSnap, sent.size());
    EXPECT_EQ(r.data, Bytes(sent.begin(), sent.begin() + static_cast<std::ptrdiff_t>(want)))
        << "record " << i << " (" << sent.size() << " bytes sent): " << r.data.size() << " captured, " << want
        << " expected";
    EXPECT_TRUE(seen.insert(parsed->seq).second);
  }
  EXPECT_EQ(seen.size(), expected.size());
  ExpectReadersAccept(file, pcap.records.size());
}

// Jumbo frames (MTU 9000): whole frames up to 9018 bytes with a tag, byte-identical.
TEST_P(CaptureTest, JumboFramesAreWhole) {
  RINGDUMP_REQUIRE_NETNS();
  TestNetwork net(9000);
  ASSERT_TRUE(net.ok()) << net.error();
  TempDir tmp;
  const int queues = GetParam();
  std::vector<FrameGroup> groups = {{gen::FrameSpec{}, {9014, 60, 4000, 1514}, 20, 0, true, 8},
                                    {Tagged(300, 4), {9018, 9000, 60}, 9, 100, true, 3}};
  const std::string file = tmp.File("jumbo.pcap");
  CaptureExactly(net, file, groups, queues);
}

// --pcapng: the same frames in a pcapng file (section header first) that libpcap, tcpdump and tshark read.
TEST_P(CaptureTest, PcapngFileIsExact) {
  if (UnderTcpdump()) GTEST_SKIP() << "--pcapng is ringdump's own option";
  SETUP_NETWORK(net);
  const int queues = GetParam();
  std::vector<FrameGroup> groups = {{gen::FrameSpec{}, {60, 1514, 333}, 30, 0, true, 8},
                                    {Tagged(42, 6), {60, 1518}, 10, 100, true, 2}};
  const std::string file = tmp.File("all.pcapng");
  std::vector<std::string> args = {"-w", file, "--pcapng", "-c", std::to_string(CountCaptured(groups))};
  auto qa = QueueArgs(queues);
  args.insert(args.end(), qa.begin(), qa.end());
  auto capture = StartCapture(net, args);
  ASSERT_NE(capture, nullptr);
  ASSERT_TRUE(Send(net, groups));
  ProcessResult result = capture->Wait(milliseconds(15000));
  CheckCompleteCapture(result, file, groups, OrderFor(queues), net.if_b());
  FILE* f = std::fopen(file.c_str(), "rb");
  ASSERT_NE(f, nullptr);
  uint8_t magic[4] = {};
  EXPECT_EQ(std::fread(magic, 1, 4, f), 4u);
  std::fclose(f);
  EXPECT_EQ(Bytes(magic, magic + 4), (Bytes{0x0a, 0x0d, 0x0d, 0x0a})) << "not a pcapng section header block";
}

// Flat out through a small kernel buffer (-B 1024 KiB), so the kernel may drop: whatever reaches the file
// must still be exact (valid, byte-identical, no duplicates, per-flow order) and the summary must add up:
// captured = records in the file, received by filter = captured + dropped by kernel <= frames sent.
TEST_P(CaptureTest, AccountingAddsUpUnderLoad) {
  SETUP_NETWORK(net);
  const int queues = GetParam();
  constexpr uint64_t kFrames = 200000;
  std::vector<FrameGroup> groups = {{gen::FrameSpec{}, {60, 60, 594, 60, 1514}, kFrames, 0, true, 64, 0}};
  const std::string file = tmp.File("load.pcap");
  std::vector<std::string> args = {"-w", file, "-B", "1024"};
  auto qa = QueueArgs(queues);
  args.insert(args.end(), qa.begin(), qa.end());
  auto capture = StartCapture(net, args);
  ASSERT_NE(capture, nullptr);
  ASSERT_TRUE(Send(net, groups));
  std::this_thread::sleep_for(milliseconds(2000));
  capture->Signal(SIGINT);
  ProcessResult result = capture->Wait(milliseconds(20000));
  ASSERT_EQ(result.exit_code, 0) << result.Describe();
  PcapFile pcap = ReadPcap(file);
  size_t valid = ExpectFramesFrom(pcap, ExpectedFrames(groups), OrderFor(queues), /*allow_missing=*/true);
  EXPECT_EQ(valid, pcap.records.size());
  Summary s = ParseSummary(result.err);
  ASSERT_TRUE(s.found) << result.err;
  EXPECT_EQ(s.captured, static_cast<int64_t>(pcap.records.size())) << result.err;
  EXPECT_EQ(s.received, s.captured + s.dropped) << result.err;
  EXPECT_LE(s.received, static_cast<int64_t>(kFrames)) << result.err;
  EXPECT_GT(s.captured, 0);
  RecordProperty("captured", static_cast<int>(s.captured));
  RecordProperty("dropped", static_cast<int>(s.dropped));
  std::printf("[   INFO   ] %d queue(s): %lld of %llu frames captured, %lld dropped by kernel\n", queues,
              static_cast<long long>(s.captured), static_cast<unsigned long long>(kFrames),
              static_cast<long long>(s.dropped));
}

// -Q in|out|inout on NAME-a0, which sends 20 frames and receives 10: each direction gets exactly its frames.
class DirectionTest : public ::testing::TestWithParam<std::string> {};

TEST_P(DirectionTest, SelectsFramesByDirection) {
  SETUP_NETWORK(net);
  const std::string direction = GetParam();
  FrameGroup out{gen::FrameSpec{}, {60, 1514}, 20, 0, direction != "in", 4};
  out.bypass = false;
  FrameGroup in{Tagged(12, 3), {60, 1518}, 10, 100, direction != "out", 2};
  in.from_b = true;
  std::vector<FrameGroup> groups = {out, in};
  const std::string file = tmp.File("direction.pcap");
  auto capture = StartCaptureOn(net.ns_a(), net.if_a(),
                                {"-w", file, "-Q", direction, "-c", std::to_string(CountCaptured(groups))});
  ASSERT_NE(capture, nullptr);
  ASSERT_TRUE(Send(net, groups));
  ProcessResult result = capture->Wait(milliseconds(15000));
  ASSERT_EQ(result.exit_code, 0) << result.Describe();
  ExpectTcpdumpOutput(result, net.if_a());
  PcapFile pcap = ReadPcap(file);
  ExpectFramesFrom(pcap, ExpectedFrames(groups), Order::kPerFlow);
  // -Q filters after the kernel counted (tcpdump too): "received by filter" includes the other direction.
  Summary s = ParseSummary(result.err);
  EXPECT_EQ(s.captured, static_cast<int64_t>(pcap.records.size())) << result.err;
  EXPECT_EQ(s.dropped, 0) << result.err;
  ExpectReadersAccept(file, pcap.records.size());
}

INSTANTIATE_TEST_SUITE_P(Directions, DirectionTest, ::testing::Values("in", "out", "inout"),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

// With -v ringdump adds a per-queue table to the summary; with 2 queues and 64 flows, fanout hashing must
// give both queues packets, and the per-queue rows must add up to the totals.
TEST(CaptureQueues, FanoutSpreadsFlowsAndPerQueueRowsAddUp) {
  if (UnderTcpdump()) GTEST_SKIP() << "--queues and the per-queue table are ringdump's own";
  SETUP_NETWORK(net);
  std::vector<FrameGroup> groups = {{gen::FrameSpec{}, {60, 1514}, 2000, 0, true, 64}};
  const std::string file = tmp.File("fanout.pcap");
  auto capture = StartCapture(net, {"-v", "-w", file, "--queues", "2", "-c", "2000"});
  ASSERT_NE(capture, nullptr);
  ASSERT_TRUE(Send(net, groups));
  ProcessResult result = capture->Wait(milliseconds(15000));
  ASSERT_EQ(result.exit_code, 0) << result.Describe();
  PcapFile pcap = ReadPcap(file);
  ExpectFramesFrom(pcap, ExpectedFrames(groups), Order::kPerFlow);
  // "queue received kernel-drop freezes written bytes w-dropped stalls", one row per queue.
  std::regex row(R"((?:^|\n)(\d+) +(\d+) +(\d+) +(\d+) +(\d+) +(\d+) +(\d+) +(\d+)(?=\n|$))");
  std::vector<std::vector<int64_t>> rows;
  for (auto it = std::sregex_iterator(result.err.begin(), result.err.end(), row);
       it != std::sregex_iterator(); ++it) {
    std::vector<int64_t> v;
    for (size_t i = 1; i <= 8; ++i) v.push_back(std::stoll((*it)[i]));
    rows.push_back(v);
  }
  ASSERT_EQ(rows.size(), 2u) << "expected a row per queue in:\n" << result.err;
  Summary s = ParseSummary(result.err);
  ASSERT_TRUE(s.found) << result.err;
  int64_t received = 0, dropped = 0, written = 0, bytes = 0;
  for (const auto& r : rows) {
    EXPECT_GT(r[1], 0) << "queue " << r[0] << " received nothing: the flows were not spread";
    received += r[1];
    dropped += r[2];
    written += r[4];
    bytes += r[5];
  }
  EXPECT_EQ(received, s.received);
  EXPECT_EQ(dropped, s.dropped);
  EXPECT_EQ(written, s.captured);
  EXPECT_EQ(written, static_cast<int64_t>(pcap.records.size()));
  int64_t record_bytes = 0;
  for (const auto& r : pcap.records) record_bytes += static_cast<int64_t>(r.data.size());
  EXPECT_GE(bytes, record_bytes) << "bytes written covers at least the packet data";
}

// The default queue count (no --queues) starts one queue; the second joins when the first one's load passes
// --queue-load (0 here: a quarter second after the first block). Frames keep arriving while it joins: every
// frame must be in the file exactly once, and afterwards both queues must get flows. Per-flow order holds by
// timestamp only: a flow that moves to the new queue can have its first records there written before its
// last ones from the first queue's partly filled block (handed over at the block timeout).
TEST(CaptureQueues, SecondQueueJoinsWhileFramesArriveWithoutLossOrDuplicates) {
  if (UnderTcpdump()) GTEST_SKIP() << "--queue-load and the per-queue table are ringdump's own";
  if (std::thread::hardware_concurrency() < 2) GTEST_SKIP() << "one core: the default is one queue";
  SETUP_NETWORK(net);
  // 2 s of frames at 20 000 per second: the join happens in the first half.
  std::vector<FrameGroup> groups = {{gen::FrameSpec{}, {60, 594}, 40000, 0, true, 64}};
  const std::string file = tmp.File("grow.pcap");
  auto capture = StartCapture(net, {"-v", "-w", file, "--queue-load", "0", "-c", "40000"});
  ASSERT_NE(capture, nullptr);
  ASSERT_TRUE(Send(net, groups));
  ProcessResult result = capture->Wait(milliseconds(15000));
  ASSERT_EQ(result.exit_code, 0) << result.Describe();
  PcapFile pcap = ReadPcap(file);
  std::stable_sort(pcap.records.begin(), pcap.records.end(), [](const Record& a, const Record& b) {
    return timercmp(&a.ts, &b.ts, <);
  });
  EXPECT_EQ(ExpectFramesFrom(pcap, ExpectedFrames(groups), Order::kPerFlow), 40000u);
  std::regex row(R"((?:^|\n)(\d+) +(\d+) +(\d+) +(\d+) +(\d+) +(\d+) +(\d+) +(\d+)(?=\n|$))");
  std::vector<int64_t> written;
  for (auto it = std::sregex_iterator(result.err.begin(), result.err.end(), row);
       it != std::sregex_iterator(); ++it)
    written.push_back(std::stoll((*it)[5]));
  ASSERT_GE(written.size(), 2u) << result.err;
  EXPECT_GT(written[0], 0) << result.err;
  EXPECT_GT(written[1], 0) << "the second queue never started or got no flow:\n" << result.err;
  Summary s = ParseSummary(result.err);
  EXPECT_EQ(s.dropped, 0) << result.err;
}

// Without load the default starts no second queue: its row stays empty.
TEST(CaptureQueues, DefaultStartsOneQueueAtLowLoad) {
  if (UnderTcpdump()) GTEST_SKIP() << "the per-queue table is ringdump's own";
  if (std::thread::hardware_concurrency() < 2) GTEST_SKIP() << "one core: the default is one queue";
  SETUP_NETWORK(net);
  std::vector<FrameGroup> groups = {{gen::FrameSpec{}, {60}, 2000, 0, true, 64}};
  const std::string file = tmp.File("idle.pcap");
  auto capture = StartCapture(net, {"-v", "-w", file, "-c", "2000"});
  ASSERT_NE(capture, nullptr);
  ASSERT_TRUE(Send(net, groups));
  ProcessResult result = capture->Wait(milliseconds(15000));
  ASSERT_EQ(result.exit_code, 0) << result.Describe();
  PcapFile pcap = ReadPcap(file);
  EXPECT_EQ(ExpectFramesFrom(pcap, ExpectedFrames(groups), Order::kGlobal), 2000u);
  std::regex row(R"((?:^|\n)1 +(\d+) +\d+ +\d+ +(\d+))");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(result.err, m, row)) << result.err;
  EXPECT_EQ(m[2].str(), "0") << result.err;
}

INSTANTIATE_TEST_SUITE_P(Queues, CaptureTest, ::testing::Values(1, 2),
                         [](const ::testing::TestParamInfo<int>& info) {
                           return std::to_string(info.param) + (info.param == 1 ? "Queue" : "Queues");
                         });

}  // namespace
}  // namespace ringdump::testing
