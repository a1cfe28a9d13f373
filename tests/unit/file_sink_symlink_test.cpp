// Symlinks planted where FileSink writes (ringdump runs as root, often in a shared directory): neither a link
// at the output path nor one at the hidden temporary path (".NAME.part") is ever followed; the file the link
// points to keeps its contents and mode, and the capture lands in a new regular file at the output path.
// With -U (written under its own name, O_NOFOLLOW) a link at the output path makes the open fail instead.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "file_sink.hpp"
#include "file_sink_output.hpp"

namespace ringdump {
namespace {

namespace fs = std::filesystem;

class SymlinkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/ringdump-symlink-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    victim_ = dir_ + "/victim";
    std::ofstream(victim_) << kVictimText;
    chmod(victim_.c_str(), 0644);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A sink at `path` that has taken 5 packets of 60 bytes and is not finished yet.
  static Result<std::unique_ptr<FileSink>> Started(const std::string& path, bool packet_buffered = false) {
    WriterConfig c;
    c.path = path;
    c.chunk_size = 64 << 10;
    c.chunk_count = 4;
    c.packet_buffered = packet_buffered;
    auto sink = FileSink::Create(c, LinkType::kEthernet, 65535, 1);
    if (!sink.ok()) return std::move(sink).error();
    std::vector<uint8_t> frame(60, 0xab);
    std::vector<PacketView> views(5);
    for (auto& v : views) v = PacketView{frame.data(), 60, 60, 1700000000, 0};
    QueueStats stats;
    sink.value()->Consume(0, views, stats);
    return sink;
  }

  // Writes a few packets through a FileSink at `path` and finishes it; returns the status of Create+Finish.
  Status Capture(const std::string& path, bool packet_buffered = false) {
    auto sink = Started(path, packet_buffered);
    if (!sink.ok()) return std::move(sink).error();
    return sink.value()->Finish();
  }

  void ExpectVictimUntouched() {
    std::ifstream in(victim_);
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_EQ(text.str(), kVictimText);
    struct stat st {};
    ASSERT_EQ(stat(victim_.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0644u);
  }

  static constexpr const char* kVictimText = "precious, not a capture";
  std::string dir_, victim_;
};

TEST_F(SymlinkTest, LinkAtTheOutputPathIsReplacedNotFollowed) {
  const std::string out = dir_ + "/cap.pcap";
  ASSERT_EQ(symlink(victim_.c_str(), out.c_str()), 0);
  Status s = Capture(out);
  ASSERT_TRUE(s.ok()) << s.error().message();
  ExpectVictimUntouched();
  struct stat st {};
  ASSERT_EQ(lstat(out.c_str(), &st), 0);
  EXPECT_TRUE(S_ISREG(st.st_mode)) << "the output path is still a link";
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(SymlinkTest, LinkAtTheTemporaryPathIsNeverFollowed) {
  const std::string out = dir_ + "/cap.pcap";
  const std::string temp = TempPathFor(out);
  EXPECT_EQ(fs::path(temp).filename(), ".cap.pcap.part");
  ASSERT_EQ(symlink(victim_.c_str(), temp.c_str()), 0);
  Status s = Capture(out);
  ASSERT_TRUE(s.ok()) << s.error().message();
  ExpectVictimUntouched();
  struct stat st {};
  ASSERT_EQ(lstat(out.c_str(), &st), 0);
  EXPECT_TRUE(S_ISREG(st.st_mode));
  EXPECT_GT(st.st_size, 24);
}

TEST_F(SymlinkTest, DanglingLinkAtTheTemporaryPathCreatesNothingAtItsTarget) {
  const std::string out = dir_ + "/cap.pcap";
  const std::string target = dir_ + "/created-through-link";
  ASSERT_EQ(symlink(target.c_str(), TempPathFor(out).c_str()), 0);
  Status s = Capture(out);
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_FALSE(fs::exists(target));
}

// The hidden name is swapped for a link while the capture runs: the link is never renamed into place (it
// once was, silently, with exit 0), the error says so, and the captured bytes are linked in from the
// descriptor the writer holds, so nothing is lost.
TEST_F(SymlinkTest, HiddenNameReplacedWhileWritingIsRefusedAndTheDataKept) {
  const std::string out = dir_ + "/cap.pcap";
  auto started = Started(out);
  ASSERT_TRUE(started.ok());
  std::unique_ptr<FileSink> sink = std::move(started).value();
  const std::string temp = TempPathFor(out);
  ASSERT_EQ(rename(temp.c_str(), (dir_ + "/moved-away").c_str()), 0);
  ASSERT_EQ(symlink(victim_.c_str(), temp.c_str()), 0);
  Status s = sink->Finish();
  ASSERT_FALSE(s.ok()) << "a replaced hidden name was renamed without a word";
  EXPECT_NE(s.error().message().find("no longer the file being written"), std::string::npos) << s.error().message();
  EXPECT_NE(s.error().message().find("saved as " + out), std::string::npos) << s.error().message();
  ExpectVictimUntouched();
  struct stat st {};
  ASSERT_EQ(lstat(out.c_str(), &st), 0);
  EXPECT_TRUE(S_ISREG(st.st_mode)) << "the link was renamed to the output name";
  EXPECT_EQ(st.st_size, 24 + 5 * (16 + 60));
  EXPECT_EQ(sink->lost_after_accept(), 0u);
}

// The output directory is removed under the capture: nothing survives, and that is counted as lost.
TEST_F(SymlinkTest, RemovedDirectoryCountsEveryRecordAsLost) {
  const std::string sub = dir_ + "/sub";
  fs::create_directories(sub);
  auto started = Started(sub + "/cap.pcap");
  ASSERT_TRUE(started.ok());
  std::unique_ptr<FileSink> sink = std::move(started).value();
  fs::remove_all(sub);
  EXPECT_FALSE(sink->Finish().ok());
  EXPECT_EQ(sink->lost_after_accept(), 5u);
}

TEST_F(SymlinkTest, PacketBufferedRefusesALinkAtTheOutputPath) {
  const std::string out = dir_ + "/cap.pcap";
  ASSERT_EQ(symlink(victim_.c_str(), out.c_str()), 0);
  Status s = Capture(out, true);
  EXPECT_FALSE(s.ok()) << "-U opened the output through a symlink";
  ExpectVictimUntouched();
}

}  // namespace
}  // namespace ringdump
