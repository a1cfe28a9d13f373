// -r with the output options of a capture: a .pcapng name or --pcapng writes pcapng (not pcap bytes under a
// pcapng name); -C/-W/-z make the same file set as tcpdump, byte for byte; -G is refused, not ignored; and a
// closed stdout pipe (`-r FILE | head -1`) ends the reading with tcpdump's message and exit status 14.
// Files only, no network: these run without namespaces too (root is not needed).
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "capture_support.hpp"

namespace ringdump::testing {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;

// A pcap file (microseconds, Ethernet) of `count` UDP frames of 86 bytes, one per second from 2023-11-14.
void WriteUdpPcap(const std::string& path, uint32_t count) {
  std::ofstream out(path, std::ios::binary);
  auto put32 = [&](uint32_t v) { out.write(reinterpret_cast<const char*>(&v), 4); };
  auto put16 = [&](uint16_t v) { out.write(reinterpret_cast<const char*>(&v), 2); };
  put32(0xa1b2c3d4);
  put16(2);
  put16(4);
  put32(0);
  put32(0);
  put32(65535);
  put32(1);
  std::vector<uint8_t> frame = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0, 0, 0, 0, 1, 0x08, 0x00,
                                0x45, 0, 0, 72, 0, 0, 0x40, 0, 64, 17, 0, 0, 198, 18, 0, 1, 198, 18, 0, 2,
                                0x30, 0x39, 0x00, 0x35, 0, 52, 0, 0};
  frame.resize(86, 0);
  for (uint32_t i = 0; i < count; ++i) {
    frame[18] = static_cast<uint8_t>(i >> 8);  // IPv4 id: frames differ
    frame[19] = static_cast<uint8_t>(i);
    put32(1700000000 + i);
    put32(i % 1000000);
    put32(static_cast<uint32_t>(frame.size()));
    put32(static_cast<uint32_t>(frame.size()));
    out.write(reinterpret_cast<const char*>(frame.data()), static_cast<std::streamsize>(frame.size()));
  }
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::set<std::string> Names(const std::string& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name.size() > 5 && name.compare(name.size() - 5, 5, ".ridx") == 0) continue;  // ringdump's hidden index
    names.insert(name);
  }
  return names;
}

class ReadOutput : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(fs::exists(CaptureBinary())) << CaptureBinary() << " not found";
    input_ = tmp_.File("in.pcap");
    WriteUdpPcap(input_, 80000);  // 80000 x 102 bytes: about 8 MB, eight files of -C 1
  }
  TempDir tmp_;
  std::string input_;
};

TEST_F(ReadOutput, PcapngNameAndFlagWritePcapng) {
  if (UnderTcpdump()) GTEST_SKIP() << "tcpdump 4.99 writes pcap whatever the name";
  if (!HaveTool("tcpdump")) GTEST_SKIP() << "tcpdump reads the result back";
  const std::string want = RunCommand({"tcpdump", "-r", input_, "-nn", "-tt"}).out;
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"-w", tmp_.File("out.pcapng")},
        std::vector<std::string>{"--pcapng", "-w", tmp_.File("flag.cap")}}) {
    std::vector<std::string> argv = {CaptureBinary(), "-r", input_};
    argv.insert(argv.end(), args.begin(), args.end());
    ProcessResult r = RunCommand(argv);
    ASSERT_EQ(r.exit_code, 0) << r.Describe() << r.err;
    const std::string bytes = Slurp(args.back());
    ASSERT_GE(bytes.size(), 4u);
    EXPECT_EQ(bytes.substr(0, 4), std::string("\x0a\x0d\x0d\x0a", 4)) << args.back() << " is not pcapng";
    EXPECT_EQ(RunCommand({"tcpdump", "-r", args.back(), "-nn", "-tt"}).out, want)
        << "the same packets, the same timestamps";
  }
}

// tcpdump applies -C and -W when reading; so does ringdump, with the same names and the same bytes. -W 2
// wraps seven times: the set ends as c.pcap0 and c.pcap1 after nine files, and -z ran once per file. Reading
// is faster than completing a file (fdatasync), so a name comes round again while the file that had it is
// still being finished: that file must not be lost.
TEST_F(ReadOutput, SizeRotationMakesTcpdumpsFileSet) {
  if (!HaveTool("tcpdump")) GTEST_SKIP() << "tcpdump makes the reference set";
  const std::string ours = tmp_.File("ours"), theirs = tmp_.File("theirs");
  fs::create_directory(ours);
  fs::create_directory(theirs);
  std::vector<std::string> argv = {CaptureBinary(), "-r", input_, "-w", ours + "/c.pcap", "-C", "1", "-W", "2",
                                   "-z", "echo"};
  if (UnderTcpdump()) argv.insert(argv.end(), {"-Z", "root"});  // Debian's tcpdump drops to user tcpdump
  ProcessResult r = RunCommand(argv);
  ASSERT_EQ(r.exit_code, 0) << r.Describe() << r.err;
  ProcessResult t = RunCommand({"tcpdump", "-r", input_, "-w", theirs + "/c.pcap", "-C", "1", "-W", "2", "-Z",
                                "root"});
  ASSERT_EQ(t.exit_code, 0) << t.Describe() << t.err;
  ASSERT_EQ(Names(ours), Names(theirs));
  EXPECT_EQ(Names(ours), (std::set<std::string>{"c.pcap0", "c.pcap1"}));
  EXPECT_EQ(r.err.find("rename"), std::string::npos) << r.err;
  for (const std::string& name : Names(theirs))
    EXPECT_TRUE(Slurp(ours + "/" + name) == Slurp(theirs + "/" + name)) << name << " differs from tcpdump's";
  // -z echo: one line per completed file: nine with ringdump (eight of -C 1, and the last, shorter one);
  // tcpdump runs -z only when it rotates, not for the file it closes at the end: eight.
  std::istringstream lines(r.out);
  int completed = 0;
  for (std::string line; std::getline(lines, line);) completed += line.rfind(ours + "/c.pcap", 0) == 0;
  EXPECT_EQ(completed, UnderTcpdump() ? 8 : 9) << r.out;
}

TEST_F(ReadOutput, TimeRotationIsRefusedNotIgnored) {
  if (UnderTcpdump()) GTEST_SKIP() << "tcpdump rotates -G by the wall clock while reading";
  const std::string pattern = tmp_.File("g-%S.pcap");
  ProcessResult r = RunCommand({CaptureBinary(), "-r", input_, "-w", pattern, "-G", "1"});
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  EXPECT_NE(r.err.find("ringdump: -G is not supported with -r (yet)"), std::string::npos) << r.err;
  EXPECT_EQ(Names(tmp_.path()), std::set<std::string>{"in.pcap"}) << "no file made";
  r = RunCommand({CaptureBinary(), "-r", input_, "-C", "1"});
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  EXPECT_NE(r.err.find("need -w"), std::string::npos) << r.err;
}

// `-r FILE | head -1`: the write after head exits fails (EPIPE); tcpdump then says so and exits 14.
TEST_F(ReadOutput, ClosedPipeEndsReading) {
  if (!HaveTool("bash") || !HaveTool("head")) GTEST_SKIP() << "bash and head run the pipeline";
  ProcessResult r = RunCommand({"bash", "-c", "\"$0\" -r \"$1\" -nn | head -1; echo \"rc=${PIPESTATUS[0]}\"",
                                CaptureBinary(), input_},
                               milliseconds(20000));
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  std::istringstream lines(r.out);
  std::string first, status, rest;
  std::getline(lines, first);
  std::getline(lines, status);
  EXPECT_NE(first.find("198.18.0.1.12345 > 198.18.0.2.53"), std::string::npos) << r.out;
  EXPECT_EQ(status, "rc=14") << r.err;
  EXPECT_FALSE(std::getline(lines, rest)) << r.out;
  EXPECT_NE(r.err.find(ProgramName() + ": Unable to write output: Broken pipe"), std::string::npos) << r.err;
}

// `-r FILE -w - | head -c 100`: as tcpdump, reading stops when the reader has gone and that is no error
// (exit 0, nothing on stderr after the "reading from file" line). A -w file that cannot be written (a full
// disk: /dev/full) is an error naming it; tcpdump exits 0 with a short file there, ringdump does not.
TEST_F(ReadOutput, FailedWritesOfTheDumpFile) {
  if (!HaveTool("bash") || !HaveTool("head")) GTEST_SKIP() << "bash and head run the pipeline";
  ProcessResult r = RunCommand({"bash", "-c", "\"$0\" -r \"$1\" -w - | head -c 100 >/dev/null; echo \"rc=${PIPESTATUS[0]}\"",
                                CaptureBinary(), input_},
                               milliseconds(20000));
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  EXPECT_EQ(r.out, "rc=0\n") << r.err;
  EXPECT_EQ(r.err.find(ProgramName() + ":"), std::string::npos) << r.err;
  if (UnderTcpdump()) return;
  ProcessResult full = RunCommand({CaptureBinary(), "-r", input_, "-w", "/dev/full"});
  EXPECT_EQ(full.exit_code, 1) << full.Describe();
  EXPECT_NE(full.err.find("ringdump: /dev/full: No space left on device"), std::string::npos) << full.err;
}

}  // namespace
}  // namespace ringdump::testing
