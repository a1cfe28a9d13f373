// Devices that are not AF_PACKET interfaces go through libpcap's own capture (PcapLiveCapture): an nftables
// rule in a test namespace logs every ICMP echo request to two NFLOG groups; ringdump captures one group
// (`-i nflog:G`) while tcpdump captures the other, for the same pings. Both files must have tcpdump's NFLOG
// link type and snapshot length, and `tcpdump -r` must print the same packets from both (without
// timestamps: the two captures stamp their own copies). Skips when nft or the kernel's nf_tables / NFLOG
// support is missing.
#include <chrono>
#include <csignal>
#include <filesystem>
#include <thread>

#include "capture_support.hpp"

namespace ringdump::testing {
namespace {

using std::chrono::milliseconds;

class NetnsOnly {
 public:
  explicit NetnsOnly(std::string name) : name_(std::move(name)) {
    ok_ = RunCommand({"ip", "netns", "add", name_}).exit_code == 0;
    if (ok_) (void)RunIn(name_, {"ip", "link", "set", "lo", "up"});
  }
  ~NetnsOnly() {
    if (ok_) (void)RunCommand({"ip", "netns", "del", name_});
  }
  bool ok() const { return ok_; }
  const std::string& name() const { return name_; }

 private:
  std::string name_;
  bool ok_ = false;
};

TEST(PcapDevice, NflogMatchesTcpdump) {
  if (UnderTcpdump()) GTEST_SKIP() << "compares ringdump with tcpdump";
  RINGDUMP_REQUIRE_NETNS();
  for (const char* tool : {"nft", "tcpdump", "ping"})
    if (!HaveTool(tool)) GTEST_SKIP() << tool << " is needed (apt-get install nftables)";
  NetnsOnly ns("rdnflog" + std::to_string(getpid()));
  ASSERT_TRUE(ns.ok());
  const std::vector<std::vector<std::string>> rules = {
      {"nft", "add", "table", "inet", "rdt"},
      {"nft", "add", "chain", "inet", "rdt", "out", "{ type filter hook output priority 0; }"},
      {"nft", "add", "rule", "inet", "rdt", "out", "icmp", "type", "echo-request", "log", "group", "7"},
      {"nft", "add", "rule", "inet", "rdt", "out", "icmp", "type", "echo-request", "log", "group", "8"}};
  for (const auto& rule : rules) {
    ProcessResult r = RunIn(ns.name(), rule);
    if (r.exit_code != 0) GTEST_SKIP() << "no nf_tables/NFLOG support here: " << r.Describe();
  }
  TempDir tmp;
  const std::string ours = tmp.File("ours.pcap"), theirs = tmp.File("theirs.pcap");
  const int pings = 3;
  std::string error;
  auto capture = Process::Start(
      InNamespace(ns.name(), {CaptureBinary(), "-i", "nflog:7", "-w", ours, "-c", std::to_string(pings)}),
      &error);
  ASSERT_NE(capture, nullptr) << error;
  ASSERT_TRUE(capture->WaitForStderr("listening on nflog:7", milliseconds(10000)))
      << capture->Wait(milliseconds(2000)).Describe();
  auto reference = Process::Start(
      InNamespace(ns.name(), {"tcpdump", "-i", "nflog:8", "-w", theirs, "-c", std::to_string(pings)}),
      &error);
  ASSERT_NE(reference, nullptr) << error;
  ASSERT_TRUE(reference->WaitForStderr("listening on nflog:8", milliseconds(10000)))
      << reference->Wait(milliseconds(2000)).Describe();
  ProcessResult ping =
      RunIn(ns.name(), {"ping", "-c", std::to_string(pings), "-i", "0.2", "127.0.0.1"}, milliseconds(10000));
  ASSERT_EQ(ping.exit_code, 0) << ping.Describe();
  ProcessResult got = capture->Wait(milliseconds(10000));
  ProcessResult want = reference->Wait(milliseconds(10000));
  ASSERT_EQ(got.exit_code, 0) << got.Describe();
  ASSERT_EQ(want.exit_code, 0) << want.Describe();
  EXPECT_NE(got.err.find("NFLOG"), std::string::npos) << got.err;
  EXPECT_NE(got.err.find(std::to_string(pings) + " packets captured"), std::string::npos) << got.err;

  ProcessResult read_ours = RunCommand({"tcpdump", "-r", ours, "-nn", "-t", "-v"});
  ProcessResult read_theirs = RunCommand({"tcpdump", "-r", theirs, "-nn", "-t", "-v"});
  ASSERT_EQ(read_theirs.exit_code, 0) << read_theirs.Describe();
  EXPECT_EQ(read_ours.exit_code, 0) << read_ours.Describe();
  EXPECT_EQ(read_ours.out, read_theirs.out);
  EXPECT_EQ(static_cast<int>(std::count(read_ours.out.begin(), read_ours.out.end(), '\n')), pings * 2)
      << read_ours.out;  // -v prints each ICMP packet on two lines
  // "reading from file F, link-type NFLOG (Linux netfilter log messages), snapshot length N"
  auto header = [](const std::string& err, const std::string& file) {
    std::string line = err.substr(0, err.find('\n'));
    const size_t at = line.find(file);
    return at == std::string::npos ? line : line.erase(at, file.size());
  };
  EXPECT_EQ(header(read_ours.err, ours), header(read_theirs.err, theirs));
}

// A quiet NFLOG group: SIGINT ends the capture promptly (libpcap's nflog module ignores the read timeout, so
// the worker must not sit in a blocking read) with a valid, empty file.
TEST(PcapDevice, QuietNflogStopsOnSigint) {
  if (UnderTcpdump()) GTEST_SKIP() << "ringdump only";
  RINGDUMP_REQUIRE_NETNS();
  if (!HaveTool("tcpdump")) GTEST_SKIP() << "tcpdump is needed to read the file";
  NetnsOnly ns("rdnfq" + std::to_string(getpid()));
  ASSERT_TRUE(ns.ok());
  TempDir tmp;
  const std::string file = tmp.File("quiet.pcap");
  std::string error;
  auto capture =
      Process::Start(InNamespace(ns.name(), {CaptureBinary(), "-i", "nflog:9", "-w", file}), &error);
  ASSERT_NE(capture, nullptr) << error;
  if (!capture->WaitForStderr("listening on nflog:9", milliseconds(10000))) {
    ProcessResult r = capture->Wait(milliseconds(2000));
    if (r.err.find("nflog") != std::string::npos) GTEST_SKIP() << "no NFLOG support: " << r.Describe();
    FAIL() << r.Describe();
  }
  std::this_thread::sleep_for(milliseconds(300));
  const auto start = std::chrono::steady_clock::now();
  capture->Signal(SIGINT);
  ProcessResult result = capture->Wait(milliseconds(5000));
  EXPECT_LT(std::chrono::steady_clock::now() - start, milliseconds(2000));
  ASSERT_EQ(result.exit_code, 0) << result.Describe();
  EXPECT_NE(result.err.find("0 packets captured"), std::string::npos) << result.err;
  ProcessResult read = RunCommand({"tcpdump", "-r", file});
  EXPECT_EQ(read.exit_code, 0) << read.Describe();
  EXPECT_EQ(read.out, "");
}

}  // namespace
}  // namespace ringdump::testing
