#include "core/quant/quant_mode.h"

#include "core/util/error.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace qs {

namespace {

struct ModeNames {
    QuantMode mode;
    const char* cli;
    const char* distiller;
};

constexpr std::array<ModeNames, 4> kModes{{
    {QuantMode::Symmetric, "sym", "SYMMETRIC"},
    {QuantMode::SymmetricRestricted, "sym_restr", "SYMMETRIC_RESTRICTED"},
    {QuantMode::AsymmetricUnsigned, "asym_u", "ASYMMETRIC_UNSIGNED"},
    {QuantMode::AsymmetricSigned, "asym_s", "ASYMMETRIC_SIGNED"},
}};

const ModeNames& namesOf(QuantMode mode)
{
    for (const ModeNames& m : kModes)
        if (m.mode == mode)
            return m;
    return kModes[0];
}

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

} // namespace

const std::vector<QuantMode>& allQuantModes()
{
    static const std::vector<QuantMode> all{QuantMode::Symmetric, QuantMode::SymmetricRestricted, QuantMode::AsymmetricUnsigned,
                                            QuantMode::AsymmetricSigned};
    return all;
}

std::string toString(QuantMode mode) { return namesOf(mode).cli; }
std::string distillerName(QuantMode mode) { return namesOf(mode).distiller; }

std::optional<QuantMode> parseDistillerMode(const std::string& name)
{
    for (const ModeNames& m : kModes)
        if (name == m.distiller)
            return m.mode;
    return std::nullopt;
}

QuantMode parseQuantMode(const std::string& name)
{
    const std::string n = lower(name);
    for (const ModeNames& m : kModes)
        if (n == m.cli || n == lower(m.distiller))
            return m.mode;
    throw Error("unknown quantization mode '" + name +
                "'; valid: sym (SYMMETRIC), sym_restr (SYMMETRIC_RESTRICTED), asym_u (ASYMMETRIC_UNSIGNED), asym_s (ASYMMETRIC_SIGNED)");
}

bool isSymmetric(QuantMode mode) { return mode == QuantMode::Symmetric || mode == QuantMode::SymmetricRestricted; }

} // namespace qs
