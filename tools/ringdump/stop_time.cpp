// --stop-at parsing (see stop_time.hpp). The whole argument must match one format: a trailing word is an
// error, not ignored, and a date that does not exist (2026-02-30) is refused instead of being normalised
// by mktime into another day.
#include "stop_time.hpp"

#include <cctype>
#include <cstdio>

namespace ringdump::cli {
namespace {

Error BadStopAt(const std::string& when) {
  return Error("invalid --stop-at " + when +
                   " (HH:MM[:SS], or YYYY-MM-DD HH:MM[:SS] local time, or RFC 3339 YYYY-MM-DDTHH:MM:SSZ)",
               Error::Kind::kBadArgument);
}

// Reads exactly `digits` decimal digits at text[*pos].
bool Digits(const std::string& text, size_t* pos, int digits, int* out) {
  int v = 0;
  for (int i = 0; i < digits; ++i, ++*pos) {
    if (*pos >= text.size() || !std::isdigit(static_cast<unsigned char>(text[*pos]))) return false;
    v = v * 10 + (text[*pos] - '0');
  }
  *out = v;
  return true;
}

bool Expect(const std::string& text, size_t* pos, char c) {
  if (*pos >= text.size() || text[*pos] != c) return false;
  ++*pos;
  return true;
}

struct Parsed {
  bool dated = false;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  bool zoned = false;      // Z or an offset: not local time
  int offset_seconds = 0;  // east of UTC
};

bool Parse(const std::string& text, Parsed* p) {
  size_t pos = 0;
  // A date, if the text starts with YYYY-.
  if (text.size() > 4 && text[4] == '-') {
    if (!Digits(text, &pos, 4, &p->year) || !Expect(text, &pos, '-') || !Digits(text, &pos, 2, &p->month) ||
        !Expect(text, &pos, '-') || !Digits(text, &pos, 2, &p->day))
      return false;
    if (pos >= text.size() || (text[pos] != ' ' && text[pos] != 'T' && text[pos] != 't')) return false;
    ++pos;
    p->dated = true;
  }
  const int hour_digits = pos + 1 < text.size() && text[pos + 1] == ':' ? 1 : 2;  // 9:15 as well as 09:15
  if (!Digits(text, &pos, hour_digits, &p->hour) || !Expect(text, &pos, ':') || !Digits(text, &pos, 2, &p->minute))
    return false;
  if (pos < text.size() && text[pos] == ':') {
    ++pos;
    if (!Digits(text, &pos, 2, &p->second)) return false;
    if (pos < text.size() && text[pos] == '.') {  // fractional seconds: the capture stops on the second
      ++pos;
      const size_t start = pos;
      while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) ++pos;
      if (pos == start) return false;
    }
  }
  if (pos < text.size() && p->dated) {
    const char z = text[pos];
    if (z == 'Z' || z == 'z') {
      ++pos;
      p->zoned = true;
    } else if (z == '+' || z == '-') {
      ++pos;
      int oh = 0, om = 0;
      if (!Digits(text, &pos, 2, &oh) || !Expect(text, &pos, ':') || !Digits(text, &pos, 2, &om) || oh > 23 ||
          om > 59)
        return false;
      p->zoned = true;
      p->offset_seconds = (z == '+' ? 1 : -1) * (oh * 3600 + om * 60);
    }
  }
  if (pos != text.size()) return false;
  return p->hour <= 23 && p->minute <= 59 && p->second <= 59 && (!p->dated || (p->month >= 1 && p->month <= 12 &&
                                                                                 p->day >= 1 && p->day <= 31));
}

}  // namespace

Result<StopTime> ResolveStopAt(const std::string& when, time_t now) {
  Parsed p;
  if (!Parse(when, &p)) return BadStopAt(when);
  struct tm t {};
  if (p.dated) {
    t.tm_year = p.year - 1900;
    t.tm_mon = p.month - 1;
    t.tm_mday = p.day;
  } else {
    localtime_r(&now, &t);
  }
  t.tm_hour = p.hour;
  t.tm_min = p.minute;
  t.tm_sec = p.second;
  t.tm_isdst = -1;
  const struct tm asked = t;
  StopTime stop;
  stop.at = p.zoned ? timegm(&t) - p.offset_seconds : mktime(&t);
  if (stop.at == static_cast<time_t>(-1)) return BadStopAt(when);
  // mktime/timegm normalise 2026-02-30 into March: such a date does not exist.
  if (p.dated && (t.tm_mday != asked.tm_mday || t.tm_mon != asked.tm_mon)) return BadStopAt(when);
  if (!p.dated && stop.at <= now) {
    // The next such time of day: tomorrow's date, then mktime again (a day is not 86400 s across a DST change).
    struct tm next = asked;
    next.tm_mday += 1;
    next.tm_isdst = -1;
    stop.at = mktime(&next);
    stop.tomorrow = true;
  }
  if (stop.at <= now) {
    char text[64];
    struct tm local {};
    localtime_r(&stop.at, &local);
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S %Z", &local);
    return Error("--stop-at " + when + " is in the past (" + text + ")", Error::Kind::kBadArgument);
  }
  return stop;
}

std::string DescribeStopTime(const StopTime& stop, time_t now) {
  char when[64];
  struct tm local {};
  localtime_r(&stop.at, &local);
  std::strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S %Z", &local);
  const long long left = static_cast<long long>(stop.at - now);
  const long long d = left / 86400, h = left % 86400 / 3600, m = left % 3600 / 60, s = left % 60;
  char in[64];
  if (d > 0)
    std::snprintf(in, sizeof in, "%lldd%lldh%02lldm", d, h, m);
  else if (h > 0)
    std::snprintf(in, sizeof in, "%lldh%02lldm", h, m);
  else if (m > 0)
    std::snprintf(in, sizeof in, "%lldm%02llds", m, s);
  else
    std::snprintf(in, sizeof in, "%llds", s);
  std::string line = std::string("stopping at ") + when + " (in " + in + ")";
  if (stop.tomorrow) line += ": that time of day has passed today";
  return line;
}

}  // namespace ringdump::cli
