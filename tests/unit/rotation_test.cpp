// RotationPlan against tcpdump 4.99's -G/-C/-W naming and limits; RetentionSweeper on a real directory.
#include "rotation.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace ringdump {
namespace {

class Utc : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* tz = std::getenv("TZ");
    saved_ = tz ? tz : "";
    had_ = tz != nullptr;
    setenv("TZ", "UTC0", 1);
    tzset();
  }
  void TearDown() override {
    if (had_) setenv("TZ", saved_.c_str(), 1); else unsetenv("TZ");
    tzset();
  }
  std::string saved_;
  bool had_ = false;
};

constexpr int64_t k10h03m17 = 1700000000 - 1700000000 % 86400 + 10 * 3600 + 3 * 60 + 17;

std::vector<std::string> SizeNames(RotationPlan plan, int n) {
  std::vector<std::string> names{plan.CurrentName()};
  for (int i = 1; i < n; ++i) {
    plan.AdvanceSize();
    names.push_back(plan.CurrentName());
  }
  return names;
}

TEST_F(Utc, SizeRotationNumbersLikeTcpdump) {
  RotationConfig c;
  c.file_bytes = 1000000;
  EXPECT_EQ(SizeNames(RotationPlan("f.pcap", c, 0), 4),
            (std::vector<std::string>{"f.pcap", "f.pcap1", "f.pcap2", "f.pcap3"}));
  c.file_limit = 3;  // a ring: WflagChars = digits of 2
  EXPECT_EQ(SizeNames(RotationPlan("f.pcap", c, 0), 5),
            (std::vector<std::string>{"f.pcap0", "f.pcap1", "f.pcap2", "f.pcap0", "f.pcap1"}));
  c.file_limit = 11;  // digits of 10: two
  auto names = SizeNames(RotationPlan("f.pcap", c, 0), 12);
  EXPECT_EQ(names[0], "f.pcap00");
  EXPECT_EQ(names[10], "f.pcap10");
  EXPECT_EQ(names[11], "f.pcap00");
  c.file_limit = 10;  // digits of 9: one
  EXPECT_EQ(SizeNames(RotationPlan("f.pcap", c, 0), 1)[0], "f.pcap0");
}

TEST_F(Utc, SizeLimitIsStrictlyGreaterAsTcpdump) {
  RotationConfig c;
  c.file_bytes = 1000;
  RotationPlan plan("f", c, 0);
  EXPECT_FALSE(plan.SizeExceeded(1000));
  EXPECT_TRUE(plan.SizeExceeded(1001));
  RotationConfig none;
  EXPECT_FALSE(RotationPlan("f", none, 0).SizeExceeded(UINT64_MAX));
}

TEST_F(Utc, TimeRotationStrftimeNamesWithoutDrift) {
  RotationConfig c;
  c.seconds = 600;
  RotationPlan plan("cap-%Y%m%d-%H%M%S.pcap", c, k10h03m17);
  EXPECT_EQ(plan.CurrentName().substr(13), "100317.pcap");
  EXPECT_EQ(plan.deadline(), k10h03m17 + 600);
  ASSERT_TRUE(plan.AdvanceTime());
  EXPECT_EQ(plan.CurrentName().substr(13), "101317.pcap");
  ASSERT_TRUE(plan.AdvanceTime());
  EXPECT_EQ(plan.deadline(), k10h03m17 + 1800);  // exactly three intervals, whenever the advances ran
}

TEST_F(Utc, AlignedIntervalsStartOnTheClock) {
  RotationConfig c;
  c.seconds = 600;
  c.align = true;
  RotationPlan plan("%H%M%S", c, k10h03m17);
  EXPECT_EQ(plan.CurrentName(), "100000");
  EXPECT_EQ(plan.deadline() % 600, 0);
  ASSERT_TRUE(plan.AdvanceTime());
  EXPECT_EQ(plan.CurrentName(), "101000");
}

TEST_F(Utc, TimeWithFileLimitStopsAfterNFiles) {
  RotationConfig c;
  c.seconds = 1;
  c.file_limit = 3;
  RotationPlan plan("%s.pcap", c, 100);
  EXPECT_TRUE(plan.AdvanceTime());
  EXPECT_TRUE(plan.AdvanceTime());
  EXPECT_FALSE(plan.AdvanceTime());  // tcpdump: "Maximum file limit reached: 3"
  EXPECT_EQ(plan.files_started(), 3u);
}

TEST_F(Utc, TimeAndSizeNumberWithinEachInterval) {
  RotationConfig c;
  c.seconds = 60;
  c.file_bytes = 100;
  RotationPlan plan("t%s-", c, 1000);
  EXPECT_EQ(plan.CurrentName(), "t1000-");
  plan.AdvanceSize();
  EXPECT_EQ(plan.CurrentName(), "t1000-1");
  ASSERT_TRUE(plan.AdvanceTime());  // the count starts again; -W does not stop with -C
  EXPECT_EQ(plan.CurrentName(), "t1060-");
  c.file_limit = 2;
  RotationPlan ring("t%s-", c, 1000);
  EXPECT_EQ(ring.CurrentName(), "t1000-0");
  ring.AdvanceSize();
  ring.AdvanceSize();
  EXPECT_EQ(ring.CurrentName(), "t1000-0");
  EXPECT_TRUE(ring.AdvanceTime());
  EXPECT_TRUE(ring.AdvanceTime());
  EXPECT_TRUE(ring.AdvanceTime());
}

TEST_F(Utc, RotateNowKeepsTheScheme) {
  RotationConfig c;
  c.seconds = 60;
  RotationPlan plan("%s", c, 1000);
  plan.AdvanceNow(1010);
  EXPECT_EQ(plan.CurrentName(), "1010");
  EXPECT_EQ(plan.deadline(), 1070);
  RotationConfig s;
  s.file_bytes = 10;
  RotationPlan sized("f", s, 0);
  sized.AdvanceNow(5);
  EXPECT_EQ(sized.CurrentName(), "f1");
}

class Retention : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("rd-retention-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Make(const std::string& name, size_t bytes, int64_t mtime) {
    std::ofstream(dir_ / name) << std::string(bytes, 'x');
    struct timeval times[2] = {{mtime, 0}, {mtime, 0}};
    utimes((dir_ / name).c_str(), times);
  }
  bool Exists(const std::string& name) { return std::filesystem::exists(dir_ / name); }
  std::filesystem::path dir_;
};

TEST_F(Retention, DeletesOldestOfTheSetOnlyByCount) {
  RotationConfig c;
  c.file_bytes = 10;
  c.max_files = 2;
  for (int i = 0; i < 4; ++i) Make("cap.pcap" + (i ? std::to_string(i) : ""), 10, 1000 + i);
  Make("other.pcap", 10, 1);
  Make("cap.pcap.txt", 10, 1);
  Make(".cap.pcap5.part", 10, 1);
  RetentionSweeper sweeper((dir_ / "cap.pcap").string(), c);
  EXPECT_EQ(sweeper.List().size(), 4u);
  auto deleted = sweeper.Sweep(2000);
  EXPECT_EQ(deleted.size(), 2u);
  EXPECT_FALSE(Exists("cap.pcap"));
  EXPECT_FALSE(Exists("cap.pcap1"));
  EXPECT_TRUE(Exists("cap.pcap2"));
  EXPECT_TRUE(Exists("cap.pcap3"));
  EXPECT_TRUE(Exists("other.pcap"));
  EXPECT_TRUE(Exists("cap.pcap.txt"));
  EXPECT_TRUE(Exists(".cap.pcap5.part"));
}

TEST_F(Retention, ByAgeAndTotalSizeWithStrftimeNames) {
  RotationConfig c;
  c.seconds = 60;
  c.max_age_seconds = 86400;
  Make("cap-2026-11-01_10:00:00.pcap", 100, 1000);
  Make("cap-2026-11-20_10:00:00.pcap", 100, 100000);
  Make("cap-latest.pcap", 100, 1000);  // does not match %Y-%m-%d_%H:%M:%S
  RetentionSweeper by_age((dir_ / "cap-%Y-%m-%d_%H:%M:%S.pcap").string(), c);
  EXPECT_EQ(by_age.Sweep(100000 + 10).size(), 1u);
  EXPECT_FALSE(Exists("cap-2026-11-01_10:00:00.pcap"));
  EXPECT_TRUE(Exists("cap-2026-11-20_10:00:00.pcap"));
  EXPECT_TRUE(Exists("cap-latest.pcap"));
  RotationConfig s;
  s.seconds = 60;
  s.max_total_bytes = 150;
  Make("cap-2026-11-21_10:00:00.pcap", 100, 200000);
  RetentionSweeper by_size((dir_ / "cap-%Y-%m-%d_%H:%M:%S.pcap").string(), s);
  EXPECT_EQ(by_size.Sweep(200001).size(), 1u);
  EXPECT_TRUE(Exists("cap-2026-11-21_10:00:00.pcap"));
  std::string deleted;
  EXPECT_TRUE(by_size.DeleteOldest((dir_ / "cap-2026-11-21_10:00:00.pcap").string(), &deleted) == false);
}

TEST_F(Retention, TheIndexGoesWithItsFileAndIsNotCountedAsOne) {
  RotationConfig c;
  c.file_bytes = 10;
  c.max_files = 1;
  Make("cap.pcap", 10, 1000);
  Make(".cap.pcap.ridx", 10, 1000);
  Make("cap.pcap1", 10, 1001);
  Make(".cap.pcap1.ridx", 10, 1001);
  RetentionSweeper sweeper((dir_ / "cap.pcap").string(), c);
  EXPECT_EQ(sweeper.List().size(), 2u);
  EXPECT_EQ(sweeper.Sweep(2000).size(), 1u);
  EXPECT_FALSE(Exists("cap.pcap"));
  EXPECT_FALSE(Exists(".cap.pcap.ridx"));
  EXPECT_TRUE(Exists("cap.pcap1"));
  EXPECT_TRUE(Exists(".cap.pcap1.ridx"));
  std::string deleted;
  Make("cap.pcap2", 10, 1002);
  EXPECT_TRUE(sweeper.DeleteOldest((dir_ / "cap.pcap2").string(), &deleted));
  EXPECT_FALSE(Exists(".cap.pcap1.ridx"));
}

TEST(RetentionUnits, AgesAndSizes) {
  EXPECT_EQ(ParseAge("15d").value(), 15 * 86400);
  EXPECT_EQ(ParseAge("90").value(), 90);
  EXPECT_EQ(ParseAge("2h").value(), 7200);
  EXPECT_FALSE(ParseAge("3x").ok());
  EXPECT_EQ(ParseSize("300G").value(), 300ull << 30);
  EXPECT_EQ(ParseSize("10M").value(), 10ull << 20);
  EXPECT_EQ(ParseSize("1000").value(), 1000u);
  EXPECT_FALSE(ParseSize("-1").ok());
  EXPECT_FALSE(ParseSize("5Q").ok());
}

}  // namespace
}  // namespace ringdump
