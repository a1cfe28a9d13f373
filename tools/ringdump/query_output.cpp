// QueryOutput (see query_output.hpp). pcap output has one link type, so files of different link types need
// --pcapng; pcapng output gets one interface block per (input file, interface), written before the first
// packet on it, so each file's interfaces stay apart (names, link types, clocks).
#include "query_output.hpp"

#include <pcap/pcap.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <set>

#include "pcap_format.hpp"
#include "pcapng_format.hpp"
#include "print_options.hpp"
#include "report.hpp"
#include "sys/errors.hpp"

namespace ringdump::cli {
namespace {

void Put32(std::vector<uint8_t>& out, uint32_t v) {
  const size_t at = out.size();
  out.resize(at + 4);
  std::memcpy(out.data() + at, &v, 4);
}

std::string LinkTypeName(uint32_t link_type) {
  CaptureInterface i;
  i.link_type = link_type;
  const char* name = pcap_datalink_val_to_name(i.dlt());
  return name ? name : std::to_string(link_type);
}

}  // namespace

QueryOutput::QueryOutput(const CliOptions& options) : options_(options) {
  writing_ = !options.write_file.empty();
  printing_ = !writing_ || options.print_while_writing;
  pcapng_ = options.pcapng;
  nano_ = options.precision == TimestampPrecision::kNano;
}

QueryOutput::QueryOutput(const CliOptions& options, ByteWriter writer) : QueryOutput(options) {
  writer_ = std::move(writer);
  writing_ = true;
  printing_ = false;
}

QueryOutput::~QueryOutput() { Discard(); }

Status QueryOutput::OpenFile() {
  if (!writing_) return Ok();
  const std::string& path = options_.write_file;
  if (path == "-") {
    file_ = stdout;
  } else {
    const size_t slash = path.rfind('/');
    temp_path_ = path.substr(0, slash == std::string::npos ? 0 : slash + 1) + "." +
                 path.substr(slash == std::string::npos ? 0 : slash + 1) + ".query-" +
                 std::to_string(getpid());
    file_ = std::fopen(temp_path_.c_str(), "wbx");
    if (file_ == nullptr) {
      Error e = sys::LastError("open").Context(path);
      temp_path_.clear();
      return e;
    }
  }
  file_buffer_.resize(4 << 20);
  setvbuf(file_, file_buffer_.data(), _IOFBF, file_buffer_.size());
  return Ok();
}

Status QueryOutput::Write(const void* bytes, size_t n) {
  if (writer_) return writer_(bytes, n);
  if (std::fwrite(bytes, 1, n, file_) != n)
    return sys::LastError("write").Context(options_.write_file == "-" ? "standard output"
                                                                      : options_.write_file);
  return Ok();
}

Status QueryOutput::Begin(const std::vector<QueryInput>& inputs) {
  began_ = true;
  inputs_ = inputs;
  interfaces_.assign(inputs.size(), {});
  output_id_.assign(inputs.size(), {});
  std::set<uint32_t> link_types;
  uint32_t snaplen = 0;
  for (const QueryInput& in : inputs) {
    for (const IndexedInterface& i : in.interfaces) {
      link_types.insert(i.link_type);
      snaplen = std::max(snaplen, i.snaplen);
      if (i.ticks_per_second > 1000000) nano_ = true;
    }
  }
  if (!link_types.empty()) link_type_ = *link_types.begin();
  if (snaplen != 0) snaplen_ = std::max(snaplen, uint32_t(kPcapDefaultSnaplen));
  if (writing_ && !pcapng_ && link_types.size() > 1) {
    std::string names;
    for (uint32_t lt : link_types) names += (names.empty() ? "" : ", ") + LinkTypeName(lt);
    return Error("the files have different link types (" + names + "): a pcap file has one; use --pcapng",
                 Error::Kind::kBadArgument);
  }
  if (!writing_) return Ok();
  if (!pcapng_) return WritePcapHeader();
  PcapngSection section;
  section.application = "ringdump query";
  scratch_.resize(PcapngSectionHeaderSize(section));
  EncodePcapngSectionHeader(scratch_.data(), section);
  return Write(scratch_.data(), scratch_.size());
}

Status QueryOutput::WritePcapHeader() {
  uint8_t header[kPcapFileHeaderSize];
  EncodePcapFileHeader(header, LinkType(link_type_), snaplen_,
                       nano_ ? TimestampPrecision::kNano : TimestampPrecision::kMicro);
  return Write(header, sizeof header);
}

Status QueryOutput::OnOpen(size_t input, const std::vector<CaptureInterface>& interfaces) {
  interfaces_[input] = interfaces;
  output_id_[input].assign(interfaces.size(), -1);
  if (interfaces.empty() || writer_) return Ok();  // a pcapng file with no interface block before its packets
  const CaptureInterface& first = interfaces.front();
  std::fprintf(stderr, "reading from file %s, link-type %s", inputs_[input].path.c_str(),
               LinkTypeName(first.link_type).c_str());
  const char* description = pcap_datalink_val_to_description(first.dlt());
  if (description) std::fprintf(stderr, " (%s)", description);
  std::fprintf(stderr, ", snapshot length %u\n", first.snaplen);
  return Ok();
}

Status QueryOutput::WritePcapngInterface(size_t input, uint32_t interface) {
  const CaptureInterface& in = interfaces_[input][interface];
  PcapngInterface out;
  out.link_type = LinkType(in.link_type);
  out.snaplen = in.snaplen;
  out.precision = in.nano() ? TimestampPrecision::kNano : TimestampPrecision::kMicro;
  out.name = in.name;
  out.description = in.description;
  scratch_.resize(PcapngInterfaceDescriptionSize(out));
  EncodePcapngInterfaceDescription(scratch_.data(), out);
  output_id_[input][interface] = next_output_id_++;
  return Write(scratch_.data(), scratch_.size());
}

Result<bool> QueryOutput::OnPacket(const QueryPacket& p) {
  if (writing_) {
    const int64_t sec = p.ts_ns / 1000000000, nsec = p.ts_ns % 1000000000;
    if (pcapng_) {  // the interface block first: it is built in scratch_ too
      if (p.interface >= output_id_[p.input].size()) {
        interfaces_[p.input].resize(p.interface + 1);  // described after the seek point: keep the defaults
        output_id_[p.input].resize(p.interface + 1, -1);
      }
      if (output_id_[p.input][p.interface] < 0)
        RINGDUMP_TRY(WritePcapngInterface(p.input, p.interface), "pcapng");
    }
    scratch_.clear();
    if (!pcapng_) {
      Put32(scratch_, uint32_t(sec));
      Put32(scratch_, uint32_t(nano_ ? nsec : nsec / 1000));
      Put32(scratch_, p.caplen);
      Put32(scratch_, p.len);
    } else {
      const bool nano = interfaces_[p.input][p.interface].nano();
      const uint64_t ticks = nano ? uint64_t(p.ts_ns) : uint64_t(p.ts_ns / 1000);
      const uint32_t padded = (p.caplen + 3) & ~3u;
      const uint32_t total = 32 + padded + (p.epb_flags ? 12 : 0);
      Put32(scratch_, kPcapngEnhancedPacketBlock);
      Put32(scratch_, total);
      Put32(scratch_, uint32_t(output_id_[p.input][p.interface]));
      Put32(scratch_, uint32_t(ticks >> 32));
      Put32(scratch_, uint32_t(ticks));
      Put32(scratch_, p.caplen);
      Put32(scratch_, p.len);
    }
    RINGDUMP_TRY(Write(scratch_.data(), scratch_.size()), "packet");
    RINGDUMP_TRY(Write(p.data, p.caplen), "packet");
    if (pcapng_) {
      scratch_.assign((4 - p.caplen % 4) % 4, 0);
      if (p.epb_flags) {
        Put32(scratch_, 2 | (4u << 16));  // epb_flags, 4 bytes
        Put32(scratch_, p.epb_flags);
        Put32(scratch_, 0);  // opt_endofopt
      }
      Put32(scratch_, 32 + ((p.caplen + 3) & ~3u) + (p.epb_flags ? 12 : 0));
      RINGDUMP_TRY(Write(scratch_.data(), scratch_.size()), "packet");
    }
    if (options_.packet_buffered && file_ != nullptr) std::fflush(file_);
  }
  if (printing_) PrintPacket(p);
  ++packets_;
  return !(options_.count > 0 && packets_ >= uint64_t(options_.count));
}

void QueryOutput::PrintPacket(const QueryPacket& p) {
  const int dlt = p.interface < interfaces_[p.input].size() ? interfaces_[p.input][p.interface].dlt() : 1;
  auto& printer = printers_[dlt];
  if (!printer) {
    print::PrintOptions popts = MakePrintOptions(options_, dlt);
    popts.nano = options_.precision == TimestampPrecision::kNano;
    printer = std::make_unique<print::Printer>(popts, dlt, stdout);
  }
  PacketView v;
  v.data = p.data;
  v.caplen = p.caplen;
  v.len = p.len;
  v.sec = p.ts_ns / 1000000000;
  const uint32_t nsec = uint32_t(p.ts_ns % 1000000000);
  printer->PrintWithFraction(v, options_.precision == TimestampPrecision::kNano ? nsec : nsec / 1000);
}

Status QueryOutput::Commit() {
  if (!writing_) {
    std::fflush(stdout);
    return Ok();
  }
  if (!began_) RINGDUMP_TRY(Begin({}), "output");
  if (writer_) return Ok();
  if (std::fflush(file_) != 0) return sys::LastError("write").Context(options_.write_file);
  if (file_ == stdout) return Ok();
  if (::fsync(fileno(file_)) != 0) return sys::LastError("fsync").Context(options_.write_file);
  const int rc = std::fclose(file_);
  file_ = nullptr;
  if (rc != 0) return sys::LastError("close").Context(options_.write_file);
  if (std::rename(temp_path_.c_str(), options_.write_file.c_str()) != 0)
    return sys::LastError("rename " + temp_path_).Context(options_.write_file);
  temp_path_.clear();
  return Ok();
}

void QueryOutput::Discard() {
  if (file_ != nullptr && file_ != stdout) std::fclose(file_);
  file_ = nullptr;
  if (!temp_path_.empty()) ::unlink(temp_path_.c_str());
  temp_path_.clear();
}

int RunQueryToOutput(const std::vector<std::string>& files, const QueryOptions& query, QuerySink& sink,
                     QueryOutput& output, const std::string& context, QueryReport* report, bool* committed) {
  *committed = false;
  auto ran = RunQuery(files, query, sink);
  if (!ran.ok()) {
    output.Discard();
    return ReportError(std::move(ran).error().Context(context));
  }
  int status = 0;
  for (const Error& e : ran->file_errors) status = ReportError(Error(e).Context(context));
  if (Status s = output.Commit(); !s.ok()) {
    output.Discard();
    return ReportError(std::move(s).error().Context(context));
  }
  *report = std::move(ran).value();
  *committed = true;
  return status;
}

}  // namespace ringdump::cli
