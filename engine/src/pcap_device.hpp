// What libpcap says about a capture device, and the filter program it would run there.
//
// ringdump captures with its own sockets and rings, but asks libpcap — exactly as tcpdump does — to open the
// device once during setup: that yields tcpdump's error messages for a missing, down or forbidden device, the
// same link type (DLT) tcpdump would use, and the filter program libpcap itself would attach in the kernel
// (with its Linux fix-ups: VLAN tags read from packet metadata, cooked-mode offsets for "any"). The program is
// read back from libpcap's socket with SO_GET_FILTER and attached to ringdump's sockets; if libpcap had to
// filter in user space instead, ringdump does the same with pcap_offline_filter.
#pragma once

#include <linux/filter.h>
#include <pcap/pcap.h>

#include <memory>
#include <string>
#include <vector>

#include "ringdump/result.hpp"

namespace ringdump {

// A filter ready to use on ringdump's sockets.
struct DeviceFilter {
  std::vector<sock_filter> kernel_program;  // empty: no kernel filter (capture everything)
  bool needs_userspace = false;             // libpcap could not run it in the kernel
  std::shared_ptr<bpf_program> userspace_program;  // compiled for the record format we write
};

class PcapDevice {
 public:
  // Opens (activates) `name` the way tcpdump does; snaplen 0 means libpcap's default (262144).
  // `dlt` >= 0 selects a data link type (tcpdump -y); "any" gets LINUX_SLL2 as in tcpdump 4.99.
  static Result<PcapDevice> Open(const std::string& name, uint32_t snaplen, int dlt = -1);

  // The device name as libpcap knows it (an -i index resolved to its name).
  const std::string& name() const { return name_; }
  int dlt() const;
  uint32_t snaplen() const;

  // Compiles `expression` for this device: the kernel program libpcap attaches, or a user-space fallback.
  Result<DeviceFilter> CompileFilter(const std::string& expression, bool optimize) const;
  // tcpdump -d / -dd / -ddd: the compiled program as bpf_dump prints it.
  Result<std::string> DumpFilter(const std::string& expression, bool optimize, int level) const;

  // The devices tcpdump -D lists, one line each ("1.eth0 [Up, Running, Connected]").
  static Result<std::string> ListDevices();

 private:
  struct Closer {
    void operator()(pcap_t* p) const { pcap_close(p); }
  };
  PcapDevice(std::string name, pcap_t* handle) : name_(std::move(name)), handle_(handle) {}
  Result<std::shared_ptr<bpf_program>> Compile(const std::string& expression, bool optimize) const;

  std::string name_;
  std::unique_ptr<pcap_t, Closer> handle_;
};

// The pcap_pkthdr-free user-space check: compiled for `dlt`/`snaplen` with pcap_open_dead.
Result<std::shared_ptr<bpf_program>> CompileOfflineFilter(const std::string& expression, int dlt, uint32_t snaplen,
                                                          bool optimize);

}  // namespace ringdump
