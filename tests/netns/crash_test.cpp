// kill -9 while writing under load: whatever ringdump leaves behind must be readable by tcpdump up to a
// record boundary, every record must be one of the frames sent (byte-identical, never twice), files still
// being written carry the hidden name ".NAME.part", finished files of a -C set are whole, and RepairFile
// (`ringdump --repair`) turns each leftover into a file tcpdump reads to its end without complaint.
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "capture_support.hpp"
#include "repair.hpp"

namespace ringdump::testing {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;

FrameGroup Load(uint64_t count, int rate) {
  FrameGroup g;
  g.sizes = {60, 594, 1514};
  g.count = count;
  g.rate = rate;
  return g;
}

// Starts the capture in namespace b, sends `load` from a in the background, kills the capture with SIGKILL
// after `kill_after`, and returns once the sender is done.
void CaptureAndKill(const TestNetwork& net, const std::vector<std::string>& extra, const FrameGroup& load,
                    milliseconds kill_after) {
  std::vector<std::string> argv{CaptureBinary(), "-i", net.if_b(), "-n"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  std::string error;
  auto p = Process::Start(InNamespace(net.ns_b(), argv), &error);
  ASSERT_TRUE(p) << error;
  ASSERT_TRUE(p->WaitForStderr("listening on", milliseconds(5000))) << p->err();
  std::thread sender([&] { EXPECT_TRUE(Send(net, {load})); });
  std::this_thread::sleep_for(kill_after);
  p->Signal(SIGKILL);
  ProcessResult r = p->Wait(milliseconds(5000));
  sender.join();
  EXPECT_EQ(r.term_signal, SIGKILL) << r.Describe();
}

struct Leftover {
  std::string path;
  bool hidden = false;
};

std::vector<Leftover> FilesIn(const std::string& dir) {
  std::vector<Leftover> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    std::string name = e.path().filename().string();
    if (name.size() > 5 && name.compare(name.size() - 5, 5, ".ridx") == 0) continue;  // an index, not a capture
    out.push_back({e.path().string(), name[0] == '.'});
  }
  return out;
}

// The records libpcap reads before it stops (error or end), checked against the frames sent; a hole of
// zeros read as records would fail the byte comparison, so only records before it count. Returns how many.
using FrameIndex = std::map<Bytes, uint64_t>;  // frame bytes -> sequence number

FrameIndex IndexOf(const FrameGroup& load) {
  FrameIndex index;
  for (auto& [seq, bytes] : ExpectedFrames({load})) index.emplace(std::move(bytes), seq);
  return index;
}

size_t CheckReadableToARecordBoundary(const std::string& path, const FrameIndex& expected,
                                      std::set<uint64_t>* seen) {
  PcapFile f = ReadPcap(path);
  size_t good = 0;
  for (const Record& r : f.records) {
    auto it = expected.find(r.data);
    if (it == expected.end()) break;
    EXPECT_TRUE(seen->insert(it->second).second) << "sequence " << it->second << " written twice";
    ++good;
  }
  return good;
}

void RepairAndCheck(const Leftover& f, size_t readable_before) {
  auto r = RepairFile(f.path);
  ASSERT_TRUE(r.ok()) << r.error().message();
  if (r->removed) {  // killed before its first chunk was written
    EXPECT_EQ(readable_before, 0u);
    EXPECT_FALSE(fs::exists(f.path));
    return;
  }
  if (f.hidden) {
    std::string final_name = FinalNameOfPart(f.path);
    EXPECT_EQ(r->final_path, final_name.empty() ? f.path : final_name);
  }
  PcapFile after = ReadPcap(r->final_path);
  EXPECT_EQ(after.error, "") << r->final_path << " still reads with an error after --repair";
  EXPECT_GE(after.records.size(), readable_before) << "repair lost whole records";
  if (HaveTool("tcpdump")) {
    ProcessResult t = RunCommand({"tcpdump", "-nr", r->final_path}, milliseconds(20000));
    EXPECT_EQ(t.exit_code, 0) << t.err;
    EXPECT_EQ(t.err.find("truncated"), std::string::npos) << t.err;
  }
}

TEST(Crash, KillNineWhileWritingLeavesAPartFileThatRepairs) {
  SETUP_NETWORK(net);
  FrameGroup load = Load(40000, 40000);
  // 1.2 s: the time-order merge holds records back up to ~320 ms before they go to a 4 MiB chunk.
  CaptureAndKill(net, {"-w", tmp.File("cap.pcap"), "--queues", "2"}, load, milliseconds(1200));
  auto files = FilesIn(tmp.path());
  ASSERT_EQ(files.size(), 1u);
  EXPECT_TRUE(files[0].hidden) << files[0].path << ": an unfinished file must keep its hidden name";
  EXPECT_EQ(fs::path(files[0].path).filename(), ".cap.pcap.part");
  FrameIndex expected = IndexOf(load);
  std::set<uint64_t> seen;
  size_t good = CheckReadableToARecordBoundary(files[0].path, expected, &seen);
  EXPECT_GT(good, 0u) << "nothing reached the file in 1.2 s of load";
  RepairAndCheck(files[0], good);
}

TEST(Crash, KillNineDuringRotationKeepsFinishedFilesWhole) {
  SETUP_NETWORK(net);
  FrameGroup load = Load(60000, 40000);  // ~40 MB/s of 60..1514-byte frames: a 1 MB file every ~25 ms
  CaptureAndKill(net, {"-w", tmp.File("rot.pcap"), "-C", "1", "--queues", "2"}, load, milliseconds(800));
  auto files = FilesIn(tmp.path());
  ASSERT_GE(files.size(), 2u) << "no rotation happened before the kill";
  FrameIndex expected = IndexOf(load);
  std::set<uint64_t> seen;
  size_t hidden = 0;
  for (const Leftover& f : files) {
    size_t good = CheckReadableToARecordBoundary(f.path, expected, &seen);
    if (f.hidden) {
      // Spares made ahead by the closer ("..ringdump-next-PID-N.part") may be empty or header-only; one
      // swapped in by a rotation holds a segment under that name until it is finished.
      if (IsSpare(f.path) && fs::file_size(f.path) < 24) continue;
      ++hidden;
      RepairAndCheck(f, good);
    } else {
      PcapFile whole = ReadPcap(f.path);
      EXPECT_EQ(whole.error, "") << f.path << ": a finished (renamed) file must be whole";
      EXPECT_EQ(good, whole.records.size()) << f.path;
    }
  }
  EXPECT_GE(hidden, 1u) << "no file in progress at the kill";
}

TEST(Crash, KillNineWithPcapngRepairs) {
  SETUP_NETWORK(net);
  FrameGroup load = Load(30000, 30000);
  CaptureAndKill(net, {"-w", tmp.File("cap.pcapng"), "--pcapng"}, load, milliseconds(500));
  auto files = FilesIn(tmp.path());
  ASSERT_EQ(files.size(), 1u);
  auto r = RepairFile(files[0].path);
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_EQ(r->scan.format, CaptureFormat::kPcapng);
  if (HaveTool("tcpdump")) {
    ProcessResult t = RunCommand({"tcpdump", "-nr", r->final_path}, milliseconds(20000));
    EXPECT_EQ(t.exit_code, 0) << t.err;
    EXPECT_EQ(t.err.find("truncated"), std::string::npos) << t.err;
  }
}

}  // namespace
}  // namespace ringdump::testing
