// Implementation of the capture test support (see capture_support.hpp).
#include "capture_support.hpp"

#include <pcap/pcap.h>

#include <cstdio>
#include <cstdlib>
#include <regex>
#include <set>
#include <sstream>
#include <tuple>

namespace ringdump::testing {

namespace fs = std::filesystem;
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
                                   g.from_b ? net.if_b() : net.if_a(),
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
  if (!g.bypass) argv.push_back("--no-qdisc-bypass");
  return argv;
}

// Sends each group from namespace a; false (with a failure recorded) if the generator did not send them all.
bool Send(const TestNetwork& net, const std::vector<FrameGroup>& groups) {
  for (const auto& g : groups) {
    ProcessResult r = RunIn(g.from_b ? net.ns_b() : net.ns_a(), GenArgs(net, g), milliseconds(15000));
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

gen::FrameSpec Tagged(uint16_t id, uint8_t priority, uint16_t tpid) {
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

Order OrderFor(int queues) { return queues == 1 ? Order::kGlobal : Order::kPerFlow; }

// Every record is one of the expected frames, byte-identical, once, in the given order; unless
// allow_missing, every expected frame is there. Returns the number of valid records.
size_t ExpectFramesFrom(const PcapFile& file, const std::map<uint64_t, Bytes>& expected, Order order,
                        bool allow_missing) {
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
  return StartCaptureOn(net.ns_b(), net.if_b(), args);
}

std::unique_ptr<Process> StartCaptureOn(const std::string& ns, const std::string& interface,
                                        const std::vector<std::string>& args) {
  std::vector<std::string> argv = {CaptureBinary(), "-i", interface};
  argv.insert(argv.end(), args.begin(), args.end());
  std::string error;
  auto p = Process::Start(InNamespace(ns, argv), &error);
  if (!p) {
    ADD_FAILURE() << error;
    return nullptr;
  }
  if (!p->WaitForStderr("listening on " + interface, milliseconds(10000))) {
    ADD_FAILURE() << "no `listening on " << interface << "` line: " << p->Wait(milliseconds(2000)).Describe();
    return nullptr;
  }
  return p;
}

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

}  // namespace ringdump::testing
