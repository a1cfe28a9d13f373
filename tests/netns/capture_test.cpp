// End-to-end tests of `ringdump -w` on a real veth pair: ringdump captures in namespace b while ringdump-gen
// sends a known set of frames from namespace a; the file is then read back with libpcap and every record
// compared byte for byte (VLAN tags as on the wire) with the frames that were sent, and nothing else may be
// in it. Also: the -c count, the tcpdump summary, stopping on SIGINT/SIGTERM/--duration, and the error exits.
//
// RINGDUMP_TEST_BINARY=/usr/bin/tcpdump runs the same tests against tcpdump (ringdump-only options are left
// out, ringdump-only tests skip), which is how the tests themselves are validated.
// RINGDUMP_GEN_BINARY overrides where ringdump-gen is found.
#include <pcap/pcap.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <thread>
#include <tuple>

#include "../../tools/ringdump-gen/frame.hpp"
#include "netns_fixture.hpp"

namespace ringdump::testing {
namespace {

namespace fs = std::filesystem;
using Bytes = std::vector<uint8_t>;
using std::chrono::milliseconds;

// the programs

std::string CaptureBinary() {
  if (const char* env = std::getenv("RINGDUMP_TEST_BINARY"); env != nullptr && *env != '\0') return env;
  return RINGDUMP_BINARY;
}

std::string ProgramName() { return fs::path(CaptureBinary()).filename().string(); }

bool UnderTcpdump() { return ProgramName() == "tcpdump"; }

std::string GenBinary() {
  if (const char* env = std::getenv("RINGDUMP_GEN_BINARY"); env != nullptr && *env != '\0') return env;
#ifdef RINGDUMP_GEN_BINARY
  return RINGDUMP_GEN_BINARY;
#else
  // build/tools/ringdump/ringdump -> build/tools/ringdump-gen/ringdump-gen
  return (fs::path(RINGDUMP_BINARY).parent_path().parent_path() / "ringdump-gen" / "ringdump-gen").string();
#endif
}

// The options only ringdump has, left out when the tests validate themselves against tcpdump.
std::vector<std::string> QueueArgs(int queues) {
  if (UnderTcpdump()) return {};
  return {"--queues", std::to_string(queues)};
}

// frames

// One run of ringdump-gen: count frames with sequence numbers seq_start.., sizes cycling through sizes.
struct FrameGroup {
  gen::FrameSpec spec;
  std::vector<size_t> sizes;
  uint64_t count = 0;
  uint64_t seq_start = 0;
  bool captured = true;  // expected in the file (false: the filter must drop it)
  uint32_t flows = 1;    // frame i comes from spec.src_port + i % flows (fanout hashing spreads flows)
  int rate = 20000;      // frames per second; paced so the receiver's backlog never overflows. 0: flat out
};

std::string MacText(const gen::MacAddress& mac) {
  char buf[18];
  std::snprintf(buf, sizeof(buf), "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1], mac[2], mac[3], mac[4],
                mac[5]);
  return buf;
}

std::vector<std::string> GenArgs(const TestNetwork& net, const FrameGroup& g) {
  std::string sizes;
  for (size_t s : g.sizes) sizes += (sizes.empty() ? "" : ",") + std::to_string(s);
  std::vector<std::string> argv = {GenBinary(),
                                   "-i",
                                   net.if_a(),
                                   "--count",
                                   std::to_string(g.count),
                                   "--size",
                                   sizes,
                                   "--seq-start",
                                   std::to_string(g.seq_start),
                                   "--src-mac",
                                   MacText(g.spec.src_mac),
                                   "--dst-mac",
                                   MacText(g.spec.dst_mac),
                                   "--src-port",
                                   std::to_string(g.spec.src_port),
                                   "--dst-port",
                                   std::to_string(g.spec.dst_port),
                                   "--flows",
                                   std::to_string(g.flows),
                                   "--rate",
                                   std::to_string(g.rate),
                                   "--seconds",
                                   "10"};
  if (g.spec.vlan) {
    argv.insert(argv.end(),
                {"--vlan", std::to_string(g.spec.vlan->id) + ":" + std::to_string(g.spec.vlan->priority),
                 "--tpid", std::to_string(g.spec.vlan->tpid)});
  }
  return argv;
}

// Sends each group from namespace a; false (with a failure recorded) if the generator did not send them all.
bool Send(const TestNetwork& net, const std::vector<FrameGroup>& groups) {
  for (const auto& g : groups) {
    ProcessResult r = RunIn(net.ns_a(), GenArgs(net, g), milliseconds(15000));
    if (r.exit_code != 0 || r.err.find("sent " + std::to_string(g.count) + " frames") == std::string::npos) {
      ADD_FAILURE() << "ringdump-gen (" << GenBinary() << ") failed: " << r.Describe();
      return false;
    }
  }
  return true;
}

// Sequence number -> the exact bytes on the wire, for the groups expected in the file.
std::map<uint64_t, Bytes> ExpectedFrames(const std::vector<FrameGroup>& groups) {
  std::map<uint64_t, Bytes> out;
  for (const auto& g : groups) {
    if (!g.captured) continue;
    for (uint64_t i = 0; i < g.count; ++i) {
      auto port = static_cast<uint16_t>(g.spec.src_port + i % g.flows);
      out[g.seq_start + i] =
          gen::FrameTemplate(g.spec, g.sizes[i % g.sizes.size()]).Build(g.seq_start + i, port);
    }
  }
  return out;
}

uint64_t CountCaptured(const std::vector<FrameGroup>& groups) {
  uint64_t n = 0;
  for (const auto& g : groups) n += g.captured ? g.count : 0;
  return n;
}

gen::FrameSpec Tagged(uint16_t id, uint8_t priority, uint16_t tpid = gen::kTpid8021Q) {
  gen::FrameSpec spec;
  spec.vlan = gen::VlanTag{tpid, id, priority};
  return spec;
}

gen::FrameSpec ToPort(uint16_t port) {
  gen::FrameSpec spec;
  spec.dst_port = port;
  return spec;
}

// the file

struct Record {
  timeval ts{};
  uint32_t len = 0;
  Bytes data;
};

struct PcapFile {
  std::string error;  // empty when the whole file was read without complaint
  int linktype = -1;
  int snaplen = 0;
  std::vector<Record> records;
};

PcapFile ReadPcap(const std::string& path) {
  PcapFile f;
  char errbuf[PCAP_ERRBUF_SIZE] = {};
  pcap_t* p = pcap_open_offline(path.c_str(), errbuf);
  if (p == nullptr) {
    f.error = errbuf;
    return f;
  }
  f.linktype = pcap_datalink(p);
  f.snaplen = pcap_snapshot(p);
  pcap_pkthdr* hdr = nullptr;
  const u_char* data = nullptr;
  int r;
  while ((r = pcap_next_ex(p, &hdr, &data)) == 1) {
    f.records.push_back({hdr->ts, hdr->len, Bytes(data, data + hdr->caplen)});
  }
  if (r != PCAP_ERROR_BREAK)
    f.error = std::string("after ") + std::to_string(f.records.size()) + " records: " + pcap_geterr(p);
  pcap_close(p);
  return f;
}

// How records must be ordered: one queue keeps the wire order; several queues keep it per flow (a flow
// hashes to one queue, each queue is written in time order), records of different queues interleave.
enum class Order { kGlobal, kPerFlow };

Order OrderFor(int queues) { return queues == 1 ? Order::kGlobal : Order::kPerFlow; }

// Every record is one of the expected frames, byte-identical, once, in the given order; unless
// allow_missing, every expected frame is there. Returns the number of valid records.
size_t ExpectFramesFrom(const PcapFile& file, const std::map<uint64_t, Bytes>& expected, Order order,
                        bool allow_missing = false) {
  EXPECT_EQ(file.error, "") << "libpcap could not read the whole file";
  EXPECT_EQ(file.linktype, DLT_EN10MB);
  EXPECT_GE(file.snaplen, 1518);
  // Per flow (tag, ports): the last sequence number and timestamp seen.
  std::map<std::tuple<int, uint16_t, uint16_t>, std::pair<uint64_t, timeval>> flows;
  std::set<uint64_t> seen;
  int complaints = 0;
  for (size_t i = 0; i < file.records.size() && complaints < 10; ++i) {
    const Record& r = file.records[i];
    auto parsed = gen::ParseFrame(r.data.data(), r.data.size());
    if (!parsed) {
      ++complaints;
      ADD_FAILURE() << "record " << i << " (" << r.data.size() << " bytes) is not a frame that was sent";
      continue;
    }
    auto it = expected.find(parsed->seq);
    if (it == expected.end()) {
      ++complaints;
      ADD_FAILURE() << "record " << i << " has sequence " << parsed->seq
                    << ", which should not be in the file";
      continue;
    }
    if (!seen.insert(parsed->seq).second) {
      ++complaints;
      ADD_FAILURE() << "record " << i << ": sequence " << parsed->seq << " appears twice";
    }
    if (r.len != it->second.size() || r.data != it->second) {
      ++complaints;
      ADD_FAILURE() << "record " << i << " (sequence " << parsed->seq << "): " << r.data.size() << " of "
                    << r.len << " bytes captured, " << it->second.size() << " sent"
                    << (!parsed->vlan && gen::ParseFrame(it->second.data(), it->second.size())->vlan
                            ? " (the VLAN tag is missing from the record)"
                            : "")
                    << "; the bytes differ";
    }
    auto key = order == Order::kGlobal ? std::make_tuple(0, uint16_t{0}, uint16_t{0})
                                       : std::make_tuple(parsed->vlan ? parsed->vlan->Tci() : -1,
                                                         parsed->src_port, parsed->dst_port);
    auto [last, first] = flows.try_emplace(key, parsed->seq, r.ts);
    if (!first) {
      if (parsed->seq <= last->second.first) {
        ++complaints;
        ADD_FAILURE() << "record " << i << " (sequence " << parsed->seq << ") comes after sequence "
                      << last->second.first << (order == Order::kGlobal ? "" : " of the same flow");
      }
      EXPECT_TRUE(timercmp(&r.ts, &last->second.second, >=))
          << "record " << i << "'s timestamp goes backwards";
      last->second = {parsed->seq, r.ts};
    }
  }
  if (!allow_missing) {
    EXPECT_EQ(file.records.size(), expected.size());
    EXPECT_EQ(seen.size(), expected.size()) << "frames missing from the file";
  }
  return seen.size();
}

// `tcpdump -r` and `tshark -r` read the file without complaint and see count packets (when installed).
void ExpectReadersAccept(const std::string& path, size_t count) {
  auto lines = [](const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
  };
  if (HaveTool("tcpdump")) {
    ProcessResult r = Run({"tcpdump", "-r", path, "-nn"});
    EXPECT_EQ(r.exit_code, 0) << r.Describe();
    EXPECT_EQ(lines(r.out).size(), count) << "tcpdump -r";
    for (const auto& line : lines(r.err)) {
      EXPECT_EQ(line.rfind("reading from file", 0), 0u) << "tcpdump -r complains: " << line;
    }
  }
  if (HaveTool("tshark")) {
    ProcessResult r = Run({"tshark", "-n", "-r", path});
    EXPECT_EQ(r.exit_code, 0) << r.Describe();
    EXPECT_EQ(lines(r.out).size(), count) << "tshark -r";
    for (const auto& line : lines(r.err)) {
      EXPECT_NE(line.find("Running as user"), std::string::npos) << "tshark -r complains: " << line;
    }
  }
}

// the capture

struct Summary {
  bool found = false;
  int64_t captured = -1, received = -1, dropped = -1;
};

Summary ParseSummary(const std::string& err) {
  Summary s;
  std::smatch m;
  auto number = [&](const char* pattern, int64_t* out) {
    if (std::regex_search(err, m, std::regex(pattern))) *out = std::stoll(m[1]);
    return *out >= 0;
  };
  bool a = number(R"((\d+) packets? captured)", &s.captured);
  bool b = number(R"((\d+) packets? received by filter)", &s.received);
  bool c = number(R"((\d+) packets? dropped by kernel)", &s.dropped);
  s.found = a && b && c;
  return s;
}

// Starts `PROG -i NAME-b0 ARGS...` in namespace b and waits for its `listening on` line; nullptr (with a
// failure recorded) if it never comes.
std::unique_ptr<Process> StartCapture(const TestNetwork& net, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {CaptureBinary(), "-i", net.if_b()};
  argv.insert(argv.end(), args.begin(), args.end());
  std::string error;
  auto p = Process::Start(InNamespace(net.ns_b(), argv), &error);
  if (!p) {
    ADD_FAILURE() << error;
    return nullptr;
  }
  if (!p->WaitForStderr("listening on " + net.if_b(), milliseconds(10000))) {
    ADD_FAILURE() << "no `listening on " << net.if_b()
                  << "` line: " << p->Wait(milliseconds(2000)).Describe();
    return nullptr;
  }
  return p;
}

// Common start of every test: skip if impossible, build the network, check the programs exist.
#define SETUP_NETWORK(net)                                                                           \
  RINGDUMP_REQUIRE_NETNS();                                                                          \
  TestNetwork net;                                                                                   \
  ASSERT_TRUE(net.ok()) << net.error();                                                              \
  ASSERT_TRUE(fs::exists(GenBinary())) << "ringdump-gen not found at " << GenBinary()                \
                                       << " (build target ringdump-gen or set RINGDUMP_GEN_BINARY)"; \
  ASSERT_TRUE(fs::exists(CaptureBinary())) << CaptureBinary() << " not found";                       \
  TempDir tmp;                                                                                       \
  ASSERT_FALSE(tmp.path().empty())

// The captures -c N, all frames sent, exit: file, summary and readers all agree.
// With -w, tcpdump prints nothing on stdout and exactly four lines on stderr: the listening line and the
// three summary lines (scripts compare these streams).
void ExpectTcpdumpOutput(const ProcessResult& result, const std::string& interface) {
  EXPECT_EQ(result.out, "") << "nothing may go to stdout with -w";
  std::vector<std::string> lines;
  std::istringstream in(result.err);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 4u) << "stderr should be the listening line and the summary:\n" << result.err;
  EXPECT_EQ(lines[0], ProgramName() + ": listening on " + interface +
                          ", link-type EN10MB (Ethernet), snapshot length 262144 bytes");
  EXPECT_TRUE(std::regex_match(lines[1], std::regex(R"(\d+ packets? captured)"))) << lines[1];
  EXPECT_TRUE(std::regex_match(lines[2], std::regex(R"(\d+ packets? received by filter)"))) << lines[2];
  EXPECT_TRUE(std::regex_match(lines[3], std::regex(R"(\d+ packets? dropped by kernel)"))) << lines[3];
}

void CheckCompleteCapture(const ProcessResult& result, const std::string& file,
                          const std::vector<FrameGroup>& groups, Order order, const std::string& interface) {
  ASSERT_EQ(result.exit_code, 0) << result.Describe();
  ExpectTcpdumpOutput(result, interface);
  PcapFile pcap = ReadPcap(file);
  ExpectFramesFrom(pcap, ExpectedFrames(groups), order);
  Summary s = ParseSummary(result.err);
  ASSERT_TRUE(s.found) << "no tcpdump summary on stderr: " << result.err;
  EXPECT_EQ(s.captured, static_cast<int64_t>(pcap.records.size())) << result.err;
  EXPECT_EQ(s.received, s.captured + s.dropped) << result.err;
  EXPECT_EQ(s.dropped, 0) << result.err;
  ExpectReadersAccept(file, pcap.records.size());
}

// the tests

class CaptureTest : public ::testing::TestWithParam<int> {};  // parameter: --queues

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
  std::vector<std::string> args = {"-w", file, "-c", std::to_string(CountCaptured(groups))};
  auto qa = QueueArgs(queues);
  args.insert(args.end(), qa.begin(), qa.end());
  auto capture = StartCapture(net, args);
  ASSERT_NE(capture, nullptr);
  ASSERT_TRUE(Send(net, groups));
  CheckCompleteCapture(capture->Wait(milliseconds(15000)), file, groups, OrderFor(queues), net.if_b());
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
  std::vector<std::string> args = {"-w", file, "-c", std::to_string(CountCaptured(groups))};
  auto qa = QueueArgs(queues);
  args.insert(args.end(), qa.begin(), qa.end());
  args.insert(args.end(), {"udp", "and", "dst", "port", "9"});
  auto capture = StartCapture(net, args);
  ASSERT_NE(capture, nullptr);
  ASSERT_TRUE(Send(net, groups));
  CheckCompleteCapture(capture->Wait(milliseconds(15000)), file, groups, OrderFor(queues), net.if_b());
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
  std::vector<std::string> args = {"-w", file, "-c", std::to_string(CountCaptured(groups))};
  auto qa = QueueArgs(queues);
  args.insert(args.end(), qa.begin(), qa.end());
  args.insert(args.end(), {"vlan", "100"});
  auto capture = StartCapture(net, args);
  ASSERT_NE(capture, nullptr);
  ASSERT_TRUE(Send(net, groups));
  CheckCompleteCapture(capture->Wait(milliseconds(15000)), file, groups, OrderFor(queues), net.if_b());
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
  std::vector<std::string> args = {"-w", file, "-c", std::to_string(CountCaptured(groups))};
  auto qa = QueueArgs(queues);
  args.insert(args.end(), qa.begin(), qa.end());
  args.insert(args.end(), {"udp", "dst", "port", "9"});
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
  std::vector<std::string> args = {"-w", file, "-c", std::to_string(CountCaptured(groups))};
  auto qa = QueueArgs(queues);
  args.insert(args.end(), qa.begin(), qa.end());
  auto capture = StartCapture(net, args);
  ASSERT_NE(capture, nullptr);
  ASSERT_TRUE(Send(net, groups));
  CheckCompleteCapture(capture->Wait(milliseconds(15000)), file, groups, OrderFor(queues), net.if_b());
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

INSTANTIATE_TEST_SUITE_P(Queues, CaptureTest, ::testing::Values(1, 2),
                         [](const ::testing::TestParamInfo<int>& info) {
                           return std::to_string(info.param) + (info.param == 1 ? "Queue" : "Queues");
                         });

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
