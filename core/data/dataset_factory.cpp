#include "core/data/dataset_factory.h"

#include "core/data/cifar10_reader.h"
#include "core/data/idx_reader.h"
#include "core/data/image_folder_dataset.h"
#include "core/data/tensor_folder_dataset.h"
#include "core/util/error.h"

#include <algorithm>

namespace qs {

namespace {

std::string kindsText()
{
    std::string out;
    for (const auto& kind : knownDatasetKinds())
        out += (out.empty() ? "" : ", ") + kind;
    return out;
}

} // namespace

std::vector<std::string> knownDatasetKinds()
{
    return {"fashion-mnist", "mnist", "cifar10", "imagefolder", "images", "tensors"};
}

DatasetSpec parseDatasetSpec(const std::string& text)
{
    const auto colon = text.find(':');
    if (colon == std::string::npos || colon == 0)
        throw Error("dataset spec '" + text + "' is not KIND:PATH (kinds: " + kindsText() + ")");
    DatasetSpec spec{text.substr(0, colon), text.substr(colon + 1)};
    for (char& c : spec.kind)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    if (spec.kind == "fashion_mnist" || spec.kind == "fashionmnist")
        spec.kind = "fashion-mnist";
    if (spec.kind == "cifar-10")
        spec.kind = "cifar10";
    const auto kinds = knownDatasetKinds();
    if (std::find(kinds.begin(), kinds.end(), spec.kind) == kinds.end())
        throw Error("unknown dataset kind '" + text.substr(0, colon) + "' (known: " + kindsText() + ")");
    if (spec.path.empty())
        throw Error("dataset spec '" + text + "' has an empty path");
    return spec;
}

std::unique_ptr<Dataset> openDataset(const std::string& text, Split split, const PreprocessSpec& preprocess,
                                     Progress* progress)
{
    const DatasetSpec spec = parseDatasetSpec(text);
    if (spec.kind == "fashion-mnist")
        return openIdxDirectory(spec.path, IdxFlavor::FashionMnist, split, preprocess, progress);
    if (spec.kind == "mnist")
        return openIdxDirectory(spec.path, IdxFlavor::Mnist, split, preprocess, progress);
    if (spec.kind == "cifar10")
        return openCifar10(spec.path, split, preprocess, progress);
    if (spec.kind == "tensors")
        return std::make_unique<TensorFolderDataset>(spec.path, preprocess, progress);
    ImageFolderOptions options;
    options.unlabelled = spec.kind == "images";
    return std::make_unique<ImageFolderDataset>(spec.path, sizedToInputShape(preprocess), options, progress);
}

PreprocessSpec defaultPreprocessFor(const std::string& text)
{
    const DatasetSpec spec = parseDatasetSpec(text);
    if (spec.kind == "fashion-mnist")
        return PreprocessSpec::fashionMnist();
    if (spec.kind == "mnist")
        return parsePreprocessSpec("channels=gray,scale=1/255,mean=0.1307,std=0.3081");
    if (spec.kind == "cifar10")
        return parsePreprocessSpec("channels=rgb,scale=1/255,mean=0.4914:0.4822:0.4465,std=0.247:0.2435:0.2616");
    if (spec.kind == "images")
        return parsePreprocessSpec("channels=rgb,scale=1/255");
    if (spec.kind == "tensors")
        return {}; // the arrays are used as stored; only the layout (NCHW by default) is read from the spec
    return parsePreprocessSpec(
        "resize=256,crop=224,channels=rgb,scale=1/255,mean=0.485:0.456:0.406,std=0.229:0.224:0.225");
}

} // namespace qs
