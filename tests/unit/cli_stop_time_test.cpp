// --stop-at: a time of day is its next occurrence and says so; a date (local, or RFC 3339 with Z or an
// offset) is that moment; a date in the past, a day that does not exist and trailing words are errors.
#include "stop_time.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <string>

#include "capture_config.hpp"

namespace ringdump::cli {
namespace {

// The tests read and print times in UTC, whatever the machine's zone.
class StopAt : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* tz = std::getenv("TZ");
    saved_ = tz ? tz : "";
    had_ = tz != nullptr;
    setenv("TZ", "UTC", 1);
    tzset();
  }
  void TearDown() override {
    if (had_) setenv("TZ", saved_.c_str(), 1);
    else unsetenv("TZ");
    tzset();
  }
  std::string saved_;
  bool had_ = false;
};

time_t Utc(int year, int month, int day, int hour, int minute, int second) {
  struct tm t {};
  t.tm_year = year - 1900;
  t.tm_mon = month - 1;
  t.tm_mday = day;
  t.tm_hour = hour;
  t.tm_min = minute;
  t.tm_sec = second;
  return timegm(&t);
}

TEST_F(StopAt, TimeOfDayAlreadyPastIsTomorrowAndTheLineSaysSo) {
  const time_t now = Utc(2026, 12, 4, 9, 16, 0);
  auto stop = ResolveStopAt("09:15", now);
  ASSERT_TRUE(stop.ok()) << stop.error().message();
  EXPECT_EQ(stop->at, Utc(2026, 12, 5, 9, 15, 0));
  EXPECT_TRUE(stop->tomorrow);
  EXPECT_EQ(DescribeStopTime(stop.value(), now),
            "stopping at 2026-12-05 09:15:00 UTC (in 23h59m): that time of day has passed today");
  auto later = ResolveStopAt("9:30:15", now);
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(later->at, Utc(2026, 12, 4, 9, 30, 15));
  EXPECT_FALSE(later->tomorrow);
  EXPECT_EQ(DescribeStopTime(later.value(), now), "stopping at 2026-12-04 09:30:15 UTC (in 14m15s)");
}

TEST_F(StopAt, DatesLocalAndRfc3339) {
  const time_t now = Utc(2026, 12, 4, 9, 16, 0);
  const time_t target = Utc(2026, 12, 5, 9, 15, 0);
  for (const char* text : {"2026-12-05 09:15", "2026-12-05 09:15:00", "2026-12-05T09:15", "2026-12-05T09:15:00Z",
                           "2026-12-05T09:15:00.250Z", "2026-12-05T10:15:00+01:00", "2026-12-05T04:15:00-05:00"}) {
    auto stop = ResolveStopAt(text, now);
    ASSERT_TRUE(stop.ok()) << text << ": " << stop.error().message();
    EXPECT_EQ(stop->at, target) << text;
    EXPECT_FALSE(stop->tomorrow) << text;
  }
  EXPECT_DOUBLE_EQ(SecondsUntil("2026-12-05T09:15:00Z", now).value(), 86340.0);
}

TEST_F(StopAt, PastDatesAndBadTextAreErrors) {
  const time_t now = Utc(2026, 12, 4, 9, 16, 0);
  auto past = ResolveStopAt("2026-12-04 09:15", now);
  ASSERT_FALSE(past.ok());
  EXPECT_EQ(past.error().message(), "--stop-at 2026-12-04 09:15 is in the past (2026-12-04 09:15:00 UTC)");
  for (const char* text : {"25:00", "09:60", "2026-02-30 10:00", "2026-13-01 10:00", "09:15 tomorrow",
                           "2026-12-05", "09:15Z", "2026-12-05T09:15:00+1", "0915", "", "tomorrow"}) {
    auto bad = ResolveStopAt(text, now);
    ASSERT_FALSE(bad.ok()) << text;
    EXPECT_NE(bad.error().message().find("invalid --stop-at"), std::string::npos) << bad.error().message();
  }
}

}  // namespace
}  // namespace ringdump::cli
