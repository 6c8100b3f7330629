#include "core/quant/layer_names.h"

#include <algorithm>
#include <cctype>

namespace qs {

namespace {

std::vector<std::string> splitScopes(const std::string& name)
{
    std::vector<std::string> parts;
    std::string current;
    for (std::size_t i = 1; i < name.size(); ++i) { // name[0] is '/'
        if (name[i] == '/') {
            parts.push_back(current);
            current.clear();
        } else {
            current += name[i];
        }
    }
    parts.push_back(current);
    return parts;
}

bool isIdentifierChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// torch.onnx names the op part "Conv", "Relu_1", "Add_3": an identifier starting with an upper-case letter.
bool looksLikeOpType(const std::string& part)
{
    if (part.empty() || !std::isupper(static_cast<unsigned char>(part.front())))
        return false;
    return std::all_of(part.begin(), part.end(), isIdentifierChar);
}

std::string stripDataParallel(const std::string& name)
{
    const std::string prefix = "module.";
    return name.rfind(prefix, 0) == 0 ? name.substr(prefix.size()) : name;
}

// "Relu_1" -> "Relu".
std::string opTypeOfScopedName(const std::string& nodeName)
{
    const std::size_t slash = nodeName.rfind('/');
    std::string last = nodeName.substr(slash + 1);
    const std::size_t underscore = last.rfind('_');
    if (underscore != std::string::npos && underscore + 1 < last.size() &&
        std::all_of(last.begin() + static_cast<std::ptrdiff_t>(underscore) + 1, last.end(),
                    [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }))
        last.resize(underscore);
    return last;
}

} // namespace

std::string modulePathFromOnnxName(const std::string& nodeName)
{
    if (nodeName.size() < 2 || nodeName.front() != '/')
        return nodeName;
    const std::vector<std::string> parts = splitScopes(nodeName);
    if (parts.size() < 2 || !looksLikeOpType(parts.back()))
        return nodeName;
    std::vector<std::string> segments;
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
        const std::string& part = parts[i];
        if (part.empty())
            return nodeName;
        // A child of a container repeats the container's name: "layer1" then "layer1.0".
        if (!segments.empty() && part.size() > segments.back().size() + 1 &&
            part.compare(0, segments.back().size() + 1, segments.back() + ".") == 0) {
            segments.push_back(part.substr(segments.back().size() + 1));
        } else {
            segments.push_back(part);
        }
    }
    std::string path;
    for (const std::string& segment : segments)
        path += (path.empty() ? "" : ".") + segment;
    return path;
}

std::vector<std::string> layerMatchNames(const std::string& layerName, const std::string& opType)
{
    std::vector<std::string> names;
    auto add = [&names](const std::string& name) {
        if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end())
            names.push_back(name);
    };
    add(stripDataParallel(layerName));
    const std::string path = modulePathFromOnnxName(layerName);
    if (path == layerName)
        return names;
    const std::string type = opType.empty() ? opTypeOfScopedName(layerName) : opType;
    std::string eltwise; // the module name Distiller's models give an op PyTorch traced inside forward()
    if (type == "Add")
        eltwise = "add";
    else if (type == "Mul")
        eltwise = "mult";
    else if (type == "Concat")
        eltwise = "concat";
    const std::string modulePath = stripDataParallel(path);
    const std::size_t dot = modulePath.rfind('.');
    const std::string lastSegment = dot == std::string::npos ? modulePath : modulePath.substr(dot + 1);
    if (eltwise.empty() || lastSegment == eltwise)
        add(modulePath); // the op is the module ("/layer1/layer1.0/conv1/Conv", "/layer1/layer1.0/add/Add")
    else
        add(modulePath + "." + eltwise); // "/layer1/layer1.0/Add": the block's forward adds, not the block
    return names;
}

} // namespace qs
