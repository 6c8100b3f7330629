#pragma once
// Distiller matches override patterns against PyTorch module paths ("layer1.0.conv1", "fc", "layer1.0.add");
// an ONNX model exported from PyTorch names its nodes after the module scope instead
// ("/layer1/layer1.0/conv1/Conv", "/fc/Gemm"). These functions bridge the two so that the patterns of real
// Distiller configs match ONNX layers.

#include <string>
#include <vector>

namespace qs {

// The PyTorch module path of a node name written by torch.onnx's scoped naming (torch >= 1.13):
//   "/layer1/layer1.0/conv1/Conv"                   -> "layer1.0.conv1"
//   "/fc/Gemm"                                      -> "fc"
//   "/layer2/layer2.0/downsample/downsample.0/Conv" -> "layer2.0.downsample.0"
// Each scope component is either an attribute name ("conv1") or, for children of a Sequential/ModuleList,
// the parent's name plus the index ("layer1.0" under "layer1"); the last component is the op type (with an
// optional "_N" suffix). Names not written that way (older exporters: "Conv_0", output names like "123",
// a top-level op like "/Flatten") are returned unchanged.
std::string modulePathFromOnnxName(const std::string& nodeName);

// Names a layer is known by for override matching, most specific first and without duplicates: the name as
// given, then its module path (modulePathFromOnnxName). An element-wise Add/Mul or a Concat that PyTorch
// traced inside a module's forward() ("/layer1/layer1.0/Add") is scoped to the enclosing block, so instead of
// the block's path it gets the name Distiller's prepared models give the equivalent module: "layer1.0.add",
// "layer1.0.mult", "layer1.0.concat" (Distiller's ResNets use EltwiseAdd modules named `add`). `opType`
// defaults to the op part of a scoped name. A leading "module." (DataParallel) is stripped, as Distiller
// does (Distiller strips the first "module." anywhere in the name; we strip only a prefix).
std::vector<std::string> layerMatchNames(const std::string& layerName, const std::string& opType = {});

} // namespace qs
