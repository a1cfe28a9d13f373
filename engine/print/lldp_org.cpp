// LLDP's organisation-specific TLVs as print-lldp.c decodes them: IEEE 802.1 (PVID, protocol VLAN,
// VLAN name, protocol identity, link aggregation, and the DCB TLVs: congestion notification, ETS, PFC,
// application priority, EVB, CDCP), IEEE 802.3 (MAC/PHY, power via MDI, aggregation, max frame size)
// and TIA LLDP-MED (capabilities, network policy, location, extended power, inventory).
#include "lldp.hpp"

namespace ringdump::print {
namespace {

constexpr Tok k8021Subtypes[] = {{1, "Port VLAN Id"},
                                 {2, "Port and Protocol VLAN ID"},
                                 {3, "VLAN name"},
                                 {4, "Protocol Identity"},
                                 {7, "Link aggregation"},
                                 {8, "Congestion Notification"},
                                 {9, "ETS Configuration"},
                                 {10, "ETS Recommendation"},
                                 {11, "Priority Flow Control Configuration"},
                                 {12, "Application Priority"},
                                 {13, "EVB"},
                                 {14, "CDCP"}};
constexpr Tok kProtoVlanFlags[] = {{1 << 1, "supported"}, {1 << 2, "enabled"}};
constexpr Tok k8023Subtypes[] = {
    {1, "MAC/PHY configuration/status"}, {2, "Power via MDI"}, {3, "Link aggregation"}, {4, "Max frame size"}};
constexpr Tok kTiaSubtypes[] = {{1, "LLDP-MED Capabilities"},
                                {2, "Network policy"},
                                {3, "Location identification"},
                                {4, "Extended power-via-MDI"},
                                {5, "Inventory - hardware revision"},
                                {6, "Inventory - firmware revision"},
                                {7, "Inventory - software revision"},
                                {8, "Inventory - serial number"},
                                {9, "Inventory - manufacturer name"},
                                {10, "Inventory - model name"},
                                {11, "Inventory - asset ID"}};
constexpr Tok kAltitudeTypes[] = {{1, "meters"}, {2, "floors"}};
constexpr Tok kCaTypes[] = {{1, "national subdivisions (state,canton,region,province,prefecture)"},
                            {2, "county, parish, gun, district"},
                            {3, "city, township, shi"},
                            {4, "city division, borough, city district, ward chou"},
                            {5, "neighborhood, block"},
                            {6, "street"}};
constexpr Tok kLciWhat[] = {{0, "location of DHCP server"},
                            {1, "location of the network element believed to be closest to the client"},
                            {2, "location of the client"}};
constexpr Tok kMauTypes[] = {
    {0, "Unknown"},          {1, "AUI"},           {2, "10BASE_5"},      {3, "FOIRL"},
    {4, "10BASE2"},          {5, "10BASET duplex mode unknown"},         {6, "10BASEFP"},
    {7, "10BASEFB"},         {8, "10BASEFL duplex mode unknown"},        {9, "10BROAD36"},
    {10, "10BASET hdx"},     {11, "10BASET fdx"},  {12, "10BASEFL hdx"}, {13, "10BASEFL fdx"},
    {14, "100BASET4"},       {15, "100BASETX hdx"}, {16, "100BASETX fdx"}, {17, "100BASEFX hdx"},
    {18, "100BASEFX fdx"},   {19, "100BASET2 hdx"}, {20, "100BASET2 fdx"}, {21, "1000BASEX hdx"},
    {22, "1000BASEX fdx"},   {23, "1000BASELX hdx"}, {24, "1000BASELX fdx"}, {25, "1000BASESX hdx"},
    {26, "1000BASESX fdx"},  {27, "1000BASECX hdx"}, {28, "1000BASECX fdx"}, {29, "1000BASET hdx"},
    {30, "1000BASET fdx"},   {31, "10GBASEX"},      {32, "10GBASELX4"},    {33, "10GBASER"},
    {34, "10GBASEER"},       {35, "10GBASELR"},     {36, "10GBASESR"},     {37, "10GBASEW"},
    {38, "10GBASEEW"},       {39, "10GBASELW"},     {40, "10GBASESW"}};
constexpr Tok kAutoneg[] = {{1 << 0, "supported"}, {1 << 1, "enabled"}};
constexpr Tok kTiaCaps[] = {{1 << 0, "LLDP-MED capabilities"},      {1 << 1, "network policy"},
                            {1 << 2, "location identification"},    {1 << 3, "extended power via MDI-PSE"},
                            {1 << 4, "extended power via MDI-PD"},  {1 << 5, "Inventory"}};
constexpr Tok kTiaDeviceTypes[] = {
    {1, "endpoint class 1"}, {2, "endpoint class 2"}, {3, "endpoint class 3"}, {4, "network connectivity"}};
constexpr Tok kTiaAppTypes[] = {{1, "voice"},           {2, "voice signaling"},    {3, "guest voice"},
                                {4, "guest voice signaling"}, {5, "softphone voice"}, {6, "video conferencing"},
                                {7, "streaming video"}, {8, "video signaling"}};
constexpr Tok kTiaPolicyBits[] = {{1 << 7, "Unknown"}, {1 << 6, "Tagged"}, {1 << 5, "reserved"}};
constexpr Tok kTiaLocFormats[] = {{1, "coordinate-based LCI"}, {2, "civic address LCI"}, {3, "ECS ELIN"}};
constexpr Tok kTiaDatums[] = {{1, "World Geodesic System 1984"},
                              {2, "North American Datum 1983 (NAVD88)"},
                              {3, "North American Datum 1983 (MLLW)"}};
constexpr Tok kTiaPowerSources[] = {
    {1, "PSE - primary power source"}, {2, "local - backup power source"}, {3, "PSE+local - reserved"}};
constexpr Tok kTiaPowerPriorities[] = {{1, "critical"}, {2, "high"}, {3, "low"}};
constexpr Tok kTiaInventory[] = {{5, "Hardware revision"}, {6, "Firmware revision"}, {7, "Software revision"},
                                 {8, "Serial number"},     {9, "Manufacturer name"}, {10, "Model name"},
                                 {11, "Asset ID"}};
constexpr Tok kPmdCaps[] = {{1 << 14, "10BASE-T hdx"},
                            {1 << 13, "10BASE-T fdx"},
                            {1 << 12, "100BASE-T4"},
                            {1 << 11, "100BASE-TX hdx"},
                            {1 << 10, "100BASE-TX fdx"},
                            {1 << 9, "100BASE-T2 hdx"},
                            {1 << 8, "100BASE-T2 fdx"},
                            {1 << 7, "Pause for fdx links"},
                            {1 << 6, "Asym PAUSE for fdx"},
                            {1 << 5, "Sym PAUSE for fdx"},
                            {1 << 4, "Asym and Sym PAUSE for fdx"},
                            {1 << 3, "1000BASE-{X LX SX CX} hdx"},
                            {1 << 2, "1000BASE-{X LX SX CX} fdx"},
                            {1 << 1, "1000BASE-T hdx"},
                            {1 << 0, "1000BASE-T fdx"}};
constexpr Tok kMdi[] = {{1 << 0, "PSE"}, {1 << 1, "supported"}, {1 << 2, "enabled"}, {1 << 3, "can be controlled"}};
constexpr Tok kMdiPairs[] = {{1, "signal"}, {2, "spare"}};
constexpr Tok kMdiClasses[] = {{1, "class0"}, {2, "class1"}, {3, "class2"}, {4, "class3"}, {5, "class4"}};
constexpr Tok kAggregation[] = {{1 << 0, "supported"}, {1 << 1, "enabled"}};
constexpr Tok kEvbModes[] = {
    {0, "Not Supported"}, {1, "EVB Bridge"}, {2, "EVB Station"}, {3, "Reserved for future Standardization"}};

void Subtype(Nd& nd, const Tok* t, size_t n, uint8_t subtype) {
  nd.out.S("\n\t  ");
  Tok2Str(nd, t, n, "unknown", subtype);
  nd.out.F(" Subtype (%u)", subtype);
}

void BitRow(Nd& nd, uint8_t v) {
  nd.out.S("\n\t     Priority : 0  1  2  3  4  5  6  7");
  nd.out.S("\n\t     Value    : ");
  for (int i = 0; i < 8; i++) nd.out.F("%-2d ", (v >> i) & 1);
}

void Row8(Nd& nd, const uint8_t* p) {
  for (int i = 0; i < 8; i++) nd.out.F(i ? " %-3d" : "%-3d", nd.U8(p + i));
}

// The three ETS tables (priority assignment, TC bandwidth, TSA) at p.
void EtsTables(Nd& nd, const uint8_t* p) {
  nd.out.S("\n\t    Priority Assignment Table");
  nd.out.S("\n\t     Priority : 0   1   2   3   4   5   6   7");
  nd.out.S("\n\t     Value    : ");
  for (int i = 0; i < 4; i++) nd.out.F(i ? " %-3d %-3d" : "%-3d %-3d", nd.U8(p + i) >> 4, nd.U8(p + i) & 0x0f);
  nd.out.S("\n\t    TC Bandwidth Table");
  nd.out.S("\n\t     TC%   : 0   1   2   3   4   5   6   7");
  nd.out.S("\n\t     Value : ");
  Row8(nd, p + 4);
  nd.out.S("\n\t    TSA Assignment Table");
  nd.out.S("\n\t     Traffic Class: 0   1   2   3   4   5   6   7");
  nd.out.S("\n\t     Value        : ");
  Row8(nd, p + 12);
}

void AggregationLine(Nd& nd, const uint8_t* p) {
  nd.out.S("\n\t    aggregation status [");
  BitTok2Str(nd, kAggregation, "none", nd.U8(p + 4));
  nd.out.F("], aggregation port ID %u", nd.Be32(p + 5));
}

}  // namespace

bool Lldp8021Print(Nd& nd, const uint8_t* p, uint32_t len) {
  if (len < 4) return false;
  uint8_t subtype = nd.U8(p + 3);
  Subtype(nd, k8021Subtypes, std::size(k8021Subtypes), subtype);
  switch (subtype) {
    case 1:
      if (len < 6) return false;
      nd.out.F("\n\t    port vlan id (PVID): %u", nd.Be16(p + 4));
      break;
    case 2:
      if (len < 7) return false;
      nd.out.F("\n\t    port and protocol vlan id (PPVID): %u, flags [", nd.Be16(p + 5));
      BitTok2Str(nd, kProtoVlanFlags, "none", nd.U8(p + 4));
      nd.out.F("] (0x%02x)", nd.U8(p + 4));
      break;
    case 3: {
      if (len < 6) return false;
      nd.out.F("\n\t    vlan id (VID): %u", nd.Be16(p + 4));
      if (len < 7) return false;
      uint32_t sublen = nd.U8(p + 6);
      if (len < 7 + sublen) return false;
      nd.out.S("\n\t    vlan name: ");
      PrintStringN(nd, p + 7, sublen);
      break;
    }
    case 4: {
      if (len < 5) return false;
      uint32_t sublen = nd.U8(p + 4);
      if (len < 5 + sublen) return false;
      nd.out.S("\n\t    protocol identity: ");
      PrintStringN(nd, p + 5, sublen);
      break;
    }
    case 7:
      if (len < 9) return false;
      AggregationLine(nd, p);
      break;
    case 8:
      if (len < 6) return false;
      nd.out.S("\n\t    Pre-Priority CNPV Indicator");
      BitRow(nd, nd.U8(p + 4));
      nd.out.S("\n\t    Pre-Priority Ready Indicator");
      BitRow(nd, nd.U8(p + 5));
      break;
    case 9: {
      if (len < 25) return false;
      uint8_t t = nd.U8(p + 4);
      nd.out.F("\n\t    Willing:%u, CBS:%u, RES:%u, Max TCs:%u", t >> 7, (t >> 6) & 0x02, (t >> 3) & 0x07,
               t & 0x07);
      EtsTables(nd, p + 5);
      break;
    }
    case 10:
      if (len < 25) return false;
      nd.out.F("\n\t    RES: %u", nd.U8(p + 4));
      EtsTables(nd, p + 5);
      break;
    case 11: {
      if (len < 6) return false;
      uint8_t t = nd.U8(p + 4);
      nd.out.F("\n\t    Willing: %u, MBC: %u, RES: %u, PFC cap:%u ", t >> 7, (t >> 6) & 0x01, (t >> 4) & 0x03,
               t & 0x0f);
      nd.out.S("\n\t    PFC Enable");
      BitRow(nd, nd.U8(p + 5));
      break;
    }
    case 12: {
      if (len < 5) return false;
      nd.out.F("\n\t    RES: %u", nd.U8(p + 4));
      if (len <= 5) return false;
      uint32_t sublen = len - 5;
      if (sublen % 3 != 0) return false;
      nd.out.S("\n\t    Application Priority Table");
      for (uint32_t i = 0; i < sublen; i += 3) {
        uint8_t t = nd.U8(p + i + 5);
        nd.out.F("\n\t      Priority: %u, RES: %u, Sel: %u, Protocol ID: %u", t >> 5, (t >> 3) & 0x03, t & 0x07,
                 nd.Be16(p + i + 6));
      }
      break;
    }
    case 13: {
      if (len < 9) return false;
      nd.out.S("\n\t    EVB Bridge Status");
      uint8_t t = nd.U8(p + 4);
      nd.out.F("\n\t      RES: %u, BGID: %u, RRCAP: %u, RRCTR: %u", t >> 3, (t >> 2) & 1, (t >> 1) & 1, t & 1);
      nd.out.S("\n\t    EVB Station Status");
      t = nd.U8(p + 5);
      nd.out.F("\n\t      RES: %u, SGID: %u, RRREQ: %u,RRSTAT: %u", t >> 4, (t >> 3) & 1, (t >> 2) & 1, t & 3);
      t = nd.U8(p + 6);
      nd.out.F("\n\t    R: %u, RTE: %u, ", t >> 5, t & 0x1f);
      t = nd.U8(p + 7);
      nd.out.S("EVB Mode: ");
      Tok2Str(nd, kEvbModes, "unknown", t >> 6);
      nd.out.F(" [%u]", t >> 6);
      nd.out.F("\n\t    ROL: %u, RWD: %u, ", (t >> 5) & 1, t & 0x1f);
      t = nd.U8(p + 8);
      nd.out.F("RES: %u, ROL: %u, RKA: %u", t >> 6, (t >> 5) & 1, t & 0x1f);
      break;
    }
    case 14: {
      if (len < 8) return false;
      uint8_t t = nd.U8(p + 4);
      nd.out.F("\n\t    Role: %u, RES: %u, Scomp: %u ", t >> 7, (t >> 4) & 7, (t >> 3) & 1);
      nd.out.F("ChnCap: %u", nd.Be16(p + 6) & 0x0fff);
      uint32_t sublen = len - 8;
      if (sublen % 3 != 0) return false;
      for (uint32_t i = 0; i < sublen; i += 3) {
        uint32_t v = nd.Be24(p + i + 8);
        nd.out.F("\n\t    SCID: %u, SVID: %u", v >> 12, v & 0xfff);
      }
      break;
    }
    default:
      return true;
  }
  return false;
}

bool Lldp8023Print(Nd& nd, const uint8_t* p, uint32_t len) {
  if (len < 4) return false;
  uint8_t subtype = nd.U8(p + 3);
  Subtype(nd, k8023Subtypes, std::size(k8023Subtypes), subtype);
  switch (subtype) {
    case 1: {
      if (len < 9) return false;
      nd.out.S("\n\t    autonegotiation [");
      BitTok2Str(nd, kAutoneg, "none", nd.U8(p + 4));
      nd.out.F("] (0x%02x)", nd.U8(p + 4));
      uint16_t pmd = nd.Be16(p + 5), mau = nd.Be16(p + 7);
      nd.out.S("\n\t    PMD autoneg capability [");
      BitTok2Str(nd, kPmdCaps, "unknown", pmd);
      nd.out.F("] (0x%04x)", pmd);
      nd.out.S("\n\t    MAU type ");
      Tok2Str(nd, kMauTypes, "unknown", mau);
      nd.out.F(" (0x%04x)", mau);
      break;
    }
    case 2:
      if (len < 7) return false;
      nd.out.S("\n\t    MDI power support [");
      BitTok2Str(nd, kMdi, "none", nd.U8(p + 4));
      nd.out.S("], power pair ");
      Tok2Str(nd, kMdiPairs, "unknown", nd.U8(p + 5));
      nd.out.S(", power class ");
      Tok2Str(nd, kMdiClasses, "unknown", nd.U8(p + 6));
      break;
    case 3:
      if (len < 9) return false;
      AggregationLine(nd, p);
      break;
    case 4:
      if (len < 6) return false;
      nd.out.F("\n\t    MTU size %u", nd.Be16(p + 4));
      break;
    default:
      return true;
  }
  return false;
}

namespace {

uint64_t LatLon(Nd& nd, const uint8_t* p) { return uint64_t(nd.U8(p) & 3) << 32 | nd.Be32(p + 1); }

// The location identification TLV; false where tcpdump returns (without a dump).
void TiaLocation(Nd& nd, const uint8_t* p, uint32_t len) {
  if (len < 5) return;
  uint8_t format = nd.U8(p + 4);
  nd.out.S("\n\t    Location data format ");
  Tok2Str(nd, kTiaLocFormats, "unknown", format);
  nd.out.F(" (0x%02x)", format);
  switch (format) {
    case 1:
      if (len < 21) return;
      nd.out.F("\n\t    Latitude resolution %u, latitude value %llu", nd.U8(p + 5) >> 2,
               (unsigned long long)LatLon(nd, p + 5));
      nd.out.F("\n\t    Longitude resolution %u, longitude value %llu", nd.U8(p + 10) >> 2,
               (unsigned long long)LatLon(nd, p + 10));
      nd.out.S("\n\t    Altitude type ");
      Tok2Str(nd, kAltitudeTypes, "unknown", nd.U8(p + 15) >> 4);
      nd.out.F(" (%u)", nd.U8(p + 15) >> 4);
      nd.out.F("\n\t    Altitude resolution %u, altitude value 0x%x", (nd.Be16(p + 15) >> 6) & 0x3f,
               nd.Be32(p + 16) & 0x3fffffff);
      nd.out.S("\n\t    Datum ");
      Tok2Str(nd, kTiaDatums, "unknown", nd.U8(p + 20));
      nd.out.F(" (0x%02x)", nd.U8(p + 20));
      break;
    case 2: {
      if (len < 6) return;
      uint32_t lci_len = nd.U8(p + 5);
      if (lci_len < 3 || len < 7 + lci_len) return;
      nd.out.F("\n\t    LCI length %u, LCI what ", lci_len);
      Tok2Str(nd, kLciWhat, "unknown", nd.U8(p + 6));
      nd.out.F(" (0x%02x), Country-code ", nd.U8(p + 6));
      PrintStringN(nd, p + 7, 2);
      lci_len -= 3;
      const uint8_t* t = p + 9;
      while (lci_len > 0) {
        if (lci_len < 2) return;
        uint8_t ca_type = nd.U8(t), ca_len = nd.U8(t + 1);
        t += 2;
        lci_len -= 2;
        nd.out.S("\n\t      CA type '");
        Tok2Str(nd, kCaTypes, "unknown", ca_type);
        nd.out.F("' (%u), length %u: ", ca_type, ca_len);
        if (ca_type == 0 || ca_len == 0 || lci_len < ca_len) return;
        PrintStringN(nd, t, ca_len);
        t += ca_len;
        lci_len -= ca_len;
      }
      break;
    }
    case 3:
      nd.out.S("\n\t    ECS ELIN id ");
      PrintStringN(nd, p + 5, len - 5);
      break;
    default:
      nd.out.S("\n\t    Location ID ");
      PrintUnknownData(nd, p + 5, "\n\t      ", len - 5);
      break;
  }
}

}  // namespace

bool LldpTiaPrint(Nd& nd, const uint8_t* p, uint32_t len) {
  if (len < 4) return false;
  uint8_t subtype = nd.U8(p + 3);
  Subtype(nd, kTiaSubtypes, std::size(kTiaSubtypes), subtype);
  switch (subtype) {
    case 1: {
      if (len < 7) return false;
      uint16_t caps = nd.Be16(p + 4);
      nd.out.S("\n\t    Media capabilities [");
      BitTok2Str(nd, kTiaCaps, "none", caps);
      nd.out.F("] (0x%04x)", caps);
      nd.out.S("\n\t    Device type [");
      Tok2Str(nd, kTiaDeviceTypes, "unknown", nd.U8(p + 6));
      nd.out.F("] (0x%02x)", nd.U8(p + 6));
      break;
    }
    case 2:
      if (len < 8) return false;
      nd.out.S("\n\t    Application type [");
      Tok2Str(nd, kTiaAppTypes, "none", nd.U8(p + 4));
      nd.out.F("] (0x%02x)", nd.U8(p + 4));
      nd.out.S(", Flags [");
      BitTok2Str(nd, kTiaPolicyBits, "none", nd.U8(p + 5));
      nd.out.C(']');
      nd.out.F("\n\t    Vlan id %u", (nd.Be16(p + 5) & 0x1ffe) >> 1);
      nd.out.F(", L2 priority %u", (nd.Be16(p + 6) & 0x01ff) >> 6);
      nd.out.F(", DSCP value %u", nd.Be16(p + 6) & 0x003f);
      break;
    case 3:
      TiaLocation(nd, p, len);
      break;
    case 4: {
      if (len < 7) return false;
      uint8_t b = nd.U8(p + 4);
      nd.out.F("\n\t    Power type [%s]", (b & (0xC0 >> 6)) ? "PD device" : "PSE device");
      nd.out.S(", Power source [");
      Tok2Str(nd, kTiaPowerSources, "none", (b & 0x30) >> 4);
      nd.out.S("]\n\t    Power priority [");
      Tok2Str(nd, kTiaPowerPriorities, "none", b & 0x0f);
      nd.out.F("] (0x%02x)", b & 0x0f);
      uint16_t power = nd.Be16(p + 5);
      if (power < 1024) {
        nd.out.F(", Power %.1f Watts", double(float(power) / 10));
      } else {
        nd.out.F(", Power %u (Reserved)", power);
      }
      break;
    }
    case 5:
    case 6:
    case 7:
    case 8:
    case 9:
    case 10:
    case 11:
      nd.out.S("\n\t  ");
      Tok2Str(nd, kTiaInventory, "unknown", subtype);
      nd.out.C(' ');
      PrintStringN(nd, p + 4, len - 4);
      break;
    default:
      return true;
  }
  return false;
}

}  // namespace ringdump::print
