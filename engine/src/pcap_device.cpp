// PcapDevice: tcpdump's way of opening a device (errors, link type), and the kernel filter libpcap builds.
#include "pcap_device.hpp"

#include <sys/socket.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "sys/errors.hpp"

namespace ringdump {
namespace {

constexpr uint32_t kDefaultSnaplen = 262144;

struct PcapFreeCode {
  void operator()(bpf_program* p) const {
    pcap_freecode(p);
    delete p;
  }
};

// tcpdump's wording for pcap_activate() failures (open_interface() in tcpdump.c).
Error ActivateError(const std::string& device, int status, const char* detail) {
  std::string cp = detail ? detail : "";
  Error::Kind kind = Error::Kind::kGeneric;
  if (status == PCAP_ERROR_NO_SUCH_DEVICE) kind = Error::Kind::kNoSuchDevice;
  if (status == PCAP_ERROR_PERM_DENIED) kind = Error::Kind::kPermission;
  if (status == PCAP_ERROR_IFACE_NOT_UP) kind = Error::Kind::kDeviceDown;
  if (status == PCAP_ERROR_PERM_DENIED)  // tcpdump's two lines, then what would fix it
    return Error(device + ": " + pcap_statustostr(status) + "\n(" + cp +
                     ")\n(capturing needs the CAP_NET_RAW capability: run as root, or give the binary "
                     "cap_net_raw,cap_net_admin with setcap)",
                 kind);
  if (status == PCAP_ERROR) return Error(cp, kind);
  if (status == PCAP_ERROR_NO_SUCH_DEVICE && !cp.empty())
    return Error(device + ": " + pcap_statustostr(status) + "\n(" + cp + ")", kind);
  return Error(device + ": " + pcap_statustostr(status), kind);
}

// tcpdump treats a purely numeric -i as a 1-based index into pcap_findalldevs().
long ParseInterfaceNumber(const std::string& name) {
  if (name.empty()) return -1;
  char* end = nullptr;
  long n = std::strtol(name.c_str(), &end, 10);
  return (*end == '\0' && n > 0) ? n : -1;
}

Result<std::string> FindInterfaceByNumber(long number) {
  char ebuf[PCAP_ERRBUF_SIZE];
  pcap_if_t* devices = nullptr;
  if (pcap_findalldevs(&devices, ebuf) < 0) return Error(ebuf);
  std::string found;
  long i = 1;
  for (pcap_if_t* d = devices; d != nullptr; d = d->next, ++i)
    if (i == number) found = d->name;
  pcap_freealldevs(devices);
  if (found.empty()) return Error("Invalid adapter index", Error::Kind::kNoSuchDevice);
  return found;
}

Result<pcap_t*> Activate(const std::string& name, uint32_t snaplen, int dlt) {
  char ebuf[PCAP_ERRBUF_SIZE] = {};
  pcap_t* p = pcap_create(name.c_str(), ebuf);
  if (p == nullptr) return Error(ebuf, Error::Kind::kNoSuchDevice);
  pcap_set_snaplen(p, static_cast<int>(snaplen == 0 ? kDefaultSnaplen : snaplen));
  pcap_set_promisc(p, 0);
  pcap_set_buffer_size(p, 64 * 1024);  // this socket only answers questions: keep its ring small
  pcap_set_timeout(p, 100);
  int status = pcap_activate(p);
  if (status < 0) {
    Error error = ActivateError(name, status, pcap_geterr(p));
    pcap_close(p);
    return error;
  }
  if (dlt >= 0) {
    if (pcap_set_datalink(p, dlt) < 0) {
      Error error(pcap_geterr(p), Error::Kind::kBadArgument);
      pcap_close(p);
      return error;
    }
  } else if (name == "any") {
    (void)pcap_set_datalink(p, DLT_LINUX_SLL2);  // tcpdump 4.99's default for "any"
  }
  return p;
}

}  // namespace

Result<PcapDevice> PcapDevice::Open(const std::string& name, uint32_t snaplen, int dlt) {
  auto handle = Activate(name, snaplen, dlt);
  if (handle.ok()) return PcapDevice(name, handle.value());
  // As tcpdump: a name that is not a device but a number is an index into the -D list.
  long number = ParseInterfaceNumber(name);
  if (handle.error().kind() != Error::Kind::kNoSuchDevice || number < 0) return std::move(handle).error();
  auto resolved = FindInterfaceByNumber(number);
  if (!resolved.ok()) return std::move(resolved).error();
  auto by_number = Activate(resolved.value(), snaplen, dlt);
  if (!by_number.ok()) return std::move(by_number).error();
  return PcapDevice(resolved.value(), by_number.value());
}

int PcapDevice::dlt() const { return pcap_datalink(handle_.get()); }
uint32_t PcapDevice::snaplen() const { return static_cast<uint32_t>(pcap_snapshot(handle_.get())); }

Result<std::shared_ptr<bpf_program>> PcapDevice::Compile(const std::string& expression, bool optimize) const {
  std::shared_ptr<bpf_program> program(new bpf_program{}, PcapFreeCode{});
  if (pcap_compile(handle_.get(), program.get(), expression.c_str(), optimize ? 1 : 0, PCAP_NETMASK_UNKNOWN) < 0)
    return Error(pcap_geterr(handle_.get()), Error::Kind::kBadFilter);
  return program;
}

Result<DeviceFilter> PcapDevice::CompileFilter(const std::string& expression, bool optimize) const {
  DeviceFilter filter;
  if (expression.empty()) return filter;
  auto program = Compile(expression, optimize);
  if (!program.ok()) return std::move(program).error();
  if (pcap_setfilter(handle_.get(), program.value().get()) < 0)
    return Error(pcap_geterr(handle_.get()), Error::Kind::kBadFilter);

  // Read back what libpcap attached to its own socket: that is the program to run in the kernel.
  int fd = pcap_fileno(handle_.get());
  socklen_t count = 0;
  if (getsockopt(fd, SOL_SOCKET, SO_GET_FILTER, nullptr, &count) < 0)
    return sys::LastError("SO_GET_FILTER");
  if (count == 0) {
    // libpcap filters in user space on this device; do as it does, on the records we build.
    auto offline = CompileOfflineFilter(expression, dlt(), snaplen(), optimize);
    if (!offline.ok()) return std::move(offline).error();
    filter.needs_userspace = true;
    filter.userspace_program = offline.value();
    return filter;
  }
  filter.kernel_program.resize(count);
  if (getsockopt(fd, SOL_SOCKET, SO_GET_FILTER, filter.kernel_program.data(), &count) < 0)
    return sys::LastError("SO_GET_FILTER");
  filter.kernel_program.resize(count);
  return filter;
}

Result<std::string> PcapDevice::DumpFilter(const std::string& expression, bool optimize, int level) const {
  auto program = Compile(expression, optimize);
  if (!program.ok()) return std::move(program).error();
  // bpf_dump() prints to stdout; capture it through a memory stream so the caller decides where it goes.
  char* text = nullptr;
  size_t size = 0;
  FILE* mem = open_memstream(&text, &size);
  if (mem == nullptr) return sys::LastError("open_memstream");
  const bpf_program* p = program.value().get();
  const bpf_insn* insn = p->bf_insns;
  int n = static_cast<int>(p->bf_len);
  if (level > 2) {
    std::fprintf(mem, "%d\n", n);
    for (int i = 0; i < n; ++i) std::fprintf(mem, "%u %u %u %u\n", insn[i].code, insn[i].jt, insn[i].jf, insn[i].k);
  } else if (level > 1) {
    for (int i = 0; i < n; ++i)
      std::fprintf(mem, "{ 0x%x, %d, %d, 0x%08x },\n", insn[i].code, insn[i].jt, insn[i].jf, insn[i].k);
  } else {
    for (int i = 0; i < n; ++i) std::fprintf(mem, "%s\n", bpf_image(&insn[i], i));
  }
  std::fclose(mem);
  std::string out(text, size);
  std::free(text);
  return out;
}

Result<std::string> PcapDevice::ListDevices() {
  char ebuf[PCAP_ERRBUF_SIZE];
  pcap_if_t* devices = nullptr;
  if (pcap_findalldevs(&devices, ebuf) < 0) return Error(ebuf);
  std::string out;
  int i = 1;
  for (pcap_if_t* d = devices; d != nullptr; d = d->next, ++i) {
    out += std::to_string(i) + "." + d->name;
    if (d->description != nullptr) out += std::string(" (") + d->description + ")";
    if (d->flags != 0) {
      std::string flags;
      auto add = [&](bpf_u_int32 bit, const char* word) {
        if ((d->flags & bit) == 0) return;
        if (!flags.empty()) flags += ", ";
        flags += word;
      };
      add(PCAP_IF_UP, "Up");
      add(PCAP_IF_RUNNING, "Running");
      add(PCAP_IF_LOOPBACK, "Loopback");
      add(PCAP_IF_WIRELESS, "Wireless");
      out += " [" + (flags.empty() ? std::string("none") : flags);
      bpf_u_int32 status = d->flags & PCAP_IF_CONNECTION_STATUS;
      bool wireless = (d->flags & PCAP_IF_WIRELESS) != 0;
      if (status == PCAP_IF_CONNECTION_STATUS_UNKNOWN)
        out += wireless ? ", Association status unknown" : ", Connection status unknown";
      else if (status == PCAP_IF_CONNECTION_STATUS_CONNECTED)
        out += wireless ? ", Associated" : ", Connected";
      else if (status == PCAP_IF_CONNECTION_STATUS_DISCONNECTED)
        out += wireless ? ", Not associated" : ", Disconnected";
      out += "]";
    }
    out += "\n";
  }
  pcap_freealldevs(devices);
  return out;
}

Result<std::shared_ptr<bpf_program>> CompileOfflineFilter(const std::string& expression, int dlt, uint32_t snaplen,
                                                          bool optimize) {
  pcap_t* dead = pcap_open_dead(dlt, static_cast<int>(snaplen == 0 ? kDefaultSnaplen : snaplen));
  if (dead == nullptr) return Error("pcap_open_dead failed");
  std::shared_ptr<bpf_program> program(new bpf_program{}, PcapFreeCode{});
  int rc = pcap_compile(dead, program.get(), expression.c_str(), optimize ? 1 : 0, PCAP_NETMASK_UNKNOWN);
  Error error(rc < 0 ? pcap_geterr(dead) : "", Error::Kind::kBadFilter);
  pcap_close(dead);
  if (rc < 0) return error;
  return program;
}

}  // namespace ringdump
