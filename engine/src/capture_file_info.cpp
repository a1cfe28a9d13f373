// One sequential pass over a pcap or pcapng file (see capture_file_info.hpp). A small buffered reader peeks
// at headers and skips packet bytes; each format has one parse function; the report text is built at the end.
#include "capture_file_info.hpp"

#include <pcap/pcap.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <memory>

#include "pcap_format.hpp"
#include "pcapng_format.hpp"

namespace ringdump {
namespace {

constexpr uint32_t kMaxRecord = 256u << 20;  // a larger caplen or block means the file is not what it claims

struct FileCloser {
  void operator()(FILE* f) const { std::fclose(f); }
};

// Sequential reader: Peek(n) makes n bytes available (false at end of file), Skip(n) moves past them.
class Reader {
 public:
  explicit Reader(FILE* f) : f_(f), buf_(1u << 20) {}

  const uint8_t* Peek(size_t n) {
    if (end_ - pos_ < n) {
      if (n > buf_.size()) buf_.resize(n);
      std::memmove(buf_.data(), buf_.data() + pos_, end_ - pos_);
      end_ -= pos_;
      pos_ = 0;
      while (end_ < n) {
        const size_t got = std::fread(buf_.data() + end_, 1, buf_.size() - end_, f_);
        if (got == 0) return nullptr;
        end_ += got;
      }
    }
    return buf_.data() + pos_;
  }
  // Returns false when the file ends before n bytes.
  bool Skip(uint64_t n) {
    const uint64_t in_buffer = std::min<uint64_t>(n, end_ - pos_);
    pos_ += in_buffer;
    offset_ += in_buffer;
    n -= in_buffer;
    if (n == 0) return true;
    if (std::fseek(f_, static_cast<long>(n), SEEK_CUR) != 0) return false;
    offset_ += n;
    return true;
  }
  bool AtEnd() { return Peek(1) == nullptr; }
  uint64_t offset() const { return offset_; }

 private:
  FILE* f_;
  std::vector<uint8_t> buf_;
  size_t pos_ = 0, end_ = 0;
  uint64_t offset_ = 0;
};

uint16_t Get16(const uint8_t* p, bool swap) {
  uint16_t v;
  std::memcpy(&v, p, 2);
  return swap ? __builtin_bswap16(v) : v;
}
uint32_t Get32(const uint8_t* p, bool swap) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return swap ? __builtin_bswap32(v) : v;
}
uint64_t Get64(const uint8_t* p, bool swap) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return swap ? __builtin_bswap64(v) : v;
}

bool HostIsBig() { return __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__; }

FileTime FromTicks(uint64_t ticks, uint64_t per_second) {
  FileTime t;
  t.sec = static_cast<int64_t>(ticks / per_second);
  t.nsec =
      static_cast<uint32_t>(static_cast<unsigned __int128>(ticks % per_second) * 1000000000u / per_second);
  return t;
}

void CountPacket(CaptureFileInfo& info, FileInterfaceInfo* interface, uint32_t caplen, uint32_t len,
                 std::optional<FileTime> time) {
  ++info.packets;
  info.data_bytes += len;
  info.captured_bytes += caplen;
  if (interface) ++interface->packets;
  if (!time) return;
  if (info.last && *time < *info.last) info.time_ordered = false;
  if (!info.first || *time < *info.first) info.first = time;
  if (!info.last || *info.last < *time) info.last = time;
}

Error Malformed(const std::string& what, uint64_t offset) {
  return Error(what + " at offset " + std::to_string(offset), Error::Kind::kBadArgument);
}

Status ParsePcap(Reader& in, CaptureFileInfo& info, uint32_t magic) {
  info.format = "pcap";
  const bool swap = magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1;
  info.big_endian = swap != HostIsBig();
  const uint32_t native = swap ? __builtin_bswap32(magic) : magic;
  info.precision_digits = native == kPcapMagicNano ? 9 : 6;
  const uint8_t* h = in.Peek(24);
  if (h == nullptr) return Malformed("truncated pcap file header", 0);
  FileInterfaceInfo interface;
  interface.snaplen = Get32(h + 16, swap);
  interface.link_type = Get32(h + 20, swap) & 0xffff;  // the upper bits carry FCS information
  interface.precision_digits = info.precision_digits;
  interface.ticks_per_second = info.precision_digits == 9 ? 1000000000 : 1000000;
  info.interfaces.push_back(interface);
  in.Skip(24);
  while (!in.AtEnd()) {
    const uint8_t* r = in.Peek(16);
    if (r == nullptr) return info.truncated = true, Ok();
    const uint32_t sec = Get32(r, swap), frac = Get32(r + 4, swap);
    const uint32_t caplen = Get32(r + 8, swap), len = Get32(r + 12, swap);
    if (caplen > kMaxRecord)
      return Malformed("record with captured length " + std::to_string(caplen), in.offset());
    const FileTime t{sec, info.precision_digits == 9 ? frac : frac * 1000};
    in.Skip(16);
    if (!in.Peek(caplen) && caplen != 0) return info.truncated = true, Ok();
    in.Skip(caplen);
    CountPacket(info, &info.interfaces.front(), caplen, len, t);
  }
  return Ok();
}

// Options: (code, length, value padded to 4) until opt_endofopt or the end of the block.
template <typename F>
void ForEachOption(const uint8_t* p, const uint8_t* end, bool swap, F&& f) {
  while (end - p >= 4) {
    const uint16_t code = Get16(p, swap), length = Get16(p + 2, swap);
    if (code == 0 || end - p - 4 < length) return;
    f(code, p + 4, length);
    p += 4 + ((length + 3u) & ~3u);
  }
}

void ParseInterfaceDescription(const uint8_t* body, const uint8_t* end, bool swap, CaptureFileInfo& info) {
  FileInterfaceInfo i;
  i.link_type = Get16(body, swap);
  i.snaplen = Get32(body + 4, swap);
  ForEachOption(body + 8, end, swap, [&](uint16_t code, const uint8_t* v, uint16_t n) {
    if (code == 2) i.name.assign(reinterpret_cast<const char*>(v), n);
    if (code == 11 && n >= 1 && v[0] == 0) i.filter.assign(reinterpret_cast<const char*>(v + 1), n - 1);
    if (code == 9 && n >= 1) {
      const uint8_t exponent = v[0] & 0x7f;
      if (v[0] & 0x80) {
        i.ticks_per_second = exponent < 63 ? uint64_t{1} << exponent : 1;
        i.precision_digits = static_cast<int>(std::ceil(exponent * std::log10(2.0)));
      } else {
        i.ticks_per_second = 1;
        for (int k = 0; k < exponent && k < 19; ++k) i.ticks_per_second *= 10;
        i.precision_digits = exponent;
      }
    }
  });
  info.precision_digits =
      info.interfaces.empty() ? i.precision_digits : std::max(info.precision_digits, i.precision_digits);
  info.interfaces.push_back(i);
}

void ParseStatistics(const uint8_t* body, const uint8_t* end, bool swap, size_t section_base,
                     CaptureFileInfo& info) {
  const size_t id = section_base + Get32(body, swap);
  if (id >= info.interfaces.size()) return;
  FileInterfaceInfo& i = info.interfaces[id];
  ++i.statistics_blocks;
  i.statistics_time =
      FromTicks((uint64_t{Get32(body + 4, swap)} << 32) | Get32(body + 8, swap), i.ticks_per_second);
  ForEachOption(body + 12, end, swap, [&](uint16_t code, const uint8_t* v, uint16_t n) {
    if (n != 8) return;
    const uint64_t value = Get64(v, swap);
    switch (code) {
      case 4:
        i.received = value;
        break;
      case 5:
        i.if_dropped = value;
        break;
      case 6:
        i.filter_accepted = value;
        break;
      case 7:
        i.os_dropped = value;
        break;
      case 8:
        i.delivered = value;
        break;
      default:
        break;
    }
  });
}

Status ParsePcapng(Reader& in, CaptureFileInfo& info) {
  info.format = "pcapng";
  bool swap = false;
  size_t section_base = 0;
  std::vector<uint8_t> block;
  while (!in.AtEnd()) {
    const uint64_t at = in.offset();
    const uint8_t* h = in.Peek(12);
    if (h == nullptr) return info.truncated = true, Ok();
    const uint32_t raw_type = Get32(h, false);
    if (raw_type == kPcapngSectionHeaderBlock) {
      const uint32_t magic = Get32(h + 8, false);
      if (magic != kPcapngByteOrderMagic && magic != __builtin_bswap32(kPcapngByteOrderMagic))
        return Malformed("bad pcapng byte-order magic", at);
      swap = magic != kPcapngByteOrderMagic;
      info.big_endian = swap != HostIsBig();
      section_base = info.interfaces.size();
    }
    const uint32_t type = Get32(h, swap), length = Get32(h + 4, swap);
    if (length < 12 || length % 4 != 0 || length > kMaxRecord)
      return Malformed("pcapng block of length " + std::to_string(length), at);
    // Packet blocks: read only their fixed part; everything else is small and read whole.
    const bool packet = type == kPcapngEnhancedPacketBlock || type == 2 || type == 3;
    const uint32_t want = packet ? std::min<uint32_t>(length, type == 3 ? 12 : 28) : length;
    const uint8_t* b = in.Peek(want);
    if (b == nullptr) return info.truncated = true, Ok();
    const uint8_t* body = b + 8;
    if (type == kPcapngSectionHeaderBlock && length >= 28) {
      ForEachOption(b + 24, b + length - 4, swap, [&](uint16_t code, const uint8_t* v, uint16_t n) {
        std::string text(reinterpret_cast<const char*>(v), n);
        if (code == 2) info.hardware = text;
        if (code == 3) info.os = text;
        if (code == 4) info.application = text;
      });
    } else if (type == kPcapngInterfaceDescriptionBlock && length >= 20) {
      ParseInterfaceDescription(body, b + length - 4, swap, info);
    } else if (type == kPcapngInterfaceStatisticsBlock && length >= 24) {
      ParseStatistics(body, b + length - 4, swap, section_base, info);
    } else if ((type == kPcapngEnhancedPacketBlock || type == 2) && length >= 32) {
      // EPB: interface id (32 bits); obsolete packet block: interface id (16) and drops (16). Then the same.
      const size_t id = section_base + (type == 2 ? Get16(body, swap) : Get32(body, swap));
      if (id >= info.interfaces.size())
        return Malformed("packet of undeclared interface " + std::to_string(id), at);
      FileInterfaceInfo& i = info.interfaces[id];
      const uint64_t ticks = (uint64_t{Get32(body + 4, swap)} << 32) | Get32(body + 8, swap);
      CountPacket(info, &i, Get32(body + 12, swap), Get32(body + 16, swap),
                  FromTicks(ticks, i.ticks_per_second));
    } else if (type == 3 && length >= 16 && in.Peek(16)) {
      // Simple packet block: no timestamp, interface 0 of the section, captured length implied by snaplen.
      const uint8_t* s = in.Peek(16);
      if (section_base >= info.interfaces.size()) return Malformed("simple packet without an interface", at);
      FileInterfaceInfo& i = info.interfaces[section_base];
      const uint32_t len = Get32(s + 8, swap);
      CountPacket(info, &i, i.snaplen != 0 ? std::min(len, i.snaplen) : len, len, std::nullopt);
    }
    if (!in.Skip(length) || in.offset() > info.file_bytes) return info.truncated = true, Ok();
  }
  return Ok();
}

std::string LinkTypeName(uint32_t link_type) {
  const int dlt = link_type == 101 ? DLT_RAW : static_cast<int>(link_type);
  const char* name = pcap_datalink_val_to_name(dlt);
  const char* description = pcap_datalink_val_to_description(dlt);
  std::string text = name ? name : "LINKTYPE " + std::to_string(link_type);
  if (description) text += std::string(" (") + description + ")";
  return text + ", link type " + std::to_string(link_type);
}

std::string PrecisionName(int digits) {
  switch (digits) {
    case 0:
      return "seconds (0)";
    case 3:
      return "milliseconds (3)";
    case 6:
      return "microseconds (6)";
    case 9:
      return "nanoseconds (9)";
    default:
      return std::to_string(digits) + " decimal digits";
  }
}

std::string FormatTime(const FileTime& t, int digits) {
  const time_t sec = static_cast<time_t>(t.sec);
  struct tm tm {};
  gmtime_r(&sec, &tm);
  char buf[96];
  std::strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", &tm);
  std::string text = buf;
  if (digits > 0) {
    std::snprintf(buf, sizeof(buf), ".%09u", t.nsec);
    text.append(buf, static_cast<size_t>(std::min(digits, 9)) + 1);
  }
  return text + " UTC";
}

}  // namespace

double CaptureFileInfo::duration() const {
  if (!first || !last) return 0;
  // As capinfos computes it: each time as a double, then the difference. The exact difference differs in the
  // last bits (doubles near 1.7e9 s resolve ~0.2 us), and the rates would then disagree in their decimals.
  auto seconds = [](const FileTime& t) {
    return static_cast<double>(t.sec) + static_cast<double>(t.nsec) / 1e9;
  };
  return seconds(*last) - seconds(*first);
}

Result<CaptureFileInfo> ReadCaptureFileInfo(const std::string& path) {
  std::unique_ptr<FILE, FileCloser> f(std::fopen(path.c_str(), "rb"));
  if (!f) return Error(std::string(std::strerror(errno)) + " <- " + path, Error::Kind::kIo);
  CaptureFileInfo info;
  if (std::fseek(f.get(), 0, SEEK_END) == 0) info.file_bytes = static_cast<uint64_t>(std::ftell(f.get()));
  std::rewind(f.get());
  Reader in(f.get());
  const uint8_t* m = in.Peek(4);
  if (m == nullptr)
    return Error("file is empty or shorter than a file header <- " + path, Error::Kind::kBadArgument);
  const uint32_t magic = Get32(m, false);
  Status parsed = Ok();
  if (magic == kPcapngSectionHeaderBlock) {
    parsed = ParsePcapng(in, info);
  } else if (magic == kPcapMagicMicro || magic == kPcapMagicNano ||
             magic == __builtin_bswap32(kPcapMagicMicro) || magic == __builtin_bswap32(kPcapMagicNano)) {
    parsed = ParsePcap(in, info, magic);
  } else {
    return Error("not a pcap or pcapng file (unknown magic number) <- " + path, Error::Kind::kBadArgument);
  }
  if (!parsed.ok()) return std::move(parsed).error().Context(path);
  return info;
}

std::string FormatCaptureFileInfo(const std::string& path, const CaptureFileInfo& info) {
  std::string out;
  char buf[512];
  auto line = [&](const std::string& label, const std::string& value) {
    out += label;
    out.append(label.size() < 21 ? 21 - label.size() : 1, ' ');
    out += value;
    out += '\n';
  };
  auto number = [](double v, const char* unit) {
    char b[64];
    std::snprintf(b, sizeof(b), "%.2f %s", v, unit);
    return std::string(b);
  };
  line("File name:", path);
  line("File type:", info.format +
                         (info.format == "pcap" && info.precision_digits == 9 ? " (nanosecond)" : "") +
                         (info.big_endian ? ", big-endian" : ""));
  bool same_link = true;
  for (const auto& i : info.interfaces)
    same_link = same_link && i.link_type == info.interfaces.front().link_type;
  line("File encapsulation:", info.interfaces.empty() ? "none"
                              : same_link             ? LinkTypeName(info.interfaces.front().link_type)
                                                      : "per packet");
  if (info.interfaces.size() == 1)
    line("Packet size limit:", info.interfaces.front().snaplen
                                   ? std::to_string(info.interfaces.front().snaplen) + " bytes"
                                   : "(not set)");
  line("Timestamp precision:", PrecisionName(info.precision_digits));
  line("Number of packets:", std::to_string(info.packets));
  line("File size:", std::to_string(info.file_bytes) + " bytes");
  line("Data size:", std::to_string(info.data_bytes) +
                         " bytes (captured: " + std::to_string(info.captured_bytes) + " bytes)");
  if (info.first) {
    line("First packet time:", FormatTime(*info.first, info.precision_digits));
    line("Last packet time:", FormatTime(*info.last, info.precision_digits));
    const FileTime& f = *info.first;
    const FileTime& l = *info.last;
    int64_t sec = l.sec - f.sec;
    int64_t nsec = static_cast<int64_t>(l.nsec) - f.nsec;
    if (nsec < 0) nsec += 1000000000, --sec;
    std::snprintf(buf, sizeof(buf), "%lld.%09lld", static_cast<long long>(sec), static_cast<long long>(nsec));
    std::string text = buf;
    text.resize(text.size() - 9 + static_cast<size_t>(std::min(info.precision_digits, 9)));
    if (text.back() == '.') text.pop_back();
    line("Capture duration:", text + " seconds");
  }
  const double duration = info.duration();
  // As capinfos: rates are 0 when all packets share one timestamp, "n/a" only without packets.
  const bool rates = info.packets > 0;
  auto rate = [&](double amount) { return duration > 0 ? amount / duration : 0.0; };
  line("Data byte rate:", rates ? number(rate(static_cast<double>(info.data_bytes)), "bytes/s") : "n/a");
  line("Data bit rate:", rates ? number(rate(info.data_bytes * 8.0), "bits/s") : "n/a");
  line("Average packet size:",
       info.packets ? number(static_cast<double>(info.data_bytes) / info.packets, "bytes") : "n/a");
  line("Average packet rate:", rates ? number(rate(static_cast<double>(info.packets)), "packets/s") : "n/a");
  line("Strict time order:", info.time_ordered ? "True" : "False");
  if (!info.application.empty()) line("Capture application:", info.application);
  if (!info.os.empty()) line("Capture oper-sys:", info.os);
  if (!info.hardware.empty()) line("Capture hardware:", info.hardware);
  if (info.truncated) line("Warning:", "the file ends inside a record (cut short, or still being written)");
  for (size_t n = 0; n < info.interfaces.size() && info.format == "pcapng"; ++n) {
    const FileInterfaceInfo& i = info.interfaces[n];
    const std::string label = "Interface #" + std::to_string(n) + ":";
    std::string text = (i.name.empty() ? std::string("(no name)") : i.name) + ", " +
                       LinkTypeName(i.link_type) + ", snaplen " +
                       (i.snaplen ? std::to_string(i.snaplen) : std::string("not set")) + ", " +
                       PrecisionName(i.precision_digits) + ", " + std::to_string(i.packets) + " packets";
    line(label, text);
    if (!i.filter.empty()) line("  Filter:", i.filter);
    if (i.statistics_blocks == 0) continue;
    std::string stats;
    auto add = [&](const char* name, const std::optional<uint64_t>& v) {
      if (!v) return;
      if (!stats.empty()) stats += ", ";
      stats += std::string(name) + " " + std::to_string(*v);
    };
    add("received", i.received);
    add("dropped by interface", i.if_dropped);
    add("dropped by OS", i.os_dropped);
    add("accepted by filter", i.filter_accepted);
    add("delivered", i.delivered);
    if (stats.empty()) stats = "no counters";
    line("  Statistics:", stats + " (at " + FormatTime(i.statistics_time, i.precision_digits) + ", " +
                              std::to_string(i.statistics_blocks) + " block" +
                              (i.statistics_blocks == 1 ? "" : "s") + ")");
  }
  return out;
}

}  // namespace ringdump
