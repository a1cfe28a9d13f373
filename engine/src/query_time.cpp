// ParseQueryTime (see query_time.hpp): a small hand parser, because strptime has no fractions or "Z" and
// std::chrono's parse is not in GCC 12.
#include "query_time.hpp"

#include <cctype>
#include <cstdio>
#include <ctime>

namespace ringdump {
namespace {

Error Bad(const std::string& text) {
  return Error("invalid time '" + text +
                   "' (RFC 3339 as 2026-12-04T09:15:00Z or 2026-12-04T10:15:00+01:00, local time as "
                   "2026-12-04T10:15:00.5, or epoch seconds as 1796375700.5)",
               Error::Kind::kBadArgument);
}

// Reads exactly `n` digits at text[*i].
bool Digits(const std::string& text, size_t* i, int n, int* out) {
  int v = 0;
  for (int k = 0; k < n; ++k, ++*i) {
    if (*i >= text.size() || !std::isdigit(static_cast<unsigned char>(text[*i]))) return false;
    v = v * 10 + (text[*i] - '0');
  }
  *out = v;
  return true;
}

// ".123456789" at text[*i] (optional): nanoseconds; digits past the ninth are dropped.
bool Fraction(const std::string& text, size_t* i, int64_t* ns) {
  *ns = 0;
  if (*i >= text.size() || text[*i] != '.') return true;
  ++*i;
  int digits = 0;
  int64_t scale = 100000000;
  while (*i < text.size() && std::isdigit(static_cast<unsigned char>(text[*i]))) {
    if (digits++ < 9) {
      *ns += (text[*i] - '0') * scale;
      scale /= 10;
    }
    ++*i;
  }
  return digits > 0;
}

}  // namespace

Result<int64_t> ParseQueryTime(const std::string& text) {
  if (text.empty()) return Bad(text);
  size_t i = 0;
  // Epoch seconds: digits, an optional fraction, nothing else.
  if (text.find('-') == std::string::npos && text.find(':') == std::string::npos) {
    int64_t sec = 0;
    for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {
      if (sec > (INT64_MAX / 1000000000 - 9) / 10) return Bad(text);
      sec = sec * 10 + (text[i] - '0');
    }
    int64_t frac = 0;
    if (i == 0 || !Fraction(text, &i, &frac) || i != text.size()) return Bad(text);
    return sec * 1000000000 + frac;
  }
  struct tm tm {};
  int year, mon, day, hour = 0, min = 0, sec = 0;
  if (!Digits(text, &i, 4, &year) || i >= text.size() || text[i++] != '-' || !Digits(text, &i, 2, &mon) ||
      i >= text.size() || text[i++] != '-' || !Digits(text, &i, 2, &day))
    return Bad(text);
  int64_t frac = 0;
  if (i < text.size()) {
    if (text[i] != 'T' && text[i] != 't' && text[i] != ' ') return Bad(text);
    ++i;
    if (!Digits(text, &i, 2, &hour) || i >= text.size() || text[i++] != ':' || !Digits(text, &i, 2, &min))
      return Bad(text);
    if (i < text.size() && text[i] == ':') {
      ++i;
      if (!Digits(text, &i, 2, &sec) || !Fraction(text, &i, &frac)) return Bad(text);
    }
  }
  if (mon < 1 || mon > 12 || day < 1 || day > 31 || hour > 23 || min > 59 || sec > 60) return Bad(text);
  tm.tm_year = year - 1900;
  tm.tm_mon = mon - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = min;
  tm.tm_sec = sec;
  time_t t;
  if (i == text.size()) {  // no zone: local time, as the operator's clock shows it
    tm.tm_isdst = -1;
    t = mktime(&tm);
  } else if (text[i] == 'Z' || text[i] == 'z') {
    if (++i != text.size()) return Bad(text);
    t = timegm(&tm);
  } else if (text[i] == '+' || text[i] == '-') {
    const int sign = text[i++] == '+' ? 1 : -1;
    int zh, zm;
    if (!Digits(text, &i, 2, &zh) || i >= text.size() || text[i++] != ':' || !Digits(text, &i, 2, &zm) ||
        i != text.size() || zh > 23 || zm > 59)
      return Bad(text);
    t = timegm(&tm) - sign * (zh * 3600 + zm * 60);
  } else {
    return Bad(text);
  }
  if (tm.tm_mday != day && i == text.size()) return Bad(text);  // 2026-02-31 normalised to March
  return int64_t(t) * 1000000000 + frac;
}

std::string FormatQueryTime(int64_t ns) {
  int64_t sec = ns >= 0 ? ns / 1000000000 : -((-ns + 999999999) / 1000000000);
  const int64_t frac = ns - sec * 1000000000;
  time_t t = time_t(sec);
  struct tm tm {};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%09lldZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<long long>(frac));
  return buf;
}

}  // namespace ringdump
