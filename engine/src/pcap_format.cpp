// Encoding of pcap global and record headers (see pcap_format.hpp). memcpy of host-order integers: the
// compiler turns each into one store, and there are no alignment assumptions about `out`.
#include "pcap_format.hpp"

#include <cstring>

namespace ringdump {
namespace {

template <typename T>
uint8_t* Put(uint8_t* out, T value) {
  std::memcpy(out, &value, sizeof(value));
  return out + sizeof(value);
}

}  // namespace

uint32_t PcapMagic(TimestampPrecision precision) {
  return precision == TimestampPrecision::kNano ? kPcapMagicNano : kPcapMagicMicro;
}

uint8_t* EncodePcapFileHeader(uint8_t* out, LinkType link_type, uint32_t snaplen,
                              TimestampPrecision precision) {
  out = Put<uint32_t>(out, PcapMagic(precision));
  out = Put<uint16_t>(out, kPcapVersionMajor);
  out = Put<uint16_t>(out, kPcapVersionMinor);
  out = Put<int32_t>(out, 0);   // thiszone: timestamps are UTC
  out = Put<uint32_t>(out, 0);  // sigfigs
  out = Put<uint32_t>(out, snaplen == 0 ? kPcapDefaultSnaplen : snaplen);
  return Put<uint32_t>(out, static_cast<uint32_t>(link_type));
}

uint8_t* EncodePcapRecordHeader(uint8_t* out, const PacketView& packet, TimestampPrecision precision) {
  const uint32_t fraction = precision == TimestampPrecision::kNano ? packet.nsec : packet.nsec / 1000;
  // The format has 32 bits of seconds; libpcap stores the low 32 bits as well.
  out = Put<uint32_t>(out, static_cast<uint32_t>(packet.sec));
  out = Put<uint32_t>(out, fraction);
  out = Put<uint32_t>(out, packet.caplen);
  return Put<uint32_t>(out, packet.len);
}

uint8_t* EncodePcapRecord(uint8_t* out, const PacketView& packet, TimestampPrecision precision) {
  out = EncodePcapRecordHeader(out, packet, precision);
  if (packet.caplen != 0) std::memcpy(out, packet.data, packet.caplen);
  return out + packet.caplen;
}

}  // namespace ringdump
