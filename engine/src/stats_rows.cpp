// Formatting and parsing of statistics rows (see stats_rows.hpp). Rows are built with snprintf into one
// string per interval: this runs once per interval on the reporter's thread, never on a capture thread.
#include "stats_rows.hpp"

#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>

namespace ringdump {
namespace {

uint64_t Delta(uint64_t now, uint64_t before) { return now >= before ? now - before : 0; }

struct Fields {
  const char* queue;  // "0".. or "total"
  bool quote_queue;   // JSON: "total" is a string, queue numbers are numbers
  double interval;
  QueueStats now;
  QueueStats before;
  uint64_t files;
};

std::string FormatRow(StatsFormat format, const std::string& time, const Fields& f) {
  const QueueStats& n = f.now;
  const QueueStats& b = f.before;
  const uint64_t packets = Delta(n.packets_seen, b.packets_seen);
  const uint64_t bytes = Delta(n.bytes_written, b.bytes_written);
  const double pps = f.interval > 0 ? packets / f.interval : 0;
  const double mbps = f.interval > 0 ? bytes * 8.0 / f.interval / 1e6 : 0;
  char buf[1024];
  if (format == StatsFormat::kCsv) {
    std::snprintf(buf, sizeof(buf),
                  "%s,%s,%.3f,%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64
                  ",%" PRIu64 ",%.1f,%.3f,%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64
                  ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 "\n",
                  time.c_str(), f.queue, f.interval, packets, bytes,
                  Delta(n.kernel_received, b.kernel_received), Delta(n.kernel_dropped, b.kernel_dropped),
                  Delta(n.freeze_count, b.freeze_count), Delta(n.writer_stalls, b.writer_stalls),
                  Delta(n.sink_dropped, b.sink_dropped), pps, mbps, n.packets_seen, n.bytes_written,
                  n.kernel_received, n.kernel_dropped, n.freeze_count, n.writer_stalls, n.sink_dropped,
                  f.files);
  } else {
    std::snprintf(
        buf, sizeof(buf),
        "{\"time\":\"%s\",\"queue\":%s%s%s,\"interval_s\":%.3f,\"packets\":%" PRIu64 ",\"bytes\":%" PRIu64
        ",\"kernel_received\":%" PRIu64 ",\"kernel_drops\":%" PRIu64 ",\"freezes\":%" PRIu64
        ",\"writer_stalls\":%" PRIu64 ",\"sink_drops\":%" PRIu64
        ",\"packets_per_s\":%.1f,\"mbit_per_s\":%.3f,\"packets_total\":%" PRIu64 ",\"bytes_total\":%" PRIu64
        ",\"kernel_received_total\":%" PRIu64 ",\"kernel_drops_total\":%" PRIu64 ",\"freezes_total\":%" PRIu64
        ",\"writer_stalls_total\":%" PRIu64 ",\"sink_drops_total\":%" PRIu64 ",\"files_total\":%" PRIu64
        "}\n",
        time.c_str(), f.quote_queue ? "\"" : "", f.queue, f.quote_queue ? "\"" : "", f.interval, packets,
        bytes, Delta(n.kernel_received, b.kernel_received), Delta(n.kernel_dropped, b.kernel_dropped),
        Delta(n.freeze_count, b.freeze_count), Delta(n.writer_stalls, b.writer_stalls),
        Delta(n.sink_dropped, b.sink_dropped), pps, mbps, n.packets_seen, n.bytes_written, n.kernel_received,
        n.kernel_dropped, n.freeze_count, n.writer_stalls, n.sink_dropped, f.files);
  }
  return buf;
}

std::vector<std::string_view> SplitCsv(std::string_view line) {
  std::vector<std::string_view> cells;
  size_t start = 0;
  while (true) {
    const size_t comma = line.find(',', start);
    cells.push_back(
        line.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return cells;
}

bool ToDouble(std::string_view cell, double* out) {
  std::string s(cell);
  char* end = nullptr;
  *out = std::strtod(s.c_str(), &end);
  return !s.empty() && end == s.c_str() + s.size();
}

bool ToU64(std::string_view cell, uint64_t* out) {
  std::string s(cell);
  char* end = nullptr;
  *out = std::strtoull(s.c_str(), &end, 10);
  return !s.empty() && s[0] != '-' && end == s.c_str() + s.size();
}

// 1234567 -> "1,234,567": counts on a status line are read at a glance.
std::string Grouped(uint64_t n) {
  const std::string digits = std::to_string(n);
  std::string out;
  out.reserve(digits.size() + digits.size() / 3);
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string HumanBytes(uint64_t bytes) {
  const char* units[] = {"B", "kB", "MB", "GB", "TB", "PB"};
  double value = static_cast<double>(bytes);
  size_t unit = 0;
  while (value >= 1000 && unit + 1 < sizeof(units) / sizeof(units[0])) value /= 1000, ++unit;
  char buf[32];
  std::snprintf(buf, sizeof(buf), unit == 0 ? "%.0f %s" : "%.1f %s", value, units[unit]);
  return buf;
}

// Reads the plotted columns of one row through `cell` (column name -> text; "0" when absent).
template <typename Cell>
bool FillRow(Cell&& cell, StatsRow* row) {
  row->time = std::string(cell("time"));
  row->queue = std::string(cell("queue"));
  return ToDouble(cell("interval_s"), &row->interval_s) &&
         ToDouble(cell("packets_per_s"), &row->packets_per_s) &&
         ToDouble(cell("mbit_per_s"), &row->mbit_per_s) && ToU64(cell("packets"), &row->packets) &&
         ToU64(cell("kernel_drops"), &row->kernel_drops) &&
         ToU64(cell("packets_total"), &row->packets_total) &&
         ToU64(cell("kernel_drops_total"), &row->kernel_drops_total) &&
         ToU64(cell("freezes_total"), &row->freezes_total) &&
         ToU64(cell("writer_stalls_total"), &row->writer_stalls_total) &&
         ToU64(cell("files_total"), &row->files_total);
}

// One flat JSON object as FormatStatsRows writes it: string and number values, no nesting. Strings keep their
// escapes undone for \" and \\ only (the writer emits nothing else).
bool ParseFlatObject(std::string_view line, std::map<std::string, std::string>* out) {
  size_t i = 0;
  auto skip_space = [&] {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  };
  auto read_string = [&](std::string* s) {
    if (i >= line.size() || line[i] != '"') return false;
    for (++i; i < line.size() && line[i] != '"'; ++i) {
      if (line[i] == '\\' && i + 1 < line.size()) ++i;
      s->push_back(line[i]);
    }
    return i++ < line.size();
  };
  skip_space();
  if (i >= line.size() || line[i++] != '{') return false;
  while (true) {
    skip_space();
    if (i < line.size() && line[i] == '}') return true;
    std::string key, value;
    if (!read_string(&key)) return false;
    skip_space();
    if (i >= line.size() || line[i++] != ':') return false;
    skip_space();
    if (i < line.size() && line[i] == '"') {
      if (!read_string(&value)) return false;
    } else {
      while (i < line.size() && line[i] != ',' && line[i] != '}' && line[i] != ' ')
        value.push_back(line[i++]);
    }
    (*out)[key] = value;
    skip_space();
    if (i < line.size() && line[i] == ',')
      ++i;
    else if (i < line.size() && line[i] == '}')
      return true;
    else
      return false;
  }
}

}  // namespace

std::string FormatStatusLine(const StatsSnapshot& previous, const StatsSnapshot& current) {
  const QueueStats now = current.stats.Total();
  const QueueStats before = previous.stats.Total();
  const double interval = current.elapsed - previous.elapsed;
  const double pps = interval > 0 ? Delta(now.packets_seen, before.packets_seen) / interval : 0;
  const double mbps =
      interval > 0 ? Delta(now.bytes_written, before.bytes_written) * 8.0 / interval / 1e6 : 0;
  char rates[96];
  std::snprintf(rates, sizeof(rates), "  %s pkt/s  %.1f Mbit/s",
                Grouped(static_cast<uint64_t>(pps + 0.5)).c_str(), mbps);
  // Short enough for an 80-column terminal at 10 Gbit/s rates: a wrapped line cannot be rewritten in place.
  return "Packets: " + Grouped(now.packets_seen) + rates + "  drops " + Grouped(now.kernel_dropped) +
         "  files " + std::to_string(current.files) + "  " + HumanBytes(now.bytes_written) + " written";
}

std::string PrometheusQueueLabels(size_t queue, const std::vector<std::string>& queue_interfaces) {
  std::string labels = "queue=\"" + std::to_string(queue) + "\"";
  if (queue >= queue_interfaces.size()) return labels;
  labels += ",interface=\"";
  for (char c : queue_interfaces[queue]) {
    if (c == '\\' || c == '"') labels += '\\';
    if (c == '\n') {
      labels += "\\n";
      continue;
    }
    labels += c;
  }
  return labels + "\"";
}

std::string FormatPrometheusMetrics(const StatsSnapshot& snapshot,
                                    const std::vector<std::string>& queue_interfaces) {
  struct Family {
    const char* name;
    const char* help;
    uint64_t QueueStats::*field;
  };
  static constexpr Family kFamilies[] = {
      {"ringdump_packets_total", "Packets captured (walked out of ring blocks).", &QueueStats::packets_seen},
      {"ringdump_packets_written_total", "Packets accepted by the writer.", &QueueStats::packets_written},
      {"ringdump_bytes_written_total", "Record bytes handed to the writer, headers included.",
       &QueueStats::bytes_written},
      {"ringdump_kernel_received_total", "Packets that passed the kernel filter (drops included).",
       &QueueStats::kernel_received},
      {"ringdump_kernel_drops_total", "Packets the kernel dropped because the ring was full.",
       &QueueStats::kernel_dropped},
      {"ringdump_freezes_total", "Times the TPACKET_V3 queue froze.", &QueueStats::freeze_count},
      {"ringdump_writer_stalls_total", "Times a worker waited for a free write buffer.",
       &QueueStats::writer_stalls},
      {"ringdump_sink_drops_total", "Packets the writer could not write.", &QueueStats::sink_dropped},
      {"ringdump_filtered_out_total", "Packets rejected by the user-space filter.", &QueueStats::filtered_out},
      {"ringdump_after_end_total", "Packets not written because the output had ended by design (-W).",
       &QueueStats::after_end},
  };
  std::vector<std::string> labels;
  for (size_t q = 0; q < snapshot.stats.queues.size(); ++q)
    labels.push_back(PrometheusQueueLabels(q, queue_interfaces));
  std::string out;
  char buf[256];
  for (const Family& f : kFamilies) {
    out += std::string("# HELP ") + f.name + " " + f.help + "\n# TYPE " + f.name + " counter\n";
    for (size_t q = 0; q < snapshot.stats.queues.size(); ++q) {
      std::snprintf(buf, sizeof(buf), "%s{%s} %" PRIu64 "\n", f.name, labels[q].c_str(),
                    snapshot.stats.queues[q].*f.field);
      out += buf;
    }
  }
  std::snprintf(buf, sizeof(buf),
                "# HELP ringdump_files_total Output files opened.\n# TYPE ringdump_files_total counter\n"
                "ringdump_files_total %" PRIu64
                "\n# HELP ringdump_uptime_seconds Seconds since the capture started.\n"
                "# TYPE ringdump_uptime_seconds gauge\nringdump_uptime_seconds %.3f\n",
                snapshot.files, snapshot.elapsed);
  return out + buf;
}

std::string FormatIsoTime(int64_t sec, uint32_t nsec) {
  const time_t t = static_cast<time_t>(sec);
  struct tm tm {};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%03uZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, nsec / 1000000);
  return buf;
}

std::string StatsCsvHeader() {
  return "time,queue,interval_s,packets,bytes,kernel_received,kernel_drops,freezes,writer_stalls,sink_drops,"
         "packets_per_s,mbit_per_s,packets_total,bytes_total,kernel_received_total,kernel_drops_total,"
         "freezes_total,writer_stalls_total,sink_drops_total,files_total\n";
}

std::string FormatStatsRows(StatsFormat format, const StatsSnapshot& previous, const StatsSnapshot& current) {
  const std::string time = FormatIsoTime(current.sec, current.nsec);
  const double interval = current.elapsed - previous.elapsed;
  std::string out;
  const QueueStats empty;
  for (size_t i = 0; i < current.stats.queues.size(); ++i) {
    const QueueStats& before = i < previous.stats.queues.size() ? previous.stats.queues[i] : empty;
    const std::string queue = std::to_string(i);
    out += FormatRow(format, time,
                     {queue.c_str(), false, interval, current.stats.queues[i], before, current.files});
  }
  out += FormatRow(format, time,
                   {"total", true, interval, current.stats.Total(), previous.stats.Total(), current.files});
  return out;
}

Result<std::vector<StatsRow>> ParseStatsCsv(std::string_view text) {
  std::vector<StatsRow> rows;
  std::map<std::string, size_t> column;
  size_t line_number = 0;
  while (!text.empty()) {
    const size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    const auto cells = SplitCsv(line);
    if (column.empty()) {
      for (size_t i = 0; i < cells.size(); ++i) column[std::string(cells[i])] = i;
      for (const char* required :
           {"time", "queue", "interval_s", "packets", "kernel_drops", "packets_per_s", "mbit_per_s"})
        if (!column.count(required))
          return Error(std::string("no column ") + required + " in the header (not a ringdump stats file?)",
                       Error::Kind::kBadArgument);
      continue;
    }
    auto cell = [&](const char* name) -> std::string_view {
      auto it = column.find(name);
      return it == column.end() || it->second >= cells.size() ? std::string_view("0") : cells[it->second];
    };
    StatsRow row;
    const bool ok = FillRow(cell, &row);
    if (!ok || cells.size() != column.size())
      return Error("malformed row on line " + std::to_string(line_number), Error::Kind::kBadArgument);
    rows.push_back(std::move(row));
  }
  if (column.empty()) return Error("empty statistics file", Error::Kind::kBadArgument);
  return rows;
}

Result<std::vector<StatsRow>> ParseStatsJsonLines(std::string_view text) {
  std::vector<StatsRow> rows;
  size_t line_number = 0;
  while (!text.empty()) {
    const size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    std::map<std::string, std::string> fields;
    StatsRow row;
    auto cell = [&](const char* name) -> std::string_view {
      auto it = fields.find(name);
      return it == fields.end() ? std::string_view("0") : std::string_view(it->second);
    };
    if (!ParseFlatObject(line, &fields) || !fields.count("time") || !fields.count("queue") ||
        !FillRow(cell, &row))
      return Error("malformed JSON row on line " + std::to_string(line_number), Error::Kind::kBadArgument);
    rows.push_back(std::move(row));
  }
  if (rows.empty()) return Error("empty statistics file", Error::Kind::kBadArgument);
  return rows;
}

Result<std::vector<StatsRow>> ParseStatsText(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && text[first] == '{') return ParseStatsJsonLines(text);
  return ParseStatsCsv(text);
}

}  // namespace ringdump
