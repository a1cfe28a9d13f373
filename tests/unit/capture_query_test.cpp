// RunQuery's edges: --after inclusive and --before exclusive, merges across file boundaries and of files out
// of time order, windows before and after the store, nanoseconds, unreadable files, bad filters; and the
// time parser and the set-membership rule.
#include "capture_query.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>

#include "capture_files.hpp"
#include "capture_set.hpp"
#include "query_time.hpp"

namespace ringdump {
namespace {

using testing::kBase;
using testing::kSec;
using testing::TestPacket;

struct Got {
  int64_t ts;
  size_t input;
  uint8_t dst;  // last byte of the destination address
};

class Collect : public QuerySink {
 public:
  Status Begin(const std::vector<QueryInput>& inputs) override {
    inputs_ = inputs;
    return Ok();
  }
  Status OnOpen(size_t, const std::vector<CaptureInterface>&) override {
    ++opened;
    return Ok();
  }
  Result<bool> OnPacket(const QueryPacket& p) override {
    got.push_back({p.ts_ns, p.input, p.caplen > 33 ? p.data[33] : uint8_t(0)});
    return true;
  }
  std::vector<int64_t> Times() const {
    std::vector<int64_t> t;
    for (const Got& g : got) t.push_back(g.ts);
    return t;
  }
  std::vector<Got> got;
  std::vector<QueryInput> inputs_;
  int opened = 0;
};

// `n` packets from `start`, `step` apart, to 10.0.0.(2 + i % 3).
std::vector<TestPacket> Series(int64_t start, int n, int64_t step) {
  std::vector<TestPacket> v;
  for (int i = 0; i < n; ++i) v.push_back({start + i * step, testing::UdpFrame(1, uint8_t(2 + i % 3))});
  return v;
}

QueryOptions Window(int64_t after, int64_t before, std::string filter = "") {
  QueryOptions q;
  q.window.after_ns = after;
  q.window.before_ns = before;
  q.filter = std::move(filter);
  return q;
}

TEST(Query, AfterIsInclusiveAndBeforeExclusive) {
  testing::TempDir dir;
  testing::WriteBytes(dir / "a.pcap", testing::PcapBytes(Series(kBase, 10, kSec)));
  Collect sink;
  auto r = RunQuery({dir / "a.pcap"}, Window(kBase + 2 * kSec, kBase + 5 * kSec), sink);
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_EQ(sink.Times(), (std::vector<int64_t>{kBase + 2 * kSec, kBase + 3 * kSec, kBase + 4 * kSec}));
}

TEST(Query, MergesFilesInTimestampOrderAcrossFileBoundaries) {
  testing::TempDir dir;
  // Two sets interleaved in time, and a rotated file following the first.
  testing::WriteBytes(dir / "a0.pcap", testing::PcapBytes(Series(kBase, 10, kSec)));
  testing::WriteBytes(dir / "a1.pcap", testing::PcapBytes(Series(kBase + 10 * kSec, 10, kSec)));
  testing::WriteBytes(dir / "b.pcap", testing::PcapBytes(Series(kBase + kSec / 2, 20, kSec)));
  Collect sink;
  auto r = RunQuery({dir / "a0.pcap", dir / "a1.pcap", dir / "b.pcap"},
                    Window(kBase + 8 * kSec, kBase + 12 * kSec), sink);
  ASSERT_TRUE(r.ok());
  std::vector<int64_t> want;
  for (int i = 16; i < 24; ++i) want.push_back(kBase + i * kSec / 2);
  EXPECT_EQ(sink.Times(), want);
  EXPECT_TRUE(r->file_errors.empty());
}

TEST(Query, EqualTimestampsKeepTheOrderOfThePaths) {
  testing::TempDir dir;
  testing::WriteBytes(dir / "a.pcap", testing::PcapBytes(Series(kBase, 3, kSec)));
  testing::WriteBytes(dir / "b.pcap", testing::PcapBytes(Series(kBase, 3, kSec)));
  Collect sink;
  ASSERT_TRUE(RunQuery({dir / "a.pcap", dir / "b.pcap"}, Window(INT64_MIN, INT64_MAX), sink).ok());
  ASSERT_EQ(sink.got.size(), 6u);
  for (size_t i = 0; i < 6; ++i) EXPECT_EQ(sink.got[i].input, i % 2) << i;
}

TEST(Query, EqualTimestampsFollowThePathsEvenWhenALaterPathStartsEarlier) {
  testing::TempDir dir;
  testing::WriteBytes(dir / "a.pcap", testing::PcapBytes(Series(kBase + 5 * kSec, 2, kSec)));  // 5, 6
  testing::WriteBytes(dir / "b.pcap", testing::PcapBytes(Series(kBase, 7, kSec)));             // 0 .. 6
  Collect sink;
  ASSERT_TRUE(RunQuery({dir / "a.pcap", dir / "b.pcap"}, Window(INT64_MIN, INT64_MAX), sink).ok());
  ASSERT_EQ(sink.got.size(), 9u);
  std::vector<std::string> order;  // b0 .. b4, then at 5 and 6: a's packet before b's
  for (const Got& g : sink.got) order.push_back(sink.inputs_[g.input].path.substr(dir.path().size() + 1, 1));
  EXPECT_EQ(order, (std::vector<std::string>{"b", "b", "b", "b", "b", "a", "b", "a", "b"}));
}

TEST(Query, FileOutOfTimeOrderComesOutSortedThroughItsIndex) {
  testing::TempDir dir;
  // Two queues' blocks written one after the other: times jump back and forth by up to 3 s.
  std::vector<TestPacket> packets;
  for (int block = 0; block < 40; ++block) {
    const int64_t start = kBase + (block / 2) * kSec + (block % 2 ? -3 * kSec : 0);
    for (int i = 0; i < 25; ++i) packets.push_back({start + i * 1000, testing::UdpFrame(1, 2)});
  }
  const std::string path = dir / "mixed.pcap";
  testing::WriteBytes(path, testing::PcapBytes(packets));
  // A seek table with small intervals, as the writer's would be on a big file.
  IndexBuilder b(4096);
  uint64_t offset = 24;
  for (const TestPacket& p : packets) {
    b.Add(p.ts_ns, offset, uint32_t(16 + p.bytes.size()));
    offset += 16 + p.bytes.size();
  }
  ASSERT_TRUE(WriteIndexFile(path, b.Finish()).ok());
  ASSERT_GT(ReadIndexFile(path)->entries.size(), 10u);
  for (auto [after, before] :
       {std::pair{INT64_MIN, INT64_MAX}, std::pair{kBase + 4 * kSec, kBase + 9 * kSec}}) {
    Collect sink;
    ASSERT_TRUE(RunQuery({path}, Window(after, before), sink).ok());
    std::vector<int64_t> want;
    for (const TestPacket& p : packets)
      if (p.ts_ns >= after && p.ts_ns < before) want.push_back(p.ts_ns);
    std::sort(want.begin(), want.end());
    EXPECT_EQ(sink.Times(), want);
  }
}

TEST(Query, WindowsBeforeAndAfterTheStoreOpenNoFile) {
  testing::TempDir dir;
  for (int f = 0; f < 3; ++f) {
    const std::string path = dir / ("s" + std::to_string(f) + ".pcap");
    testing::WriteBytes(path, testing::PcapBytes(Series(kBase + f * 100 * kSec, 100, kSec)));
    ASSERT_TRUE(WriteIndexFile(path, BuildIndexByScan(path).value()).ok());
  }
  std::vector<std::string> files = {dir / "s0.pcap", dir / "s1.pcap", dir / "s2.pcap"};
  for (auto [after, before] :
       {std::pair{kBase - 100 * kSec, kBase}, std::pair{kBase + 300 * kSec, INT64_MAX}}) {
    Collect sink;
    auto r = RunQuery(files, Window(after, before), sink);
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(sink.got.empty());
    EXPECT_EQ(sink.opened, 0);
    EXPECT_EQ(r->skipped, 3u);
  }
  // A window inside the second file opens only that one.
  Collect sink;
  auto r = RunQuery(files, Window(kBase + 150 * kSec, kBase + 160 * kSec), sink);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(sink.got.size(), 10u);
  EXPECT_EQ(r->read, 1u);
  EXPECT_EQ(r->skipped, 2u);
}

TEST(Query, UnindexedFilesOutsideTheWindowAreNotScanned) {
  testing::TempDir dir;
  const std::string old_file = dir / "old.pcap", new_file = dir / "new.pcap";
  testing::WriteBytes(old_file, testing::PcapBytes(Series(kBase, 10, kSec)));
  testing::WriteBytes(new_file, testing::PcapBytes(Series(kBase + 3600 * kSec, 10, kSec)));
  struct timespec times[2] = {{(kBase + 10 * kSec) / kSec, 0}, {(kBase + 10 * kSec) / kSec, 0}};
  ASSERT_EQ(::utimensat(AT_FDCWD, old_file.c_str(), times, 0), 0);  // mtime: when it was closed
  Collect sink;
  auto r = RunQuery({old_file, new_file}, Window(kBase + 3600 * kSec, INT64_MAX), sink);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(sink.got.size(), 10u);
  EXPECT_EQ(r->scanned, 1u);  // only new.pcap
  EXPECT_EQ(r->skipped, 1u);
}

TEST(Query, NanosecondFilesKeepTheirNanoseconds) {
  testing::TempDir dir;
  testing::WriteBytes(dir / "n.pcap", testing::PcapBytes(Series(kBase + 1, 5, 1), true));
  Collect sink;
  ASSERT_TRUE(RunQuery({dir / "n.pcap"}, Window(kBase + 2, kBase + 4), sink).ok());
  EXPECT_EQ(sink.Times(), (std::vector<int64_t>{kBase + 2, kBase + 3}));
}

TEST(Query, FilterIsCompiledPerLinkType) {
  testing::TempDir dir;
  testing::WriteBytes(dir / "a.pcap", testing::PcapBytes(Series(kBase, 9, kSec)));
  Collect sink;
  auto r = RunQuery({dir / "a.pcap"}, Window(INT64_MIN, INT64_MAX, "dst host 10.0.0.3"), sink);
  ASSERT_TRUE(r.ok()) << r.error().message();
  ASSERT_EQ(sink.got.size(), 3u);
  for (const Got& g : sink.got) EXPECT_EQ(g.dst, 3);
}

TEST(Query, BadFilterIsAnErrorBeforeAnyOutput) {
  testing::TempDir dir;
  testing::WriteBytes(dir / "a.pcap", testing::PcapBytes(Series(kBase, 3, kSec)));
  ASSERT_TRUE(WriteIndexFile(dir / "a.pcap", BuildIndexByScan(dir / "a.pcap").value()).ok());
  Collect sink;
  auto r = RunQuery({dir / "a.pcap"}, Window(INT64_MIN, INT64_MAX, "host and"), sink);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind(), Error::Kind::kBadFilter);
  EXPECT_NE(r.error().message().find("syntax error"), std::string::npos) << r.error().message();
  EXPECT_TRUE(sink.inputs_.empty());
}

TEST(Query, UnreadableFileIsNamedAndTheOthersAreStillRead) {
  testing::TempDir dir;
  testing::WriteBytes(dir / "a.pcap", testing::PcapBytes(Series(kBase, 3, kSec)));
  testing::WriteBytes(dir / "junk.pcap", std::vector<uint8_t>(64, 'j'));
  Collect sink;
  auto r =
      RunQuery({dir / "junk.pcap", dir / "missing.pcap", dir / "a.pcap"}, Window(INT64_MIN, INT64_MAX), sink);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(sink.got.size(), 3u);
  ASSERT_EQ(r->file_errors.size(), 2u);
  EXPECT_NE(r->file_errors[0].message().find("junk.pcap"), std::string::npos);
  EXPECT_NE(r->file_errors[1].message().find("missing.pcap"), std::string::npos);
}

TEST(Query, GzipAndPcapngFilesMergeWithPlainOnes) {
  testing::TempDir dir;
  testing::WriteGzip(dir / "a.pcap.gz", testing::PcapBytes(Series(kBase, 5, kSec)));
  std::vector<TestPacket> ng = Series(kBase + kSec / 2, 5, kSec);
  for (TestPacket& p : ng) p.interface = 1;
  testing::WriteBytes(dir / "b.pcapng", testing::PcapngBytes(ng, {{1, 6, "eth0"}, {1, 9, "eth1"}}));
  Collect sink;
  ASSERT_TRUE(RunQuery({dir / "a.pcap.gz", dir / "b.pcapng"}, Window(INT64_MIN, INT64_MAX), sink).ok());
  std::vector<int64_t> want;
  for (int i = 0; i < 10; ++i) want.push_back(kBase + i * kSec / 2);
  EXPECT_EQ(sink.Times(), want);
}

TEST(QueryTime, AcceptsRfc3339LocalAndEpoch) {
  EXPECT_EQ(ParseQueryTime("2026-12-04T09:15:00Z").value(), kBase);
  EXPECT_EQ(ParseQueryTime("2026-12-04T10:15:00+01:00").value(), kBase);
  EXPECT_EQ(ParseQueryTime("2026-12-04T09:15:00.25Z").value(), kBase + kSec / 4);
  EXPECT_EQ(ParseQueryTime("2026-12-04t09:15:00.123456789123z").value(), kBase + 123456789);
  EXPECT_EQ(ParseQueryTime("1796375700").value(), kBase);
  EXPECT_EQ(ParseQueryTime("1796375700.000000001").value(), kBase + 1);
  setenv("TZ", "Europe/Paris", 1);
  tzset();
  EXPECT_EQ(ParseQueryTime("2026-12-04T10:15:00").value(), kBase);
  EXPECT_EQ(ParseQueryTime("2026-12-04 10:15:00.5").value(), kBase + kSec / 2);
  unsetenv("TZ");
  tzset();
  for (const char* bad : {"", "yesterday", "2026-13-01T00:00:00Z", "2026-12-04T25:00:00Z", "12:00", "1.2.3",
                          "2026-12-04T09:15:00Q", "2026-02-31T00:00:00Z"}) {
    auto t = ParseQueryTime(bad);
    ASSERT_FALSE(t.ok()) << bad;
    EXPECT_EQ(t.error().kind(), Error::Kind::kBadArgument);
    EXPECT_NE(t.error().message().find("RFC 3339"), std::string::npos);
  }
}

TEST(CaptureSet, NamesOfASet) {
  const std::vector<std::string> names = {".cap2.pcap.part", ".other",       "cap0.pcap",   "cap0.pcap.ridx",
                                          "cap1.pcap",       "cap1.pcap.gz", "cap3.pcap.gz"};
  EXPECT_TRUE(IsCaptureFileName(".cap2.pcap.part", names));  // being written
  EXPECT_FALSE(IsCaptureFileName(".other", names));
  EXPECT_TRUE(IsCaptureFileName("cap0.pcap", names));
  EXPECT_FALSE(IsCaptureFileName("cap0.pcap.ridx", names));
  EXPECT_FALSE(IsCaptureFileName("cap1.pcap.gz", names));  // gzip has not finished: cap1.pcap is still there
  EXPECT_TRUE(IsCaptureFileName("cap3.pcap.gz", names));
  EXPECT_TRUE(IsCaptureFileName("..ringdump-next-12-3.part", names));
}

TEST(CaptureSet, DirectoryAndGlobFindTheCaptureFiles) {
  testing::TempDir dir;
  testing::WriteBytes(dir / "c0.pcap", testing::PcapBytes(Series(kBase, 1, kSec)));
  testing::WriteBytes(dir / ".c1.pcap.part", testing::PcapBytes(Series(kBase, 1, kSec)));
  testing::WriteGzip(dir / "c2.pcap.gz", testing::PcapBytes(Series(kBase, 1, kSec)));
  testing::WriteBytes(dir / "notes.txt", std::vector<uint8_t>(10, 'n'));
  ASSERT_TRUE(WriteIndexFile(dir / "c0.pcap", BuildIndexByScan(dir / "c0.pcap").value()).ok());
  ExpandedPaths d = ExpandCapturePaths({dir.path()});
  EXPECT_EQ(d.files, (std::vector<std::string>{dir / ".c1.pcap.part", dir / "c0.pcap", dir / "c2.pcap.gz"}));
  ExpandedPaths g = ExpandCapturePaths({dir / "c*"});
  EXPECT_EQ(g.files, (std::vector<std::string>{dir / "c0.pcap", dir / "c2.pcap.gz"}));
  ExpandedPaths none = ExpandCapturePaths({dir / "nothing*", dir / "absent.pcap"});
  EXPECT_TRUE(none.files.empty());
  ASSERT_EQ(none.errors.size(), 2u);
  EXPECT_NE(none.errors[1].message().find("absent.pcap"), std::string::npos);
}

}  // namespace
}  // namespace ringdump
