// The -r command: open the file with libpcap at the requested timestamp precision, compile the filter
// with pcap_compile (netmask unknown, as tcpdump does for files), print tcpdump's "reading from file"
// line on stderr, then loop: each packet goes to the Printer and/or the -w output (libpcap's dumper, or the
// engine's writers for pcapng and -C file sets: read_output.hpp). Error messages and exit codes are
// tcpdump's, with ringdump's name in front.
#include "read_command.hpp"

#include <pcap/pcap.h>

#include <csignal>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

#include "capture_config.hpp"
#include "filter_file.hpp"
#include "print_options.hpp"
#include "print_sink.hpp"
#include "printer.hpp"
#include "read_output.hpp"
#include "report.hpp"

namespace ringdump::cli {
namespace {

constexpr const char* kProgram = "ringdump";

int Fail(const std::string& message) {
  fflush(stdout);
  fprintf(stderr, "%s: %s\n", kProgram, message.c_str());
  return 1;
}

struct LoopState {
  pcap_t* pd = nullptr;
  print::Printer* printer = nullptr;
  pcap_dumper_t* dumper = nullptr;
  ReadOutput* output = nullptr;  // instead of dumper: pcapng, -C file sets
  bool nano = false;
  bool output_stopped = false;   // the output took no more (a write failed)
  bool flush_each = false;
  int output_errno = 0;  // a write to stdout failed: the loop is broken off
  int dump_errno = 0;    // a write of the -w file failed: the same
};

void OnPacket(u_char* user, const struct pcap_pkthdr* h, const u_char* bytes) {
  auto* st = reinterpret_cast<LoopState*>(user);
  if (st->dumper) {
    errno = 0;
    pcap_dump(reinterpret_cast<u_char*>(st->dumper), h, bytes);
    if (st->flush_each) pcap_dump_flush(st->dumper);
    if (const int err = StreamWriteError(pcap_dump_file(st->dumper)); err != 0) {
      st->dump_errno = err;
      pcap_breakloop(st->pd);
    }
  }
  if (st->output && !st->output->Write(h, bytes, st->nano)) {
    st->output_stopped = true;
    pcap_breakloop(st->pd);
  }
  if (st->printer) {
    PacketView v;
    v.data = bytes;
    v.caplen = h->caplen;
    v.len = h->len;
    v.sec = h->ts.tv_sec;
    errno = 0;
    st->printer->PrintWithFraction(v, uint32_t(h->ts.tv_usec));
    if (const int err = StreamWriteError(stdout); err != 0) {
      st->output_errno = err;
      pcap_breakloop(st->pd);
    }
  }
}

}  // namespace

int RunReadCommand(const CliOptions& o) {
  // The file options a capture has work the same here (-C, -W, -z, pcapng), except -G: refused, not ignored.
  if (o.rotate_seconds > 0) return Fail("-G is not supported with -r (yet)");
  if (auto rotation = MakeRotationConfig(o); !rotation.ok()) return Fail(rotation.error().message());
  char ebuf[PCAP_ERRBUF_SIZE];
  bool nano = o.precision == TimestampPrecision::kNano;
  pcap_t* pd = pcap_open_offline_with_tstamp_precision(
      o.read_file.c_str(), nano ? PCAP_TSTAMP_PRECISION_NANO : PCAP_TSTAMP_PRECISION_MICRO, ebuf);
  if (pd == nullptr) return Fail(ebuf);
  struct Closer {
    pcap_t* p;
    ~Closer() { pcap_close(p); }
  } closer{pd};

  // tcpdump reports the file right after opening it, before the filter is compiled.
  int dlt = pcap_datalink(pd);
  const char* dlt_name = pcap_datalink_val_to_name(dlt);
  fprintf(stderr, "reading from file %s", o.read_file.c_str());
  if (dlt_name == nullptr) {
    fprintf(stderr, ", link-type %u", unsigned(dlt));
  } else {
    fprintf(stderr, ", link-type %s (%s)", dlt_name, pcap_datalink_val_to_description(dlt));
  }
  fprintf(stderr, ", snapshot length %d\n", pcap_snapshot(pd));
  if (dlt == DLT_LINUX_SLL2) fprintf(stderr, "Warning: interface names might be incorrect\n");

  auto expression = FilterExpression(o);
  if (!expression.ok()) return Fail(expression.error().message());
  const std::string& expr = expression.value();
  struct bpf_program fcode {};
  if (pcap_compile(pd, &fcode, expr.c_str(), o.dont_optimize ? 0 : 1, PCAP_NETMASK_UNKNOWN) < 0) {
    return Fail(pcap_geterr(pd));
  }
  if (pcap_setfilter(pd, &fcode) < 0) {
    pcap_freecode(&fcode);
    return Fail(pcap_geterr(pd));
  }
  pcap_freecode(&fcode);

  bool printing = o.write_file.empty() || o.print_while_writing;
  pcap_dumper_t* dumper = nullptr;
  std::unique_ptr<ReadOutput> output;
  if (ReadOutput::Wanted(o)) {
    auto opened = ReadOutput::Open(o, dlt, static_cast<uint32_t>(pcap_snapshot(pd)));
    if (!opened.ok()) return Fail(opened.error().message());
    output = std::move(opened).value();
  } else if (!o.write_file.empty()) {
    dumper = pcap_dump_open(pd, o.write_file.c_str());
    if (dumper == nullptr) return Fail(pcap_geterr(pd));
  }
  if (o.line_buffered) setvbuf(stdout, nullptr, _IOLBF, 0);

  print::PrintOptions popts = MakePrintOptions(o, dlt);
  popts.nano = nano;
  print::Printer printer(popts, dlt, stdout);
  LoopState st;
  st.printer = printing ? &printer : nullptr;
  st.dumper = dumper;
  st.output = output.get();
  st.nano = nano;
  st.flush_each = o.packet_buffered;
  int cnt = o.count > 0 ? int(o.count) : -1;
  // As tcpdump (which catches SIGPIPE to break its loop): a closed pipe fails the next write, which ends the
  // loop with tcpdump's "Unable to write output: Broken pipe" and its exit status 14, instead of a kill.
  signal(SIGPIPE, SIG_IGN);
  st.pd = pd;
  int status = pcap_loop(pd, cnt, OnPacket, reinterpret_cast<u_char*>(&st));
  if (st.output_errno == 0 && printing) {
    errno = 0;
    fflush(stdout);
    st.output_errno = StreamWriteError(stdout);
  }
  if (dumper) {
    if (st.dump_errno == 0 && pcap_dump_flush(dumper) != 0) st.dump_errno = errno != 0 ? errno : EIO;
    pcap_dump_close(dumper);
  }
  // -w - into a pipe whose reader has gone: as tcpdump (its SIGPIPE handler breaks the loop), the reader
  // chose to stop, exit 0. Any other failed write (a full disk) is an error, not a silently short file.
  if (st.dump_errno != 0 && st.dump_errno != EPIPE)
    return Fail(o.write_file + ": " + strerror(st.dump_errno));
  if (output) {
    if (Status finished = output->Finish(); !finished.ok()) return Fail(finished.error().message());
  }
  if (st.output_errno != 0) return ReportError(OutputError(st.output_errno));
  if (status == -1) {
    fprintf(stderr, "%s: pcap_loop: %s\n", kProgram, pcap_geterr(pd));
    return 1;
  }
  return 0;
}

}  // namespace ringdump::cli
