// Harness: a whole capture file (pcap or pcapng, as libpcap's reader sees it for `ringdump -r`) read with
// pcap_fopen_offline and every record handed to the Printer, as read_command.cpp does. The display flags come
// from the last bytes of the input, so the file's own header stays at offset 0 where the seeds put it.
#include <pcap/pcap.h>

#include <cstdint>
#include <cstdio>

#include "fuzz_options.hpp"
#include "printer.hpp"

namespace {

struct State {
  ringdump::print::Printer* printer;
};

void OnPacket(u_char* user, const pcap_pkthdr* h, const u_char* bytes) {
  auto* st = reinterpret_cast<State*>(user);
  ringdump::PacketView v;
  v.data = bytes;
  v.caplen = h->caplen;
  v.len = h->len;
  v.sec = h->ts.tv_sec;
  st->printer->PrintWithFraction(v, uint32_t(h->ts.tv_usec));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < ringdump::fuzz::kOptionBytes + 24) return 0;
  const uint8_t* opt = data + size - ringdump::fuzz::kOptionBytes;
  ringdump::print::PrintOptions popts = ringdump::fuzz::OptionsFrom(opt);
  size -= ringdump::fuzz::kOptionBytes;

  FILE* f = fmemopen(const_cast<uint8_t*>(data), size, "rb");
  if (f == nullptr) return 0;
  char ebuf[PCAP_ERRBUF_SIZE];
  pcap_t* pd = pcap_fopen_offline_with_tstamp_precision(
      f, popts.nano ? PCAP_TSTAMP_PRECISION_NANO : PCAP_TSTAMP_PRECISION_MICRO, ebuf);
  if (pd == nullptr) {
    fclose(f);
    return 0;
  }
  {
    ringdump::print::Printer printer(popts, pcap_datalink(pd), ringdump::fuzz::NullOut());
    State st{&printer};
    pcap_loop(pd, 4096, OnPacket, reinterpret_cast<u_char*>(&st));
  }
  pcap_close(pd);  // closes f
  return 0;
}
