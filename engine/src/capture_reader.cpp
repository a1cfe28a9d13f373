// CaptureReader (see capture_reader.hpp). The plausibility rules are repair.cpp's, so `ringdump query`, the
// index scan and `--repair` agree on where a damaged or growing file ends.
#include "capture_reader.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cstring>

#include "sys/errors.hpp"
#include "sys/unique_fd.hpp"

namespace ringdump {

// Where the bytes come from: a plain file or a gzip stream. One virtual call per buffer refill.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  virtual Result<size_t> Read(uint8_t* out, size_t n) = 0;  // 0: end of file
  virtual Status SeekTo(uint64_t offset) = 0;
};

namespace {

constexpr size_t kBufferBytes = 1 << 20;
constexpr uint32_t kMaxRecordBytes = 128u * 1024 * 1024;  // libpcap's largest snapshot length (D-Bus)
constexpr uint32_t kShb = 0x0A0D0D0A;
constexpr uint32_t kIdb = 1;
constexpr uint32_t kObsoletePacketBlock = 2;
constexpr uint32_t kEpb = 6;
constexpr uint32_t kByteOrderMagic = 0x1A2B3C4D;

class FdSource final : public ByteSource {
 public:
  FdSource(sys::UniqueFd fd, std::string path) : fd_(std::move(fd)), path_(std::move(path)) {}
  Result<size_t> Read(uint8_t* out, size_t n) override {
    for (;;) {
      ssize_t got = ::read(fd_.get(), out, n);
      if (got >= 0) return size_t(got);
      if (errno != EINTR) return sys::LastError("read").Context(path_);
    }
  }
  Status SeekTo(uint64_t offset) override {
    if (::lseek(fd_.get(), off_t(offset), SEEK_SET) < 0) return sys::LastError("lseek").Context(path_);
    return Ok();
  }

 private:
  sys::UniqueFd fd_;
  std::string path_;
};

class GzSource final : public ByteSource {
 public:
  GzSource(gzFile gz, std::string path) : gz_(gz), path_(std::move(path)) {}
  ~GzSource() override { gzclose(gz_); }
  Result<size_t> Read(uint8_t* out, size_t n) override {
    int got = gzread(gz_, out, unsigned(std::min<size_t>(n, 1u << 30)));
    if (got >= 0) return size_t(got);
    int err = 0;
    const char* message = gzerror(gz_, &err);
    return Error(std::string("gzip: ") + message, Error::Kind::kIo).Context(path_);
  }
  Status SeekTo(uint64_t offset) override {
    if (gzseek(gz_, z_off_t(offset), SEEK_SET) < 0)
      return Error("gzip: seek failed", Error::Kind::kIo).Context(path_);
    return Ok();
  }

 private:
  gzFile gz_;
  std::string path_;
};

// A record header of zeros (8 or 16 bytes): checked on every record, so two word loads, not a byte loop.
bool AllZero8(const uint8_t* p) {
  uint64_t a;
  std::memcpy(&a, p, 8);
  return a == 0;
}
bool AllZero16(const uint8_t* p) { return AllZero8(p) && AllZero8(p + 8); }

}  // namespace

int CaptureInterface::dlt() const {
  uint32_t lt = link_type & 0x03FFFFFF;  // the upper bits carry FCS information
  switch (lt) {  // the LINKTYPE_ values that were given numbers of their own (libpcap's pcap-common.c)
    case 100:
      return 11;  // ATM_RFC1483
    case 101:
      return 12;  // RAW
    case 102:
      return 15;  // SLIP_BSDOS
    case 103:
      return 16;  // PPP_BSDOS
    default:
      return int(lt);
  }
}

int64_t TicksToNs(uint64_t ticks, const CaptureInterface& interface) {
  const uint64_t tps = interface.ticks_per_second;
  int64_t ns;
  if (tps == 1000000000u) {
    ns = int64_t(ticks);
  } else if (tps != 0 && 1000000000u % tps == 0) {
    ns = int64_t(ticks * (1000000000u / tps));
  } else {
    ns = int64_t((unsigned __int128)ticks * 1000000000u / (tps == 0 ? 1 : tps));
  }
  return ns + interface.offset_seconds * 1000000000;
}

CaptureReader::CaptureReader(CaptureReader&&) noexcept = default;
CaptureReader& CaptureReader::operator=(CaptureReader&&) noexcept = default;
CaptureReader::~CaptureReader() = default;

Result<CaptureReader> CaptureReader::Open(const std::string& path) {
  sys::UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) return sys::LastError("open").Context(path);
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return sys::LastError("fstat").Context(path);
  if (S_ISDIR(st.st_mode)) return Error("is a directory", Error::Kind::kBadArgument).Context(path);
  uint8_t magic[2] = {0, 0};
  ssize_t got = ::pread(fd.get(), magic, 2, 0);
  if (got < 0) return sys::LastError("read").Context(path);
  CaptureReader reader;
  reader.path_ = path;
  if (got == 2 && magic[0] == 0x1f && magic[1] == 0x8b) {
    gzFile gz = gzdopen(fd.get(), "rb");
    if (gz == nullptr) return Error("gzip: cannot open", Error::Kind::kIo).Context(path);
    fd.release();  // gzclose closes it
    gzbuffer(gz, 256 * 1024);
    reader.source_ = std::make_unique<GzSource>(gz, path);
    reader.compressed_ = true;
  } else {
    ::posix_fadvise(fd.get(), 0, 0, POSIX_FADV_SEQUENTIAL);
    reader.source_ = std::make_unique<FdSource>(std::move(fd), path);
  }
  reader.buf_.resize(kBufferBytes);
  if (Status s = reader.ReadFileHeader(); !s.ok()) return std::move(s).error().Context(path);
  return reader;
}

Result<bool> CaptureReader::Ensure(size_t bytes) {
  if (end_ - pos_ >= bytes) return true;
  if (pos_ > 0) {
    std::memmove(buf_.data(), buf_.data() + pos_, end_ - pos_);
    buf_offset_ += pos_;
    end_ -= pos_;
    pos_ = 0;
  }
  if (buf_.size() < bytes) buf_.resize(std::max(bytes, buf_.size() * 2));
  while (end_ < bytes && !eof_) {
    auto got = source_->Read(buf_.data() + end_, buf_.size() - end_);
    if (!got.ok()) return std::move(got).error();
    if (got.value() == 0) eof_ = true;
    end_ += got.value();
  }
  return end_ >= bytes;
}

bool CaptureReader::Stop(const std::string& reason) {
  stopped_ = true;
  stop_reason_ = reason;
  return false;
}

Status CaptureReader::ReadFileHeader() {
  auto have = Ensure(24);
  if (!have.ok()) return std::move(have).error();
  if (end_ < 4) return Error("too short for a capture file header", Error::Kind::kBadArgument);
  uint32_t magic;
  std::memcpy(&magic, buf_.data(), 4);
  if (magic == kShb) {
    format_ = CaptureFileFormat::kPcapng;
    // Every structural block before the first packet (or anything else): the section header, the interfaces.
    RecordView unused;
    for (;;) {
      auto have = Ensure(8);
      if (!have.ok()) return std::move(have).error();
      if (!have.value()) break;
      uint32_t type;
      std::memcpy(&type, buf_.data() + pos_, 4);
      if (swap_ && type != kShb) type = __builtin_bswap32(type);
      if (type != kShb && type != kIdb) break;
      auto block = ReadBlock(&unused);
      if (!block.ok()) return std::move(block).error();
      if (block.value() == Block::kEnd) break;
    }
    data_start_ = end_offset_ = buf_offset_ + pos_;
    if (data_start_ == 0)
      return Error("bad pcapng section header: " + stop_reason_, Error::Kind::kBadArgument);
    return Ok();
  }
  for (bool swap : {false, true}) {
    uint32_t m = swap ? __builtin_bswap32(magic) : magic;
    if (m != 0xa1b2c3d4 && m != 0xa1b23c4d) continue;
    if (end_ < 24) return Error("pcap file header cut short", Error::Kind::kBadArgument);
    swap_ = swap;
    CaptureInterface interface;
    interface.ticks_per_second = m == 0xa1b23c4d ? 1000000000u : 1000000u;
    interface.snaplen = Load32(buf_.data() + 16);
    interface.link_type = Load32(buf_.data() + 20);
    interfaces_.push_back(interface);
    format_ = CaptureFileFormat::kPcap;
    pos_ = 24;
    data_start_ = end_offset_ = 24;
    return Ok();
  }
  return Error("not a pcap or pcapng file", Error::Kind::kBadArgument);
}

Status CaptureReader::Seek(uint64_t offset, uint64_t limit) {
  limit_ = limit;
  stopped_ = false;
  stop_reason_.clear();
  end_offset_ = offset;
  if (offset >= buf_offset_ && offset <= buf_offset_ + end_) {
    pos_ = size_t(offset - buf_offset_);
    return Ok();
  }
  if (Status s = source_->SeekTo(offset); !s.ok()) return s;
  pos_ = end_ = 0;
  buf_offset_ = offset;
  eof_ = false;
  return Ok();
}

Result<bool> CaptureReader::Next(RecordView* record) {
  if (stopped_) return false;
  return format_ == CaptureFileFormat::kPcap ? NextPcap(record) : NextPcapng(record);
}

Result<bool> CaptureReader::NextPcap(RecordView* record) {
  const uint64_t offset = buf_offset_ + pos_;
  if (offset >= limit_) return false;
  auto have = Ensure(16);
  if (!have.ok()) return std::move(have).error();
  if (!have.value()) return Stop(end_ == pos_ ? "" : "record header cut short");
  const uint8_t* h = buf_.data() + pos_;
  if (AllZero16(h)) return Stop("zero-filled hole where a record should start");
  const CaptureInterface& interface = interfaces_[0];
  const uint32_t sec = Load32(h), frac = Load32(h + 4), incl = Load32(h + 8), orig = Load32(h + 12);
  const bool nano = interface.ticks_per_second == 1000000000u;
  if (incl > kMaxRecordBytes || frac >= (nano ? 1000000000u : 1000000u) || orig < incl)
    return Stop("implausible record header");
  have = Ensure(16 + size_t(incl));
  if (!have.ok()) return std::move(have).error();
  if (!have.value()) return Stop("record data cut short");
  h = buf_.data() + pos_;
  record->ts_ns = int64_t(sec) * 1000000000 + int64_t(frac) * (nano ? 1 : 1000);
  record->data = h + 16;
  record->caplen = incl;
  record->len = orig;
  record->interface = 0;
  record->epb_flags = 0;
  record->offset = offset;
  record->record_bytes = 16 + incl;
  pos_ += 16 + size_t(incl);
  end_offset_ = offset + 16 + incl;
  return true;
}

bool CaptureReader::ParseSectionHeader(const uint8_t* block, uint32_t length) {
  if (length < 28) return Stop("section header too short");
  section_base_ = uint32_t(interfaces_.size());  // interface ids start again at 0 in every section
  (void)block;
  return true;
}

void CaptureReader::ParseInterface(const uint8_t* h, uint32_t length) {
  CaptureInterface interface;
  interface.link_type = Load16(h + 8);
  interface.snaplen = Load32(h + 12);
  const uint8_t* p = h + 16;
  const uint8_t* end = h + length - 4;
  while (p + 4 <= end) {
    const uint16_t code = Load16(p), olen = Load16(p + 2);
    p += 4;
    if (code == 0 || p + olen > end) break;
    if (code == 2) interface.name.assign(reinterpret_cast<const char*>(p), olen);
    if (code == 3) interface.description.assign(reinterpret_cast<const char*>(p), olen);
    if (code == 9 && olen >= 1) {
      const uint8_t v = p[0];
      if (v & 0x80) {
        interface.ticks_per_second = uint64_t{1} << std::min(63, v & 0x7f);
      } else {
        uint64_t tps = 1;
        for (int i = 0; i < std::min<int>(v, 19); ++i) tps *= 10;
        interface.ticks_per_second = tps;
      }
    }
    if (code == 14 && olen >= 8) {
      uint64_t v;
      std::memcpy(&v, p, 8);
      interface.offset_seconds = int64_t(swap_ ? __builtin_bswap64(v) : v);
    }
    p += (size_t(olen) + 3) & ~size_t{3};
  }
  interfaces_.push_back(std::move(interface));
}

Result<bool> CaptureReader::NextPcapng(RecordView* record) {
  for (;;) {
    auto block = ReadBlock(record);
    if (!block.ok()) return std::move(block).error();
    if (block.value() != Block::kOther) return block.value() == Block::kPacket;
  }
}

Result<CaptureReader::Block> CaptureReader::ReadBlock(RecordView* record) {
  {
    const uint64_t offset = buf_offset_ + pos_;
    if (offset >= limit_) return Block::kEnd;
    auto have = Ensure(12);
    if (!have.ok()) return std::move(have).error();
    if (!have.value()) return End(end_ == pos_ ? "" : "block header cut short");
    const uint8_t* h = buf_.data() + pos_;
    if (AllZero8(h)) return End("zero-filled hole where a block should start");
    uint32_t type;
    std::memcpy(&type, h, 4);
    bool swap = swap_;
    if (type == kShb) {  // each section states its own byte order
      uint32_t bom;
      std::memcpy(&bom, h + 8, 4);
      if (bom == kByteOrderMagic) {
        swap = false;
      } else if (bom == __builtin_bswap32(kByteOrderMagic)) {
        swap = true;
      } else {
        return End("section header with a bad byte-order magic");
      }
    } else if (swap) {
      type = __builtin_bswap32(type);
    }
    uint32_t length;
    std::memcpy(&length, h + 4, 4);
    if (swap) length = __builtin_bswap32(length);
    if (length < 12 || length % 4 != 0 || length > kMaxRecordBytes) return End("implausible block length");
    have = Ensure(length);
    if (!have.ok()) return std::move(have).error();
    if (!have.value()) return End("block cut short");
    h = buf_.data() + pos_;
    uint32_t trailer;
    std::memcpy(&trailer, h + length - 4, 4);
    if (swap) trailer = __builtin_bswap32(trailer);
    if (trailer != length) return End("block lengths at its two ends differ");
    bool packet = false;
    if (type == kShb) {
      swap_ = swap;
      if (!ParseSectionHeader(h, length)) return Block::kEnd;
      if (offset >= data_start_ && data_start_ != 0) late_structure_ = true;
    } else if (type == kIdb) {
      if (length < 20) return End("interface description block too short");
      ParseInterface(h, length);
      if (offset >= data_start_ && data_start_ != 0) late_structure_ = true;
    } else if (type == kEpb || type == kObsoletePacketBlock) {
      if (length < 32) return End("packet block too short");
      const uint32_t id = type == kEpb ? Load32(h + 8) : Load16(h + 8);
      const uint32_t caplen = Load32(h + 20);
      if (caplen > length - 32) return End("packet block shorter than its captured length");
      if (uint64_t(section_base_) + id >= interfaces_.size())
        return End("packet on an undescribed interface");
      record->interface = section_base_ + id;
      const uint64_t ticks = (uint64_t(Load32(h + 12)) << 32) | Load32(h + 16);
      record->ts_ns = TicksToNs(ticks, interfaces_[record->interface]);
      record->data = h + 28;
      record->caplen = caplen;
      record->len = Load32(h + 24);
      record->epb_flags = 0;
      const uint8_t* p = h + 28 + ((size_t(caplen) + 3) & ~size_t{3});
      const uint8_t* end = h + length - 4;
      while (type == kEpb && p + 4 <= end) {
        const uint16_t code = Load16(p), olen = Load16(p + 2);
        p += 4;
        if (code == 0 || p + olen > end) break;
        if (code == 2 && olen == 4) record->epb_flags = Load32(p);
        p += (size_t(olen) + 3) & ~size_t{3};
      }
      record->offset = offset;
      record->record_bytes = length;
      packet = true;
    }
    pos_ += length;
    end_offset_ = offset + length;
    return packet ? Block::kPacket : Block::kOther;
  }
}

CaptureReader::Block CaptureReader::End(const std::string& reason) {
  Stop(reason);
  return Block::kEnd;
}

}  // namespace ringdump
