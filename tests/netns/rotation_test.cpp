// File sets end to end: -C/-W side by side with tcpdump (same names, same sizes, same bytes), -G intervals by
// packet time with nothing lost or duplicated, -G -W ending the capture, quiet links, load with two queues,
// SIGHUP, retention, -z, -Z, a full disk, and hidden names while files are being written.
#include <pcap/pcap.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <thread>

#include "capture_support.hpp"

namespace ringdump::testing {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;

// Visible (not hidden) regular files of a directory, sorted by name, with their sizes.
std::map<std::string, uintmax_t> Listing(const std::string& dir) {
  std::map<std::string, uintmax_t> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file() && e.path().filename().string()[0] != '.') files[e.path().filename().string()] = e.file_size();
  return files;
}

// Same records (lengths and bytes) in the same order; timestamps may differ by microseconds, as each socket
// stamps the packet itself.
bool SameRecords(const std::string& a, const std::string& b) {
  PcapFile fa = ReadPcap(a), fb = ReadPcap(b);
  if (!fa.error.empty() || !fb.error.empty() || fa.records.size() != fb.records.size()) return false;
  for (size_t i = 0; i < fa.records.size(); ++i)
    if (fa.records[i].len != fb.records[i].len || fa.records[i].data != fb.records[i].data) return false;
  return true;
}

// The sequence number ringdump-gen put in a frame ("RDSEQ" + 64-bit big endian), or -1.
int64_t SequenceOf(const Bytes& frame) {
  static const char kMagic[] = "RDSEQ";
  auto it = std::search(frame.begin(), frame.end(), kMagic, kMagic + 5);
  if (it == frame.end() || frame.end() - it < 13) return -1;
  uint64_t seq = 0;
  for (int i = 0; i < 8; ++i) seq = seq << 8 | it[5 + i];
  return static_cast<int64_t>(seq);
}

// Every record of every file of a set: the sequence numbers, checking each file reads without complaint.
std::multiset<int64_t> SequencesOfSet(const std::string& dir) {
  std::multiset<int64_t> seqs;
  for (const auto& [name, size] : Listing(dir)) {
    PcapFile f = ReadPcap(dir + "/" + name);
    EXPECT_TRUE(f.error.empty()) << name << ": " << f.error;
    for (const Record& r : f.records) seqs.insert(SequenceOf(r.data));
  }
  return seqs;
}

void ExpectEachExactlyOnce(const std::multiset<int64_t>& seqs, int64_t first, int64_t count) {
  EXPECT_EQ(seqs.size(), static_cast<size_t>(count));
  for (int64_t s = first; s < first + count; ++s) EXPECT_EQ(seqs.count(s), 1u) << "sequence " << s;
}

FrameGroup Traffic(uint64_t count, int rate, std::vector<size_t> sizes = {60, 594, 1514}) {
  FrameGroup g;
  g.sizes = std::move(sizes);
  g.count = count;
  g.rate = rate;
  return g;
}

std::unique_ptr<Process> StartIn(const TestNetwork& net, std::vector<std::string> argv) {
  std::string error;
  auto p = Process::Start(InNamespace(net.ns_b(), argv), &error);
  EXPECT_TRUE(p) << error;
  if (p) {
    EXPECT_TRUE(p->WaitForStderr("listening on", milliseconds(5000))) << p->err();
  }
  return p;
}

// -C and -W: the same traffic, the same options; the file sets must match tcpdump's name for name, size for
// size and record for record.
class SideBySide : public ::testing::TestWithParam<std::vector<std::string>> {};

TEST_P(SideBySide, SameFileSetAsTcpdump) {
  if (!HaveTool("tcpdump")) GTEST_SKIP() << "tcpdump is not installed";
  SETUP_NETWORK(net);
  const std::string theirs = tmp.File("tcpdump"), ours = tmp.File("ringdump");
  fs::create_directories(theirs);
  fs::create_directories(ours);
  std::vector<std::string> args = GetParam();
  // -Z root: Debian's tcpdump otherwise becomes user "tcpdump" before it opens the files.
  std::vector<std::string> tcpdump = {"tcpdump", "-Z", "root", "-i", net.if_b(), "-w", theirs + "/f.pcap"};
  std::vector<std::string> ringdump = {RINGDUMP_BINARY, "--queues", "1", "-i", net.if_b(), "-w", ours + "/f.pcap"};
  tcpdump.insert(tcpdump.end(), args.begin(), args.end());
  ringdump.insert(ringdump.end(), args.begin(), args.end());
  tcpdump.push_back("udp");
  ringdump.push_back("udp");
  auto t = StartIn(net, tcpdump);
  auto r = StartIn(net, ringdump);
  ASSERT_TRUE(t && r);
  ASSERT_TRUE(Send(net, {Traffic(8000, 20000)}));
  std::this_thread::sleep_for(milliseconds(1500));
  t->Signal(SIGINT);
  r->Signal(SIGINT);
  ProcessResult tr = t->Wait(milliseconds(10000)), rr = r->Wait(milliseconds(10000));
  ASSERT_EQ(tr.exit_code, 0) << tr.err;
  ASSERT_EQ(rr.exit_code, 0) << rr.err;
  auto expected = Listing(theirs), got = Listing(ours);
  ASSERT_GE(expected.size(), 2u) << "the traffic should fill several files";
  EXPECT_EQ(got, expected);
  for (const auto& [name, size] : expected) {
    if (got.count(name)) {
      EXPECT_TRUE(SameRecords(theirs + "/" + name, ours + "/" + name)) << name;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Rotation, SideBySide,
                         ::testing::Values(std::vector<std::string>{"-C", "1"},
                                           std::vector<std::string>{"-C", "1", "-W", "3"},
                                           std::vector<std::string>{"-C", "2", "-W", "12"}),
                         [](const auto& info) {
                           std::string name;
                           for (const auto& a : info.param) name += a;
                           std::replace_if(name.begin(), name.end(), [](char c) { return !std::isalnum(c); }, '_');
                           return name;
                         });

TEST(Rotation, TimeIntervalsByPacketTimeNothingLostOrDuplicated) {
  SETUP_NETWORK(net);
  auto r = StartIn(net, {RINGDUMP_BINARY, "-i", net.if_b(), "-G", "1", "-w", tmp.File("g-%s.pcap"), "udp"});
  ASSERT_TRUE(r);
  ASSERT_TRUE(Send(net, {Traffic(6000, 2000)}));  // three seconds
  std::this_thread::sleep_for(milliseconds(600));
  r->Signal(SIGTERM);
  ProcessResult result = r->Wait(milliseconds(10000));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto files = Listing(tmp.path());
  EXPECT_GE(files.size(), 3u);
  for (const auto& [name, size] : files) {
    int64_t start = std::stoll(name.substr(2));
    for (const Record& rec : ReadPcap(tmp.File(name)).records) {
      EXPECT_GE(rec.ts.tv_sec, start) << name;
      EXPECT_LT(rec.ts.tv_sec, start + 1) << name;
    }
  }
  ExpectEachExactlyOnce(SequencesOfSet(tmp.path()), 0, 6000);
}

TEST(Rotation, TimeWithFileLimitEndsTheCaptureLikeTcpdump) {
  SETUP_NETWORK(net);
  auto r = StartIn(net, {RINGDUMP_BINARY, "-i", net.if_b(), "-G", "1", "-W", "3", "-w", tmp.File("w-%s.pcap")});
  ASSERT_TRUE(r);
  ASSERT_TRUE(Send(net, {Traffic(2000, 500)}));  // four seconds: more than three files' worth
  ProcessResult result = r->Wait(milliseconds(10000));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("\nMaximum file limit reached: 3\n"), std::string::npos) << result.err;
  EXPECT_EQ(Listing(tmp.path()).size(), 3u);
  // Packets that arrive after the last file is closed by the limit are not a writer failure.
  EXPECT_EQ(result.err.find("dropped by the writer"), std::string::npos) << result.err;
}

// A restart inside an --align interval (systemd's Restart=on-failure) must not replace the interval's file
// the first run wrote: the second run continues under a free name beside it and says so.
TEST(Rotation, RestartInsideAnAlignedIntervalNeverReplacesItsFile) {
  SETUP_NETWORK(net);
  const std::string dir = tmp.File("aligned");
  fs::create_directories(dir);
  std::string second_err;
  for (int run = 0; run < 2; ++run) {
    auto r = StartIn(net, {RINGDUMP_BINARY, "-i", net.if_b(), "--queues", "1", "-G", "600", "--align", "-w",
                           dir + "/a-%H%M.pcap", "udp"});
    ASSERT_TRUE(r);
    FrameGroup g = Traffic(run == 0 ? 100 : 50, 2000);
    g.seq_start = run == 0 ? 0 : 100;
    ASSERT_TRUE(Send(net, {g}));
    std::this_thread::sleep_for(milliseconds(500));
    r->Signal(SIGINT);
    ProcessResult result = r->Wait(milliseconds(10000));
    ASSERT_EQ(result.exit_code, 0) << result.err;
    if (run == 1) second_err = result.err;
  }
  ExpectEachExactlyOnce(SequencesOfSet(dir), 0, 150);
  if (Listing(dir).size() == 2 && second_err.find("continuing in") == std::string::npos)
    ADD_FAILURE() << "the second run did not say where it continued: " << second_err;
}

// -G with one name for every interval: tcpdump users must be told it rewrites one file, and a quiet last
// interval must not replace the file of the one with packets.
TEST(Rotation, OneNameForEveryIntervalKeepsTheLastBurst) {
  SETUP_NETWORK(net);
  const std::string file = tmp.File("same.pcap");
  auto r = StartIn(net, {RINGDUMP_BINARY, "-i", net.if_b(), "--queues", "1", "-G", "1", "-w", file, "udp"});
  ASSERT_TRUE(r);
  ASSERT_TRUE(Send(net, {Traffic(300, 3000)}));
  std::this_thread::sleep_for(milliseconds(3500));  // quiet intervals follow the burst
  r->Signal(SIGINT);
  ProcessResult result = r->Wait(milliseconds(10000));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("-G without a time"), std::string::npos) << result.err;
  PcapFile f = ReadPcap(file);
  EXPECT_TRUE(f.error.empty()) << f.error;
  EXPECT_GT(f.records.size(), 0u) << "a quiet interval replaced the file of the burst";
}

// -z with a -W ring: every closed file is handed to the command exactly once, the commands are done before
// the summary, and a slot is not reused while the command still works on the file of that name.
TEST(Rotation, PostRotateCommandOncePerFileWithARing) {
  SETUP_NETWORK(net);
  const std::string log = tmp.File("z.log"), script = tmp.File("z.sh");
  {
    std::ofstream out(script);
    // The file's identity: the sequence number of its first frame (ringdump-gen's RDSEQ, at byte 87).
    out << "#!/bin/sh\necho \"$1 $(od -An -tx1 -j87 -N8 \"$1\" | tr -d ' ') start\" >> " << log
        << "\nsleep 0.3\n"
        << "echo \"$1 done\" >> " << log << "\n";
  }
  chmod(script.c_str(), 0755);
  const std::string dir = tmp.File("ring");
  fs::create_directories(dir);
  auto r = StartIn(net, {RINGDUMP_BINARY, "-i", net.if_b(), "--queues", "1", "-C", "1", "-W", "3", "-z", script, "-w",
                         dir + "/cap.pcap", "udp"});
  ASSERT_TRUE(r);
  ASSERT_TRUE(Send(net, {Traffic(6000, 3000, {1514})}));  // ~9 MB: the ring of three wraps twice
  std::this_thread::sleep_for(milliseconds(500));
  r->Signal(SIGINT);
  ProcessResult result = r->Wait(milliseconds(20000));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::ifstream in(log);
  std::map<std::string, int> starts;  // "name inode" -> times handed over
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  int running = 0, done = 0;
  std::map<std::string, int> open_on;  // name -> commands running on it
  for (const std::string& line : lines) {
    const std::string name = line.substr(0, line.find(' '));
    if (line.size() > 6 && line.compare(line.size() - 5, 5, "start") == 0) {
      ++starts[line.substr(0, line.rfind(' '))];
      EXPECT_EQ(open_on[name]++, 0) << "a new file took the name " << name << " while -z still worked on the old one";
      ++running;
    } else {
      --open_on[name];
      ++done;
    }
  }
  EXPECT_GE(running, 8) << "expected about nine files";
  EXPECT_EQ(done, running) << "ringdump exited before every -z command had finished";
  for (const auto& [file, times] : starts) EXPECT_EQ(times, 1) << file << " handed to -z more than once";
}

// On a quiet link no ring block is ever retired: the stop the closer decides on the clock (-W reached) must
// still end the capture within about a second (it once ran until killed).
TEST(Rotation, TimeWithFileLimitEndsOnAQuietLink) {
  SETUP_NETWORK(net);
  const auto start = std::chrono::steady_clock::now();
  auto r = StartIn(net, {RINGDUMP_BINARY, "-i", net.if_b(), "-G", "1", "-W", "3", "-w", tmp.File("q-%s.pcap"),
                         "udp port 7"});
  ASSERT_TRUE(r);
  ProcessResult result = r->Wait(milliseconds(12000));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_LT(seconds, 8.0) << "the capture did not end by itself";
  EXPECT_NE(result.err.find("\nMaximum file limit reached: 3\n"), std::string::npos) << result.err;
  EXPECT_EQ(Listing(tmp.path()).size(), 3u);
}

// -G with -W (and with -C): the same traffic through tcpdump and ringdump side by side; both end by themselves
// after the same number of -G intervals with tcpdump's message, and name their files the same way.
TEST(Rotation, TimeLimitSideBySideWithTcpdump) {
  if (!HaveTool("tcpdump")) GTEST_SKIP() << "tcpdump is not installed";
  SETUP_NETWORK(net);
  for (const std::vector<std::string>& extra : {std::vector<std::string>{"-G", "1", "-W", "3"},
                                                 std::vector<std::string>{"-G", "1", "-C", "1", "-W", "2"}}) {
    const std::string theirs = tmp.File("t" + std::to_string(extra.size())), ours = tmp.File("r" + std::to_string(extra.size()));
    fs::create_directories(theirs);
    fs::create_directories(ours);
    std::vector<std::string> t = {"tcpdump", "-Z", "root", "-i", net.if_b(), "-w", theirs + "/g-%s-"};
    std::vector<std::string> r = {RINGDUMP_BINARY, "--queues", "1", "-i", net.if_b(), "-w", ours + "/g-%s-"};
    t.insert(t.end(), extra.begin(), extra.end());
    r.insert(r.end(), extra.begin(), extra.end());
    auto tp = StartIn(net, t);
    auto rp = StartIn(net, r);
    ASSERT_TRUE(tp && rp);
    ASSERT_TRUE(Send(net, {Traffic(2500, 500)}));  // five seconds of traffic: more than the intervals allow
    std::this_thread::sleep_for(milliseconds(1000));
    if (extra.size() > 4) {  // with -C, -W is a ring inside each interval and tcpdump never stops by itself
      tp->Signal(SIGINT);
      rp->Signal(SIGINT);
    }
    ProcessResult tr = tp->Wait(milliseconds(10000)), rr = rp->Wait(milliseconds(10000));
    ASSERT_EQ(tr.exit_code, 0) << tr.err;
    ASSERT_EQ(rr.exit_code, 0) << rr.err;
    const bool limited = extra.size() == 4;
    EXPECT_EQ(tr.err.find("Maximum file limit reached: 3") != std::string::npos, limited) << tr.err;
    EXPECT_EQ(rr.err.find("Maximum file limit reached: 3") != std::string::npos, limited) << rr.err;
    auto tf = Listing(theirs), rf = Listing(ours);
    if (limited) {
      EXPECT_EQ(tf.size(), 3u);
      EXPECT_EQ(rf.size(), 3u);
    } else {  // -C 1 -W 2 within each interval: every name is "g-SECONDS-" plus a one-digit count
      EXPECT_GE(rf.size(), 4u);
      std::regex shape("g-[0-9]+-[01]");
      for (const auto& [name, size] : tf) EXPECT_TRUE(std::regex_match(name, shape)) << "tcpdump: " << name;
      for (const auto& [name, size] : rf) EXPECT_TRUE(std::regex_match(name, shape)) << "ringdump: " << name;
    }
  }
}

TEST(Rotation, QuietLinkStillGetsAFilePerInterval) {
  SETUP_NETWORK(net);
  auto r = StartIn(net, {RINGDUMP_BINARY, "-i", net.if_b(), "-G", "1", "-w", tmp.File("q-%s.pcap"), "udp port 7"});
  ASSERT_TRUE(r);
  std::this_thread::sleep_for(milliseconds(4500));
  r->Signal(SIGINT);
  ProcessResult result = r->Wait(milliseconds(10000));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto files = Listing(tmp.path());
  EXPECT_GE(files.size(), 3u);
  for (const auto& [name, size] : files) {
    PcapFile f = ReadPcap(tmp.File(name));
    EXPECT_TRUE(f.error.empty()) << f.error;
    EXPECT_TRUE(f.records.empty());
  }
}

TEST(Rotation, AtLoadWithTwoQueuesEveryPacketInExactlyOneFile) {
  SETUP_NETWORK(net);
  auto r = StartIn(net, {RINGDUMP_BINARY, "-i", net.if_b(), "--queues", "2", "-C", "2", "-w", tmp.File("load.pcap"),
                         "udp"});
  ASSERT_TRUE(r);
  FrameGroup g = Traffic(100000, 0, {512});
  g.flows = 16;
  ASSERT_TRUE(Send(net, {g}));
  std::this_thread::sleep_for(milliseconds(1500));
  r->Signal(SIGINT);
  ProcessResult result = r->Wait(milliseconds(20000));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  Summary s = ParseSummary(result.err);
  ASSERT_TRUE(s.found) << result.err;
  std::multiset<int64_t> seqs = SequencesOfSet(tmp.path());
  EXPECT_GE(Listing(tmp.path()).size(), 10u);
  EXPECT_EQ(static_cast<int64_t>(seqs.size()), s.captured);
  EXPECT_EQ(s.captured + s.dropped, s.received);
  EXPECT_EQ(s.received, 100000);
  std::set<int64_t> unique(seqs.begin(), seqs.end());
  EXPECT_EQ(unique.size(), seqs.size()) << "a packet was written twice";
  EXPECT_EQ(unique.count(-1), 0u);
}

TEST(Rotation, SighupRotatesNow) {
  SETUP_NETWORK(net);
  auto r = StartIn(net, {RINGDUMP_BINARY, "-i", net.if_b(), "-C", "100", "-w", tmp.File("hup.pcap"), "udp"});
  ASSERT_TRUE(r);
  ASSERT_TRUE(Send(net, {Traffic(300, 3000)}));
  std::this_thread::sleep_for(milliseconds(500));
  r->Signal(SIGHUP);
  std::this_thread::sleep_for(milliseconds(300));
  FrameGroup second = Traffic(300, 3000);
  second.seq_start = 300;
  ASSERT_TRUE(Send(net, {second}));
  std::this_thread::sleep_for(milliseconds(500));
  r->Signal(SIGINT);
  ProcessResult result = r->Wait(milliseconds(10000));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto files = Listing(tmp.path());
  ASSERT_EQ(files.size(), 2u);
  EXPECT_TRUE(files.count("hup.pcap") && files.count("hup.pcap1"));
  ExpectEachExactlyOnce(SequencesOfSet(tmp.path()), 0, 600);
}

TEST(Rotation, RetentionKeepsTheNewestFiles) {
  SETUP_NETWORK(net);
  fs::create_directories(tmp.File("set"));
  std::ofstream(tmp.File("set/unrelated.pcap")) << "not ours";
  auto r = StartIn(net, {RINGDUMP_BINARY, "-i", net.if_b(), "-C", "1", "--max-files", "2", "-w",
                         tmp.File("set/r.pcap"), "udp"});
  ASSERT_TRUE(r);
  ASSERT_TRUE(Send(net, {Traffic(6000, 10000, {1514})}));  // ~9 MB: nine files
  std::this_thread::sleep_for(milliseconds(1500));
  r->Signal(SIGINT);
  ProcessResult result = r->Wait(milliseconds(10000));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto files = Listing(tmp.File("set"));
  EXPECT_EQ(files.size(), 3u);
  EXPECT_TRUE(files.count("unrelated.pcap"));
  std::string names;
  for (const auto& [name, size] : files) names += name + " ";
  // ~9.2 MB in 1 MB files: r.pcap, r.pcap1 ... r.pcap9; the two newest remain.
  EXPECT_TRUE(files.count("r.pcap9") && files.count("r.pcap8")) << "the two newest remain: " << names << result.err;
  EXPECT_NE(result.err.find("retention: deleted " + tmp.File("set/r.pcap") + "\n"), std::string::npos) << result.err;
}

TEST(Rotation, PostRotateCommandSeesOnlyCompleteFiles) {
  if (!HaveTool("gzip")) GTEST_SKIP() << "gzip is not installed";
  SETUP_NETWORK(net);
  auto r = StartIn(net, {RINGDUMP_BINARY, "-i", net.if_b(), "-C", "1", "-z", "gzip", "-w", tmp.File("z.pcap"), "udp"});
  ASSERT_TRUE(r);
  ASSERT_TRUE(Send(net, {Traffic(3000, 10000, {1514})}));
  std::this_thread::sleep_for(milliseconds(1500));
  r->Signal(SIGINT);
  ProcessResult result = r->Wait(milliseconds(10000));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::this_thread::sleep_for(milliseconds(1000));  // the last gzip runs after the capture ended
  auto files = Listing(tmp.path());
  ASSERT_GE(files.size(), 4u);
  std::multiset<int64_t> seqs;
  for (const auto& [name, size] : files) {
    ASSERT_TRUE(name.size() > 3 && name.substr(name.size() - 3) == ".gz") << name;
    ProcessResult unzip = ::ringdump::testing::Run({"gzip", "-dk", tmp.File(name)});
    ASSERT_EQ(unzip.exit_code, 0) << unzip.err;
    PcapFile f = ReadPcap(tmp.File(name.substr(0, name.size() - 3)));
    EXPECT_TRUE(f.error.empty()) << name << ": " << f.error;
    for (const Record& rec : f.records) seqs.insert(SequenceOf(rec.data));
  }
  ExpectEachExactlyOnce(seqs, 0, 3000);
}

TEST(Rotation, DropsToTheUserWhoThenOwnsTheFiles) {
  SETUP_NETWORK(net);
  fs::permissions(tmp.path(), fs::perms::all | fs::perms::sticky_bit);
  auto r = StartIn(net, {RINGDUMP_BINARY, "-i", net.if_b(), "-Z", "nobody", "-C", "1", "-w", tmp.File("z.pcap")});
  ASSERT_TRUE(r);
  EXPECT_NE(r->err().find("dropped privs to nobody"), std::string::npos) << r->err();
  std::ifstream status("/proc/" + std::to_string(r->pid()) + "/status");
  std::string line, uid, capeff;
  while (std::getline(status, line)) {
    if (line.rfind("Uid:", 0) == 0) uid = line;
    if (line.rfind("CapEff:", 0) == 0) capeff = line;
  }
  EXPECT_EQ(uid, "Uid:\t65534\t65534\t65534\t65534");
  EXPECT_EQ(capeff, "CapEff:\t0000000000000000");
  ASSERT_TRUE(Send(net, {Traffic(1500, 10000, {1514})}));
  std::this_thread::sleep_for(milliseconds(1200));
  r->Signal(SIGINT);
  ProcessResult result = r->Wait(milliseconds(10000));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto files = Listing(tmp.path());
  ASSERT_GE(files.size(), 2u);
  for (const auto& [name, size] : files) {
    struct stat st;
    ASSERT_EQ(stat(tmp.File(name).c_str(), &st), 0);
    EXPECT_EQ(st.st_uid, 65534u) << name;
    EXPECT_EQ(st.st_mode & 0777, 0600u) << name;
  }
}

TEST(Rotation, VisibleFilesAreAlwaysComplete) {
  SETUP_NETWORK(net);
  auto r = StartIn(net, {RINGDUMP_BINARY, "-i", net.if_b(), "-C", "1", "-w", tmp.File("v.pcap"), "udp"});
  ASSERT_TRUE(r);
  FrameGroup g = Traffic(20000, 8000, {1514});
  std::thread sender([&] { Send(net, {g}); });
  for (int i = 0; i < 20; ++i) {
    std::this_thread::sleep_for(milliseconds(100));
    for (const auto& [name, size] : Listing(tmp.path())) {
      PcapFile f = ReadPcap(tmp.File(name));
      EXPECT_TRUE(f.error.empty()) << name << " was visible before it was complete: " << f.error;
    }
  }
  sender.join();
  r->Signal(SIGINT);
  EXPECT_EQ(r->Wait(milliseconds(10000)).exit_code, 0);
}

// A small tmpfs fills up: without retention the capture stops with the error and a valid file; with
// retention it deletes the oldest file of the set and goes on.
class DiskFull : public ::testing::TestWithParam<bool> {};

TEST_P(DiskFull, StopsCleanlyOrMakesRoom) {
  SETUP_NETWORK(net);
  const std::string mnt = tmp.File("small");
  fs::create_directories(mnt);
  if (mount("tmpfs", mnt.c_str(), "tmpfs", 0, "size=3m") != 0) GTEST_SKIP() << "cannot mount a tmpfs: " << strerror(errno);
  struct Unmount {
    std::string path;
    ~Unmount() { umount2(path.c_str(), MNT_DETACH); }
  } unmount{mnt};
  const bool retention = GetParam();
  std::vector<std::string> args = {RINGDUMP_BINARY, "-i", net.if_b(), "--queues", "1", "-C", "1", "-w", mnt + "/d.pcap",
                                   "udp"};
  if (retention) args.insert(args.end() - 1, {"--max-files", "50"});
  auto r = StartIn(net, args);
  ASSERT_TRUE(r);
  ASSERT_TRUE(Send(net, {Traffic(6000, 6000, {1514})}));  // ~9 MB into 3 MB
  ProcessResult result;
  if (retention) {
    std::this_thread::sleep_for(milliseconds(1500));
    r->Signal(SIGINT);
    result = r->Wait(milliseconds(15000));
  } else {
    result = r->Wait(milliseconds(8000));  // without retention the full disk ends the capture by itself
  }
  // Every file keeps the whole records that reached the disk: none is cut back to a bare header (they once
  // were, and a new one was made after each, without end).
  for (const auto& [name, size] : Listing(mnt)) EXPECT_GT(size, 24u) << name << " holds only a header";
  if (retention) {
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.err.find("deleted"), std::string::npos) << result.err;
  } else {
    EXPECT_EQ(result.exit_code, 1) << result.err;
    EXPECT_NE(result.err.find("No space left on device"), std::string::npos) << result.err;
  }
  auto files = Listing(mnt);
  ASSERT_FALSE(files.empty());
  for (const auto& [name, size] : files) {
    PcapFile f = ReadPcap(mnt + "/" + name);
    EXPECT_TRUE(f.error.empty()) << name << ": " << f.error;
  }
}

// Plain -w onto a disk with 2 MiB free: the file fills what fits, cut at the last whole record (once it kept
// nothing: the 4 MiB O_DIRECT chunk write was refused whole), and the capture ends by itself with exit 1.
TEST(DiskFull, PlainWriteKeepsWhatFits) {
  SETUP_NETWORK(net);
  const std::string mnt = tmp.File("two");
  fs::create_directories(mnt);
  if (mount("tmpfs", mnt.c_str(), "tmpfs", 0, "size=2m") != 0) GTEST_SKIP() << "cannot mount a tmpfs: " << strerror(errno);
  struct Unmount {
    std::string path;
    ~Unmount() { umount2(path.c_str(), MNT_DETACH); }
  } unmount{mnt};
  auto r = StartIn(net, {RINGDUMP_BINARY, "-i", net.if_b(), "--queues", "1", "-w", mnt + "/f.pcap", "udp"});
  ASSERT_TRUE(r);
  ASSERT_TRUE(Send(net, {Traffic(3000, 6000, {1514})}));  // 4.5 MB into 2 MiB
  ProcessResult result = r->Wait(milliseconds(10000));
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_NE(result.err.find("No space left on device"), std::string::npos) << result.err;
  PcapFile f = ReadPcap(mnt + "/f.pcap");
  EXPECT_TRUE(f.error.empty()) << f.error;
  EXPECT_GT(f.records.size(), 1000u) << "most of the 2 MiB should hold records (1530 B each)";
}

INSTANTIATE_TEST_SUITE_P(Retention, DiskFull, ::testing::Values(false, true),
                         [](const auto& info) { return std::string(info.param ? "WithRetention" : "WithoutRetention"); });

}  // namespace
}  // namespace ringdump::testing
