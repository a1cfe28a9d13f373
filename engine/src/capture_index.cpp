// The capture index (see capture_index.hpp): the builder, the byte format, the identity checks that keep a
// stale index from being believed, and the scan that rebuilds an index from the capture file alone.
#include "capture_index.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cstring>

#include "capture_reader.hpp"
#include "repair.hpp"
#include "sys/errors.hpp"
#include "sys/unique_fd.hpp"

namespace ringdump {
namespace {

// PNG-style: a text-mode transfer or a truncation to 7 bits shows.
constexpr uint8_t kMagic[8] = {'R', 'I', 'D', 'X', '\r', '\n', 0x1a, '\n'};
constexpr uint32_t kVersion = 1;
constexpr size_t kHeaderBytes = 112;
constexpr size_t kInterfaceBytes = 16;
constexpr size_t kEntryBytes = 32;
constexpr uint32_t kHeadBytes = 64 * 1024;
enum Flags : uint32_t { kPartial = 1, kCompressed = 2, kInOrder = 4, kSeekable = 8 };

void Put32(std::vector<uint8_t>& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(uint8_t(v >> (8 * i)));
}
void Put64(std::vector<uint8_t>& out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(uint8_t(v >> (8 * i)));
}
uint32_t Get32(const uint8_t* p) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}
uint64_t Get64(const uint8_t* p) { return uint64_t(Get32(p)) | (uint64_t(Get32(p + 4)) << 32); }

uint32_t Crc(const uint8_t* p, size_t n) { return uint32_t(crc32(crc32(0, nullptr, 0), p, uInt(n))); }

int64_t MtimeNs(const struct stat& st) {
  return int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

bool IsLiveName(const std::string& path) { return !FinalNameOfPart(path).empty() || IsSpare(path); }

// The first `n` bytes of the file's content (decompressed for gzip), and the file's stat.
Result<std::vector<uint8_t>> ReadHead(const std::string& path, size_t n, struct stat* st,
                                      uint32_t* gzip_isize) {
  sys::UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) return sys::LastError("open").Context(path);
  if (::fstat(fd.get(), st) != 0) return sys::LastError("fstat").Context(path);
  std::vector<uint8_t> head(n);
  ssize_t got = ::pread(fd.get(), head.data(), n, 0);
  if (got < 0) return sys::LastError("read").Context(path);
  head.resize(size_t(got));
  if (gzip_isize) *gzip_isize = 0;
  if (head.size() >= 2 && head[0] == 0x1f && head[1] == 0x8b) {
    uint8_t tail[4];
    if (gzip_isize && st->st_size >= 4 && ::pread(fd.get(), tail, 4, st->st_size - 4) == 4)
      *gzip_isize = Get32(tail);
    gzFile gz = gzdopen(fd.release(), "rb");
    if (gz == nullptr) return Error("gzip: cannot open", Error::Kind::kIo).Context(path);
    head.resize(n);
    int r = gzread(gz, head.data(), unsigned(n));
    gzclose(gz);
    head.resize(r < 0 ? 0 : size_t(r));
  }
  return head;
}

Result<std::vector<uint8_t>> ReadWhole(const std::string& path) {
  sys::UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) return sys::LastError("open").Context(path);
  std::vector<uint8_t> bytes;
  uint8_t buf[65536];
  for (;;) {
    ssize_t got = ::read(fd.get(), buf, sizeof buf);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return sys::LastError("read").Context(path);
    if (got == 0) break;
    bytes.insert(bytes.end(), buf, buf + got);
  }
  return bytes;
}

// Does `index` describe the file `st` is the stat of, whose first bytes are `head`?
Status Matches(const CaptureIndex& index, const struct stat& st, const std::vector<uint8_t>* head) {
  if (index.device != uint64_t(st.st_dev) || index.inode != uint64_t(st.st_ino))
    return Error("the index describes another file (device or inode differ)");
  if (!index.partial) {
    if (index.file_bytes != uint64_t(st.st_size) || index.mtime_ns != MtimeNs(st))
      return Error("the capture file changed since it was indexed (size or mtime differ)");
    return Ok();
  }
  if (uint64_t(st.st_size) < index.indexed_bytes)
    return Error("the capture file shrank since it was indexed");
  if (head == nullptr || head->size() < index.head_bytes ||
      Crc(head->data(), index.head_bytes) != index.head_crc)
    return Error("the capture file's first bytes changed since it was indexed");
  return Ok();
}

}  // namespace

IndexBuilder::IndexBuilder(uint32_t interval_bytes) {
  index_.interval_bytes = interval_bytes == 0 ? kIndexIntervalBytes : interval_bytes;
  index_.entries.reserve(64);
}

IndexBuilder::IndexBuilder(CaptureIndex resume) : index_(std::move(resume)) {
  if (!index_.entries.empty()) last_ts_ = index_.max_ts_ns;  // in_order stays a best guess across the seam
}

CaptureIndex IndexBuilder::Finish() {
  CaptureIndex out = index_;
  out.min_ts_ns = out.max_ts_ns = 0;
  for (size_t i = 0; i < out.entries.size(); ++i) {
    if (i == 0 || out.entries[i].min_ts_ns < out.min_ts_ns) out.min_ts_ns = out.entries[i].min_ts_ns;
    if (i == 0 || out.entries[i].max_ts_ns > out.max_ts_ns) out.max_ts_ns = out.entries[i].max_ts_ns;
  }
  return out;
}

// Hidden (".NAME.ridx"), like the file being written: a directory of a set holds the files tcpdump's set
// would, and globs, -W rings and tools that count files see no difference; the index is a cache that query
// rebuilds by a scan when it is missing.
std::string IndexPathFor(const std::string& capture_path) {
  const std::string final_name = FinalNameOfPart(capture_path);
  const std::string& path = final_name.empty() ? capture_path : final_name;
  const size_t slash = path.rfind('/');
  const size_t base = slash == std::string::npos ? 0 : slash + 1;
  return path.substr(0, base) + "." + path.substr(base) + ".ridx";
}

std::vector<uint8_t> EncodeIndex(const CaptureIndex& x) {
  std::vector<uint8_t> out(kMagic, kMagic + 8);
  out.reserve(kHeaderBytes + x.interfaces.size() * kInterfaceBytes + x.entries.size() * kEntryBytes + 4);
  Put32(out, kVersion);
  Put32(out, (x.partial ? kPartial : 0u) | (x.compressed ? kCompressed : 0u) | (x.in_order ? kInOrder : 0u) |
                 (x.seekable ? kSeekable : 0u));
  Put32(out, x.interval_bytes);
  Put32(out, uint32_t(x.interfaces.size()));
  Put32(out, uint32_t(x.entries.size()));
  Put32(out, x.head_bytes);
  Put64(out, x.device);
  Put64(out, x.inode);
  Put64(out, x.file_bytes);
  Put64(out, uint64_t(x.mtime_ns));
  Put32(out, x.head_crc);
  Put32(out, 0);
  Put64(out, x.data_start);
  Put64(out, x.indexed_bytes);
  Put64(out, x.packets);
  Put64(out, uint64_t(x.min_ts_ns));
  Put64(out, uint64_t(x.max_ts_ns));
  for (const IndexedInterface& i : x.interfaces) {
    Put32(out, i.link_type);
    Put32(out, i.snaplen);
    Put64(out, i.ticks_per_second);
  }
  for (const SeekEntry& e : x.entries) {
    Put64(out, e.offset);
    Put64(out, uint64_t(e.min_ts_ns));
    Put64(out, uint64_t(e.max_ts_ns));
    Put32(out, e.packets);
    Put32(out, 0);
  }
  Put32(out, Crc(out.data(), out.size()));
  return out;
}

Result<CaptureIndex> DecodeIndex(std::span<const uint8_t> b) {
  if (b.size() < kHeaderBytes + 4 || std::memcmp(b.data(), kMagic, 8) != 0)
    return Error("not a ringdump index");
  const uint8_t* p = b.data();
  if (Get32(p + 8) != kVersion)
    return Error("index version " + std::to_string(Get32(p + 8)) + " not supported");
  const uint64_t ni = Get32(p + 20), ne = Get32(p + 24);
  if (b.size() != kHeaderBytes + ni * kInterfaceBytes + ne * kEntryBytes + 4)
    return Error("index length wrong");
  if (Crc(p, b.size() - 4) != Get32(p + b.size() - 4)) return Error("index CRC mismatch");
  CaptureIndex x;
  const uint32_t flags = Get32(p + 12);
  x.partial = flags & kPartial;
  x.compressed = flags & kCompressed;
  x.in_order = flags & kInOrder;
  x.seekable = flags & kSeekable;
  x.interval_bytes = Get32(p + 16);
  x.head_bytes = Get32(p + 28);
  x.device = Get64(p + 32);
  x.inode = Get64(p + 40);
  x.file_bytes = Get64(p + 48);
  x.mtime_ns = int64_t(Get64(p + 56));
  x.head_crc = Get32(p + 64);
  x.data_start = Get64(p + 72);
  x.indexed_bytes = Get64(p + 80);
  x.packets = Get64(p + 88);
  x.min_ts_ns = int64_t(Get64(p + 96));
  x.max_ts_ns = int64_t(Get64(p + 104));
  const uint8_t* q = p + kHeaderBytes;
  for (uint64_t i = 0; i < ni; ++i, q += kInterfaceBytes)
    x.interfaces.push_back({Get32(q), Get32(q + 4), Get64(q + 8)});
  uint64_t packets = 0;
  for (uint64_t i = 0; i < ne; ++i, q += kEntryBytes) {
    SeekEntry e{Get64(q), int64_t(Get64(q + 8)), int64_t(Get64(q + 16)), Get32(q + 24)};
    const uint64_t floor = x.entries.empty() ? x.data_start : x.entries.back().offset + 1;
    if (e.offset < floor || e.offset >= x.indexed_bytes || e.min_ts_ns > e.max_ts_ns)
      return Error("index seek table inconsistent");
    packets += e.packets;
    x.entries.push_back(e);
  }
  if (packets != x.packets) return Error("index packet count inconsistent");
  return x;
}

Status FillIndexIdentity(const std::string& capture_path, CaptureIndex* index) {
  struct stat st {};
  auto head = ReadHead(capture_path, kHeadBytes, &st, nullptr);
  if (!head.ok()) return std::move(head).error();
  index->device = uint64_t(st.st_dev);
  index->inode = uint64_t(st.st_ino);
  index->file_bytes = uint64_t(st.st_size);
  index->mtime_ns = MtimeNs(st);
  size_t n = head->size();
  if (index->partial && index->indexed_bytes < n) n = size_t(index->indexed_bytes);
  index->head_bytes = uint32_t(n);
  index->head_crc = Crc(head->data(), n);
  auto reader = CaptureReader::Open(capture_path);
  if (!reader.ok()) return std::move(reader).error();
  index->compressed = reader->compressed();
  index->interfaces.clear();
  for (const CaptureInterface& i : reader->interfaces())
    index->interfaces.push_back({i.link_type, i.snaplen, i.ticks_per_second});
  if (index->packets == 0 && index->indexed_bytes == 0)
    index->data_start = index->indexed_bytes = reader->data_start();
  return Ok();
}

Status WriteIndexFile(const std::string& capture_path, const CaptureIndex& index) {
  CaptureIndex x = index;
  RINGDUMP_TRY(FillIndexIdentity(capture_path, &x), "index of " + capture_path);
  const std::vector<uint8_t> bytes = EncodeIndex(x);
  const std::string path = IndexPathFor(capture_path);
  const size_t slash = path.rfind('/');
  const std::string temp = (slash == std::string::npos ? "" : path.substr(0, slash + 1)) + "." +
                           path.substr(slash == std::string::npos ? 0 : slash + 1) + ".tmp";
  sys::UniqueFd fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644));
  if (!fd.valid()) return sys::LastError("open").Context(temp);
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd.get(), bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      Error e = sys::LastError("write").Context(temp);
      ::unlink(temp.c_str());
      return e;
    }
    done += size_t(n);
  }
  if (::fsync(fd.get()) != 0 || ::rename(temp.c_str(), path.c_str()) != 0) {
    Error e = sys::LastError("fsync/rename").Context(path);
    ::unlink(temp.c_str());
    return e;
  }
  return Ok();
}

Result<CaptureIndex> ReadIndexFile(const std::string& capture_path) {
  struct stat st {};
  uint32_t isize = 0;
  auto head = ReadHead(capture_path, kHeadBytes, &st, &isize);
  if (!head.ok()) return std::move(head).error();
  const std::string own = IndexPathFor(capture_path);
  Error why("no index");
  if (auto bytes = ReadWhole(own); bytes.ok()) {
    auto index = DecodeIndex(bytes.value());
    if (!index.ok()) return std::move(index).error().Context(own);
    Status match = Matches(index.value(), st, &head.value());
    if (match.ok()) return index;
    why = std::move(match).error().Context(own);
  }
  const bool gz = capture_path.size() > 3 && capture_path.ends_with(".gz");
  if (!gz) return why;
  // -z gzip replaced NAME by NAME.gz (same content): NAME's index is still right about it.
  const std::string plain = IndexPathFor(capture_path.substr(0, capture_path.size() - 3));
  auto bytes = ReadWhole(plain);
  if (!bytes.ok()) return why;
  auto index = DecodeIndex(bytes.value());
  if (!index.ok()) return std::move(index).error().Context(plain);
  CaptureIndex& x = index.value();
  if (x.partial || x.compressed || uint32_t(x.file_bytes) != isize || head->size() < x.head_bytes ||
      Crc(head->data(), x.head_bytes) != x.head_crc)
    return Error("index does not describe the decompressed file").Context(plain);
  x.compressed = true;
  return index;
}

Result<CaptureIndex> BuildIndexByScan(const std::string& capture_path) {
  return ExtendIndexByScan(capture_path, CaptureIndex{});
}

Result<CaptureIndex> ExtendIndexByScan(const std::string& capture_path, CaptureIndex partial) {
  auto reader = CaptureReader::Open(capture_path);
  if (!reader.ok()) return std::move(reader).error();
  const bool resume = partial.packets > 0;
  if (resume) RINGDUMP_TRY(reader->Seek(std::max(partial.indexed_bytes, reader->data_start())), "index scan");
  IndexBuilder builder = resume ? IndexBuilder(std::move(partial)) : IndexBuilder();
  RecordView r;
  for (;;) {
    auto more = reader->Next(&r);
    if (!more.ok()) return std::move(more).error().Context("index scan");
    if (!more.value()) break;
    builder.Add(r.ts_ns, r.offset, r.record_bytes);
  }
  builder.SetSeekable(!reader->late_structure());
  CaptureIndex index = builder.Finish();
  if (index.packets == 0) index.data_start = reader->data_start();
  // Trailing blocks after the last packet (pcapng statistics) are part of the valid prefix too.
  index.indexed_bytes = std::max(index.indexed_bytes, reader->end_offset());
  RINGDUMP_TRY(FillIndexIdentity(capture_path, &index), "index scan");
  // A prefix that is not the whole file (still written, or a torn tail): only that prefix is vouched for.
  index.partial = IsLiveName(capture_path) || (!index.compressed && index.indexed_bytes < index.file_bytes);
  if (index.partial) RINGDUMP_TRY(FillIndexIdentity(capture_path, &index), "index scan");
  return index;
}

}  // namespace ringdump
