// ScanCapture and RepairFile (see repair.hpp). The scan trusts nothing past the file header: a record counts
// only when its header is plausible and its bytes are entirely inside the file. "Plausible" follows the
// readers: libpcap refuses a pcap record longer than its maximum snapshot length (and no writer stores a
// captured length above the wire length), and a pcapng block must be
// at least 12 bytes, a multiple of 4, and carry the same length at both ends. A record header of zeros is a
// hole (O_DIRECT chunk never written, or preallocated space): a real record always has a length.
#include "repair.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <signal.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <cerrno>
#include <cstring>

#include "rotation.hpp"
#include "sys/errors.hpp"
#include "sys/mapped_region.hpp"
#include "sys/unique_fd.hpp"

namespace ringdump {
namespace {

// libpcap's largest snapshot length for any link type (MAXIMUM_SNAPLEN for D-Bus is 128 MiB).
constexpr uint32_t kMaxRecordBytes = 128u * 1024 * 1024;
constexpr uint32_t kPcapngShb = 0x0A0D0D0A;
constexpr uint32_t kPcapngByteOrder = 0x1A2B3C4D;

uint32_t Load32(const uint8_t* p, bool swap) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return swap ? __builtin_bswap32(v) : v;
}

bool AllZero(const uint8_t* p, size_t n) {
  return std::all_of(p, p + n, [](uint8_t b) { return b == 0; });
}

CaptureScan ScanPcap(std::span<const uint8_t> b, bool swap, bool nano) {
  CaptureScan s;
  s.format = CaptureFormat::kPcap;
  const uint32_t max_fraction = nano ? 1000000000u : 1000000u;
  size_t pos = 24;
  while (pos < b.size()) {
    if (b.size() - pos < 16) {
      s.hole = AllZero(b.data() + pos, b.size() - pos);
      s.stop_reason = s.hole ? "zero bytes after the last record" : "record header cut short";
      break;
    }
    const uint8_t* h = b.data() + pos;
    if (AllZero(h, 16)) {
      s.hole = true;
      s.stop_reason = "zero-filled hole where a record should start";
      break;
    }
    uint32_t frac = Load32(h + 4, swap), incl = Load32(h + 8, swap), orig = Load32(h + 12, swap);
    // orig < incl: no writer stores more bytes than the packet had; it is what a header torn mid-way and
    // followed by zeros looks like.
    if (incl > kMaxRecordBytes || frac >= max_fraction || orig < incl) {
      s.stop_reason = "implausible record header";
      break;
    }
    if (b.size() - pos - 16 < incl) {
      s.stop_reason = "record data cut short";
      break;
    }
    pos += 16 + size_t(incl);
    ++s.records;
  }
  s.valid_bytes = std::min(pos, b.size());
  return s;
}

CaptureScan ScanPcapng(std::span<const uint8_t> b, bool swap) {
  CaptureScan s;
  s.format = CaptureFormat::kPcapng;
  size_t pos = 0;
  while (pos < b.size()) {
    if (b.size() - pos < 12) {
      s.hole = AllZero(b.data() + pos, b.size() - pos);
      s.stop_reason = s.hole ? "zero bytes after the last block" : "block header cut short";
      break;
    }
    const uint8_t* h = b.data() + pos;
    if (AllZero(h, 8)) {
      s.hole = true;
      s.stop_reason = "zero-filled hole where a block should start";
      break;
    }
    uint32_t type = Load32(h, false);
    bool block_swap = swap;
    if (type == kPcapngShb) {  // each section states its own byte order
      if (b.size() - pos < 12) break;
      uint32_t bom = Load32(h + 8, false);
      if (bom == kPcapngByteOrder) {
        block_swap = false;
      } else if (bom == __builtin_bswap32(kPcapngByteOrder)) {
        block_swap = true;
      } else {
        s.stop_reason = "section header with a bad byte-order magic";
        break;
      }
    }
    uint32_t len = Load32(h + 4, block_swap);
    if (len < 12 || len % 4 != 0 || len > kMaxRecordBytes) {
      s.stop_reason = "implausible block length";
      break;
    }
    if (b.size() - pos < len) {
      s.stop_reason = "block cut short";
      break;
    }
    if (Load32(h + len - 4, block_swap) != len) {
      s.stop_reason = "block lengths at its two ends differ";
      break;
    }
    swap = block_swap;
    pos += len;
    if (pos > len || type != kPcapngShb) ++s.records;  // the first section header is the file header
  }
  s.valid_bytes = std::min(pos, b.size());
  return s;
}

}  // namespace

Result<CaptureScan> ScanCapture(std::span<const uint8_t> bytes) {
  if (bytes.size() < 4) return Error("too short for a capture file header", Error::Kind::kBadArgument);
  uint32_t magic = Load32(bytes.data(), false);
  if (magic == kPcapngShb) {
    if (bytes.size() < 28) return Error("pcapng section header cut short", Error::Kind::kBadArgument);
    CaptureScan s = ScanPcapng(bytes, false);
    if (s.valid_bytes == 0)
      return Error("bad pcapng section header: " + s.stop_reason, Error::Kind::kBadArgument);
    return s;
  }
  for (bool swap : {false, true}) {
    uint32_t m = swap ? __builtin_bswap32(magic) : magic;
    if (m == 0xa1b2c3d4 || m == 0xa1b23c4d) {
      if (bytes.size() < 24) return Error("pcap file header cut short", Error::Kind::kBadArgument);
      return ScanPcap(bytes, swap, m == 0xa1b23c4d);
    }
  }
  return Error("not a pcap or pcapng file", Error::Kind::kBadArgument);
}

bool IsSpare(const std::string& path) {
  size_t slash = path.rfind('/');
  std::string_view name(path.c_str() + (slash == std::string::npos ? 0 : slash + 1));
  return name.starts_with("..ringdump-next-") && name.ends_with(".part");
}

std::string FinalNameOfPart(const std::string& path) {
  size_t slash = path.rfind('/');
  size_t base = slash == std::string::npos ? 0 : slash + 1;
  std::string name = path.substr(base);
  constexpr std::string_view kSuffix = ".part";
  if (name.size() <= 1 + kSuffix.size() || name[0] != '.' || !name.ends_with(kSuffix)) return "";
  std::string final_name = name.substr(1, name.size() - 1 - kSuffix.size());
  // RotatingSink's spare files (".ringdump-next-PID-N") have no name of their own: a segment written into
  // a spare keeps that temporary name until it is finished, so after a crash its set name is unknown.
  if (final_name.starts_with(".ringdump-next-")) return "";
  return path.substr(0, base) + final_name;
}

Result<RepairOutcome> RepairFile(const std::string& path, bool dry_run, bool continue_if_taken) {
  sys::UniqueFd fd(::open(path.c_str(), (dry_run ? O_RDONLY : O_RDWR) | O_CLOEXEC | O_NOFOLLOW));
  if (!fd.valid()) return sys::LastError("open").Context(path);
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return sys::LastError("fstat").Context(path);
  if (!S_ISREG(st.st_mode)) return Error("not a regular file", Error::Kind::kBadArgument).Context(path);
  RepairOutcome out;
  out.original_bytes = uint64_t(st.st_size);
  out.final_path = path;
  {
    if (st.st_size == 0) {
      // A segment killed before its first chunk reached the disk: nothing to recover. Our own hidden file
      // is removed; anything else empty is not a capture file.
      if (FinalNameOfPart(path).empty() && !IsSpare(path)) {
        return Error("empty file (no file header)", Error::Kind::kBadArgument).Context(path);
      }
      out.removed = true;
      out.final_path.clear();
      if (!dry_run && ::unlink(path.c_str()) != 0) return sys::LastError("unlink").Context(path);
      return out;
    }
    void* addr = ::mmap(nullptr, size_t(st.st_size), PROT_READ, MAP_PRIVATE, fd.get(), 0);
    if (addr == MAP_FAILED) return sys::LastError("mmap").Context(path);
    sys::MappedRegion map(addr, size_t(st.st_size));
    auto scan = ScanCapture({map.data(), map.size()});
    if (!scan.ok()) return std::move(scan).error().Context(path);
    out.scan = scan.value();
  }
  out.truncated = out.scan.valid_bytes < out.original_bytes;
  std::string final_name = FinalNameOfPart(path);
  if (dry_run) {
    if (!final_name.empty()) out.final_path = final_name;
    return out;
  }
  if (out.truncated && ::ftruncate(fd.get(), off_t(out.scan.valid_bytes)) != 0) {
    return sys::LastError("ftruncate").Context(path);
  }
  if (::fsync(fd.get()) != 0) return sys::LastError("fsync").Context(path);
  if (!final_name.empty()) {
    // link+unlink instead of rename: never replaces a NAME that exists (a later capture may own it).
    if (::link(path.c_str(), final_name.c_str()) != 0) {
      if (errno != EEXIST || !continue_if_taken) return sys::LastError("link").Context(final_name);
      final_name = FreeContinuationName(final_name);
      if (::link(path.c_str(), final_name.c_str()) != 0) return sys::LastError("link").Context(final_name);
    }
    if (::unlink(path.c_str()) != 0) return sys::LastError("unlink").Context(path);
    out.final_path = final_name;
  }
  return out;
}

Result<std::string> KeepLeftover(const std::string& temp_path) {
  struct stat st {};
  if (::lstat(temp_path.c_str(), &st) != 0) return std::string();
  auto remove = [&]() -> Result<std::string> {
    if (::unlink(temp_path.c_str()) != 0 && errno != ENOENT) return sys::LastError("unlink").Context(temp_path);
    return std::string();
  };
  if (!S_ISREG(st.st_mode) || st.st_size == 0) return remove();  // a link or nothing: no data of ours
  auto dry = RepairFile(temp_path, /*dry_run=*/true);
  if (!dry.ok()) {  // not a capture file: not ours to judge, moved aside
    const std::string aside = FreeContinuationName(temp_path);
    if (::rename(temp_path.c_str(), aside.c_str()) != 0) return sys::LastError("rename").Context(temp_path);
    return temp_path + " was in the way and is not a capture file: moved to " + aside;
  }
  if (dry->scan.records == 0) return remove();  // a header only: nothing to recover
  auto done = RepairFile(temp_path, /*dry_run=*/false, /*continue_if_taken=*/true);
  if (!done.ok()) return std::move(done).error();
  if (IsSpare(temp_path)) {  // a file set's segment: its set name is not recorded, so a name of its own
    const size_t slash = temp_path.rfind('/');
    const std::string dir = slash == std::string::npos ? "" : temp_path.substr(0, slash + 1);
    const std::string name = temp_path.substr(dir.size() + 2, temp_path.size() - dir.size() - 2 - 5);  // "ringdump-next-PID-N"
    const std::string visible = FreeContinuationName(dir + "recovered-" + name.substr(14) + ".pcap");
    if (::link(temp_path.c_str(), visible.c_str()) != 0 || ::unlink(temp_path.c_str()) != 0)
      return sys::LastError("link").Context(visible);
    done->final_path = visible;
  }
  return "a capture that did not finish (" + temp_path + ") held " + std::to_string(done->scan.records) +
         " records: kept as " + done->final_path;
}

std::vector<std::string> KeepLeftovers(const std::string& directory,
                                       const std::function<bool(const std::string& name)>& in_set) {
  std::vector<std::string> notes;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(directory, ec)) {
    const std::string path = entry.path().string();
    const std::string name = entry.path().filename().string();
    bool ours = false;
    if (IsSpare(path)) {
      const long pid = std::strtol(name.c_str() + 16, nullptr, 10);  // "..ringdump-next-PID-N.part"
      ours = pid > 0 && pid != ::getpid() && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
    } else if (const std::string final_name = FinalNameOfPart(path); !final_name.empty()) {
      ours = in_set(std::filesystem::path(final_name).filename().string());
    }
    if (!ours) continue;
    auto kept = KeepLeftover(path);
    if (!kept.ok()) notes.push_back(kept.error().message());
    else if (!kept.value().empty()) notes.push_back(kept.value());
  }
  return notes;
}

}  // namespace ringdump
