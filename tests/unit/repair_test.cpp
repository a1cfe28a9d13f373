// ScanCapture and RepairFile on files built with the real encoders, then torn the ways a crash tears them:
// cut inside a record header, inside record data, zero-filled holes (O_DIRECT chunks never written), and a
// ".NAME.part" name. tcpdump must read every repaired file to its end when it is installed.
#include "repair.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "pcap_format.hpp"
#include "pcapng_format.hpp"

namespace ringdump {
namespace {

std::vector<uint8_t> Frame(size_t n, uint8_t seed) {
  std::vector<uint8_t> f(n);
  for (size_t i = 0; i < n; ++i) f[i] = uint8_t(seed + i);
  return f;
}

// A pcap file of `count` records of varying sizes; `ends` gets the offset after each record.
std::vector<uint8_t> PcapFile(int count, std::vector<size_t>* ends, bool nano = false) {
  auto prec = nano ? TimestampPrecision::kNano : TimestampPrecision::kMicro;
  std::vector<uint8_t> out(kPcapFileHeaderSize);
  EncodePcapFileHeader(out.data(), LinkType::kEthernet, 262144, prec);
  for (int i = 0; i < count; ++i) {
    auto f = Frame(60 + size_t(i) * 7, uint8_t(i));
    PacketView v{f.data(), uint32_t(f.size()), uint32_t(f.size()), 1700000000 + i, uint32_t(i) * 1000};
    size_t at = out.size();
    out.resize(at + PcapRecordSize(v));
    EncodePcapRecord(out.data() + at, v, prec);
    ends->push_back(out.size());
  }
  return out;
}

std::vector<uint8_t> PcapngFile(int count, std::vector<size_t>* ends) {
  PcapngSection section;
  section.application = "ringdump test";
  PcapngInterface iface;
  iface.name = "eth0";
  std::vector<uint8_t> out(PcapngSectionHeaderSize(section) + PcapngInterfaceDescriptionSize(iface));
  uint8_t* p = EncodePcapngSectionHeader(out.data(), section);
  EncodePcapngInterfaceDescription(p, iface);
  ends->push_back(out.size());
  for (int i = 0; i < count; ++i) {
    auto f = Frame(61 + size_t(i) * 5, uint8_t(i));
    PacketView v{f.data(), uint32_t(f.size()), uint32_t(f.size()), 1700000000 + i, 5};
    v.direction = i % 2 ? Direction::kInbound : Direction::kUnknown;
    size_t at = out.size();
    out.resize(at + PcapngEnhancedPacketSize(v));
    EncodePcapngEnhancedPacket(out.data() + at, v, 0, TimestampPrecision::kMicro);
    ends->push_back(out.size());
  }
  return out;
}

CaptureScan Scan(const std::vector<uint8_t>& b) {
  auto r = ScanCapture(b);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message());
  return r.ok() ? r.value() : CaptureScan{};
}

TEST(Repair, IntactPcapIsKeptWhole) {
  std::vector<size_t> ends;
  auto f = PcapFile(10, &ends);
  CaptureScan s = Scan(f);
  EXPECT_EQ(s.format, CaptureFormat::kPcap);
  EXPECT_EQ(s.valid_bytes, f.size());
  EXPECT_EQ(s.records, 10u);
  EXPECT_EQ(s.stop_reason, "");
}

TEST(Repair, PcapCutAnywhereEndsAtTheLastWholeRecord) {
  std::vector<size_t> ends;
  auto whole = PcapFile(6, &ends, true);
  for (size_t cut = kPcapFileHeaderSize; cut <= whole.size(); ++cut) {
    std::vector<uint8_t> f(whole.begin(), whole.begin() + long(cut));
    CaptureScan s = Scan(f);
    size_t expect = kPcapFileHeaderSize, records = 0;
    for (size_t e : ends) {
      if (e <= cut) expect = e, ++records;
    }
    ASSERT_EQ(s.valid_bytes, expect) << "cut at " << cut;
    ASSERT_EQ(s.records, records);
  }
}

TEST(Repair, ZeroFilledHoleAfterTheLastRecordIsCut) {
  std::vector<size_t> ends;
  auto f = PcapFile(5, &ends);
  size_t data_end = f.size();
  f.resize(f.size() + 4096, 0);  // an O_DIRECT chunk allocated but never written
  CaptureScan s = Scan(f);
  EXPECT_EQ(s.valid_bytes, data_end);
  EXPECT_TRUE(s.hole);
  // A hole in the middle: everything after it is unreachable for a reader, so the file ends there.
  auto g = PcapFile(8, &(ends = {}));
  std::fill(g.begin() + long(ends[3]), g.begin() + long(ends[5]), 0);
  EXPECT_EQ(Scan(g).valid_bytes, ends[3]);
}

TEST(Repair, ImplausiblePcapRecordLengthStopsTheScan) {
  std::vector<size_t> ends;
  auto f = PcapFile(4, &ends);
  f[ends[1] + 8] = 0xff;  // incl_len of record 3 becomes huge
  f[ends[1] + 11] = 0x7f;
  EXPECT_EQ(Scan(f).valid_bytes, ends[1]);
}

TEST(Repair, PcapngCutAnywhereEndsAtTheLastWholeBlock) {
  std::vector<size_t> ends;
  auto whole = PcapngFile(6, &ends);
  for (size_t cut = ends[0]; cut <= whole.size(); ++cut) {
    std::vector<uint8_t> f(whole.begin(), whole.begin() + long(cut));
    CaptureScan s = Scan(f);
    size_t expect = 0;
    for (size_t e : ends) {
      if (e <= cut) expect = e;
    }
    ASSERT_EQ(s.format, CaptureFormat::kPcapng);
    ASSERT_EQ(s.valid_bytes, expect) << "cut at " << cut;
  }
}

TEST(Repair, PcapngHoleAndMismatchedTrailerAreCut) {
  std::vector<size_t> ends;
  auto f = PcapngFile(4, &ends);
  auto g = f;
  f.resize(f.size() + 512, 0);
  EXPECT_EQ(Scan(f).valid_bytes, g.size());
  g[ends[3] - 1] ^= 0x40;  // trailing length of the third packet block
  EXPECT_EQ(Scan(g).valid_bytes, ends[2]);
}

TEST(Repair, NotACaptureFileIsAnError) {
  std::vector<uint8_t> text{'h', 'e', 'l', 'l', 'o', ' ', 'w', 'o', 'r', 'l', 'd'};
  EXPECT_FALSE(ScanCapture(text).ok());
  std::vector<uint8_t> zeros(4096, 0);
  EXPECT_FALSE(ScanCapture(zeros).ok());
  std::vector<size_t> ends;
  auto f = PcapFile(1, &ends);
  f.resize(20);  // file header itself torn
  EXPECT_FALSE(ScanCapture(f).ok());
}

TEST(Repair, FinalNameOfPart) {
  EXPECT_EQ(FinalNameOfPart("/d/.x.pcap.part"), "/d/x.pcap");
  EXPECT_EQ(FinalNameOfPart(".x.part"), "x");
  EXPECT_EQ(FinalNameOfPart("/d/x.pcap"), "");
  EXPECT_EQ(FinalNameOfPart("/d/.part"), "");
  EXPECT_EQ(FinalNameOfPart("/d/x.part"), "");
  EXPECT_EQ(FinalNameOfPart("/d/..ringdump-next-42-3.part"), "");
}

class RepairFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/ringdump-repair-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::system(("rm -rf " + dir_).c_str()); }
  void Write(const std::string& path, const std::vector<uint8_t>& b) {
    std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(b.data()), long(b.size()));
  }
  std::vector<uint8_t> Read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
  }
  std::string dir_;
};

TEST_F(RepairFileTest, TruncatesTheTornTailAndRenamesThePartFile) {
  std::vector<size_t> ends;
  auto f = PcapFile(7, &ends);
  f.resize(ends[5] + 9);  // cut inside record 7's header
  f.resize(f.size() + 1000, 0);
  std::string part = dir_ + "/.cap.pcap.part";
  Write(part, f);
  auto dry = RepairFile(part, true);
  ASSERT_TRUE(dry.ok()) << dry.error().message();
  EXPECT_EQ(Read(part).size(), f.size());  // dry run changes nothing
  auto r = RepairFile(part);
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_TRUE(r->truncated);
  EXPECT_EQ(r->final_path, dir_ + "/cap.pcap");
  EXPECT_NE(access(part.c_str(), F_OK), 0);
  auto repaired = Read(dir_ + "/cap.pcap");
  EXPECT_EQ(repaired.size(), ends[5]);
  EXPECT_EQ(r->scan.records, 6u);
  if (std::system("command -v tcpdump >/dev/null 2>&1") == 0) {
    std::string cmd = "tcpdump -nr " + dir_ + "/cap.pcap 2>&1 | grep -c '^[0-9]' | grep -qx 6";
    EXPECT_EQ(std::system(cmd.c_str()), 0) << "tcpdump did not read 6 packets cleanly";
    cmd = "tcpdump -nr " + dir_ + "/cap.pcap 2>&1 | grep -q 'truncated'";
    EXPECT_NE(std::system(cmd.c_str()), 0) << "tcpdump still reports a truncated dump file";
  }
  // Running it again finds nothing to do.
  auto again = RepairFile(dir_ + "/cap.pcap");
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->truncated);
}

TEST_F(RepairFileTest, NeverReplacesAnExistingFinalName) {
  std::vector<size_t> ends;
  Write(dir_ + "/.a.pcap.part", PcapFile(2, &ends));
  Write(dir_ + "/a.pcap", {1, 2, 3});
  EXPECT_FALSE(RepairFile(dir_ + "/.a.pcap.part").ok());
  EXPECT_EQ(Read(dir_ + "/a.pcap").size(), 3u);
}

TEST_F(RepairFileTest, EmptyPartFileIsRemovedOtherEmptyFilesRefused) {
  Write(dir_ + "/.e.pcap.part", {});
  auto r = RepairFile(dir_ + "/.e.pcap.part");
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_TRUE(r->removed);
  EXPECT_NE(access((dir_ + "/.e.pcap.part").c_str(), F_OK), 0);
  EXPECT_NE(access((dir_ + "/e.pcap").c_str(), F_OK), 0);
  Write(dir_ + "/plain.pcap", {});
  EXPECT_FALSE(RepairFile(dir_ + "/plain.pcap").ok());
}

TEST_F(RepairFileTest, RefusesSymlinks) {
  std::vector<size_t> ends;
  Write(dir_ + "/target.pcap", PcapFile(2, &ends));
  ASSERT_EQ(symlink((dir_ + "/target.pcap").c_str(), (dir_ + "/link.pcap").c_str()), 0);
  EXPECT_FALSE(RepairFile(dir_ + "/link.pcap").ok());
}

}  // namespace
}  // namespace ringdump
