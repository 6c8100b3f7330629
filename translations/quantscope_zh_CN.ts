<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>QObject</name>
    <message>
        <source>Shapes could not be inferred without a dataset (%1); layers are listed as in the file.</source>
        <translation>没有数据集无法推断形状（%1）；层按文件中的原样列出。</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>文件：%1</translation>
    </message>
    <message>
        <source>Node: %1</source>
        <translation>节点：%1</translation>
    </message>
    <message>
        <source>Line: %1</source>
        <translation>行：%1</translation>
    </message>
    <message>
        <source>Sample: %1</source>
        <translation>样本：%1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>output after fused %1</source>
        <translation>融合 %1 之后的输出</translation>
    </message>
    <message>
        <source>value %1 · %2 samples · A%3 %4 · configured: %5</source>
        <translation>值 %1 · %2 个样本 · A%3 %4 · 已配置：%5</translation>
    </message>
    <message>
        <source>FP32</source>
        <translation>FP32</translation>
    </message>
    <message>
        <source> (this output stays FP32)</source>
        <translation>（此输出保持 FP32）</translation>
    </message>
    <message>
        <source> · W%1 weights %2 dB, included in each method&apos;s SQNR</source>
        <translation> · W%1 权重 %2 dB，已计入每种方法的 SQNR</translation>
    </message>
    <message>
        <source> (output stays FP32)</source>
        <translation>（输出保持 FP32）</translation>
    </message>
    <message>
        <source>importing</source>
        <translation>正在导入</translation>
    </message>
    <message>
        <source>preparing</source>
        <translation>正在准备</translation>
    </message>
    <message>
        <source>loaded</source>
        <translation>已加载</translation>
    </message>
    <message>
        <source>the model is not calibrated: run Calibrate first</source>
        <translation>模型尚未校准：请先运行校准</translation>
    </message>
    <message>
        <source>invalid config for layer &apos;%1&apos;</source>
        <translation>层“%1”的配置无效</translation>
    </message>
    <message>
        <source>cannot write the session: %1</source>
        <translation>无法写入会话：%1</translation>
    </message>
    <message>
        <source>cannot read the session: %1</source>
        <translation>无法读取会话：%1</translation>
    </message>
    <message>
        <source>not a QuantScope session file</source>
        <translation>不是 QuantScope 会话文件</translation>
    </message>
    <message>
        <source>session format version %1 is newer than this QuantScope</source>
        <translation>会话格式版本 %1 比此 QuantScope 更新</translation>
    </message>
    <message>
        <source>the session names no model</source>
        <translation>会话未指定模型</translation>
    </message>
    <message>
        <source>calibration statistics: %1: %2</source>
        <translation>校准统计：%1：%2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is missing or not a number</source>
        <translation>“%1”缺失或不是数字</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is %2, not a count</source>
        <translation>“%1”为 %2，不是计数</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a number</source>
        <translation>“%1”不是数字</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a count</source>
        <translation>“%1”不是计数</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not true or false</source>
        <translation>“%1”不是 true 或 false</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a string</source>
        <translation>“%1”不是字符串</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a list</source>
        <translation>“%1”不是列表</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an object</source>
        <translation>“%1”不是对象</translation>
    </message>
    <message>
        <source>&apos;shape&apos; holds %1, which is not a dimension</source>
        <translation>“shape”包含 %1，不是维度</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a count</source>
        <translation>“%1”不是计数</translation>
    </message>
    <message>
        <source>&apos;shape&apos; is not an array</source>
        <translation>“shape”不是数组</translation>
    </message>
    <message>
        <source>&apos;shape&apos; holds a non-number</source>
        <translation>“shape”包含非数字</translation>
    </message>
    <message>
        <source>min is greater than max</source>
        <translation>min 大于 max</translation>
    </message>
    <message>
        <source>the histogram&apos;s counts do not match its %1 bins</source>
        <translation>直方图的计数与其 %1 个区间不符</translation>
    </message>
    <message>
        <source>the histogram&apos;s lo is greater than its hi</source>
        <translation>直方图的 lo 大于 hi</translation>
    </message>
    <message>
        <source>session</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>the graph input is not named</source>
        <translation>图输入没有名称</translation>
    </message>
    <message>
        <source>the graph input&apos;s shape has no batch</source>
        <translation>图输入的形状没有批次维度</translation>
    </message>
    <message>
        <source>value &apos;%1&apos;</source>
        <translation>值“%1”</translation>
    </message>
    <message>
        <source>not an object</source>
        <translation>不是对象</translation>
    </message>
    <message>
        <source>the session&apos;s calibration statistics name the value &apos;%1&apos;, which the model does not have (it changed since): calibrate again</source>
        <translation>会话的校准统计引用了值“%1”，但模型中没有该值（模型已更改）：请重新校准</translation>
    </message>
    <message>
        <source>The input shape %1 does not fit %2: %3</source>
        <translation>输入形状 %1 不适用于 %2：%3</translation>
    </message>
    <message numerus="yes">
        <source>%n images of %1 (separate calibration data)</source>
        <translation>
            <numerusform>%1 中的 %n 张图像（单独的校准数据）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n train images</source>
        <translation>
            <numerusform>%n 张训练图像</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n images of %1, which are also evaluated: the folder has no train split and every image is evaluated (choose separate calibration data in Run › Dataset, or evaluate fewer images)</source>
        <translation>
            <numerusform>%1 中的 %n 张图像，它们也被评估：该文件夹没有训练划分，且每张图像都被评估（请在 运行 › 数据集 中选择单独的校准数据，或评估更少的图像）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n images of %1 that are not evaluated</source>
        <translation>
            <numerusform>%1 中未被评估的 %n 张图像</numerusform>
        </translation>
    </message>
    <message>
        <source>worst output SQNR vs FP32 (dB)</source>
        <translation>最差输出相对 FP32 的 SQNR (dB)</translation>
    </message>
    <message>
        <source>worst output SQNR %1 dB</source>
        <translation>最差输出 SQNR %1 dB</translation>
    </message>
    <message>
        <source>top-1 accuracy (%)</source>
        <translation>Top-1 准确率 (%)</translation>
    </message>
    <message>
        <source>top-1 %1%</source>
        <translation>Top-1 %1%</translation>
    </message>
    <message>
        <source>unknown metric &apos;%1&apos; (top1 or fidelity)</source>
        <translation>未知指标“%1”（top1 或 fidelity）</translation>
    </message>
    <message>
        <source>run &apos;%1&apos; has an unknown metric &apos;%2&apos;</source>
        <translation>运行“%1”的指标“%2”未知</translation>
    </message>
</context>
<context>
    <name>RunConfiguration</name>
    <message>
        <source>%1, equalized</source>
        <translation>%1，已均衡</translation>
    </message>
    <message>
        <source>Channels equalized (cross-layer equalization) before calibrating.</source>
        <translation>校准前已均衡通道（跨层均衡）。</translation>
    </message>
    <message>
        <source>per-tensor</source>
        <translation>逐张量</translation>
    </message>
    <message>
        <source>no clip</source>
        <translation>不裁剪</translation>
    </message>
    <message>
        <source>1 layer %1</source>
        <translation>1 层 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n layers %1</source>
        <translation>
            <numerusform>%n 层 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>1 other layer</source>
        <translation>另外 1 层</translation>
    </message>
    <message numerus="yes">
        <source>%n other layers</source>
        <translation>
            <numerusform>另外 %n 层</numerusform>
        </translation>
    </message>
    <message>
        <source>mixed: %1</source>
        <translation>混合：%1</translation>
    </message>
    <message>
        <source>%1 on %2 of %3 layers</source>
        <translation>%3 层中有 %2 层为 %1</translation>
    </message>
    <message>
        <source>No layer differs.</source>
        <translation>没有层不同。</translation>
    </message>
    <message>
        <source>Layers that differ:</source>
        <translation>不同的层：</translation>
    </message>
    <message>
        <source>Double-click for every layer&apos;s settings; select two runs to compare them (context menu).</source>
        <translation>双击查看每一层的设置；选择两个运行可进行比较（右键菜单）。</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Post-training quantization workbench for ONNX CNNs</source>
        <translation>ONNX CNN 训练后量化工作台</translation>
    </message>
    <message>
        <source>Load the demo model, evaluate, save main_*.png screenshots into DIR and quit.</source>
        <translation>加载演示模型并评估，将 main_*.png 截图保存到 DIR 后退出。</translation>
    </message>
    <message>
        <source>An ONNX model or a .qsession file to open.</source>
        <translation>要打开的 ONNX 模型或 .qsession 文件。</translation>
    </message>
    <message>
        <source>Time startup with the demo model and a re-evaluation after editing one layer, print both and quit.</source>
        <translation>测量加载演示模型的启动时间以及修改一层后重新评估的时间，输出两者后退出。</translation>
    </message>
    <message>
        <source>With --benchmark: print one JSON line.</source>
        <translation>与 --benchmark 一起使用：输出一行 JSON。</translation>
    </message>
    <message>
        <source>Open the model with --data, calibrate, evaluate three configs by fidelity to FP32, save DIR/real_model_fidelity.png and quit.</source>
        <translation>用 --data 打开模型，校准，按与 FP32 的保真度评估三种配置，保存 DIR/real_model_fidelity.png 并退出。</translation>
    </message>
    <message>
        <source>With --screenshot-fidelity: the data, KIND:PATH.</source>
        <translation>与 --screenshot-fidelity 一起使用：数据，KIND:PATH。</translation>
    </message>
    <message>
        <source>With --screenshot-fidelity: the preprocessing.</source>
        <translation>与 --screenshot-fidelity 一起使用：预处理。</translation>
    </message>
    <message>
        <source>With --screenshot-fidelity: the shape of the model&apos;s dynamic inputs.</source>
        <translation>与 --screenshot-fidelity 一起使用：模型动态输入的形状。</translation>
    </message>
</context>
<context>
    <name>qs::gui::DatasetDialog</name>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>automatic: the model&apos;s sidecar or the dataset&apos;s usual normalisation</source>
        <translation>自动：使用模型的附属文件或数据集的常用归一化</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>Directory:</source>
        <translation>目录：</translation>
    </message>
    <message>
        <source>Evaluation split:</source>
        <translation>评估划分：</translation>
    </message>
    <message>
        <source>Preprocessing:</source>
        <translation>预处理：</translation>
    </message>
    <message>
        <source>Evaluation images:</source>
        <translation>评估图像数：</translation>
    </message>
    <message>
        <source>Dataset directory</source>
        <translation>数据集目录</translation>
    </message>
    <message>
        <source>Preprocessing: %1</source>
        <translation>预处理：%1</translation>
    </message>
    <message>
        <source>Choose the dataset directory.</source>
        <translation>请选择数据集目录。</translation>
    </message>
    <message>
        <source>none: the train split; for an image folder, its images that are not evaluated</source>
        <translation>无：使用训练划分；图像文件夹则使用其中未被评估的图像</translation>
    </message>
    <message>
        <source>Other data to calibrate on, as KIND:PATH (e.g. images:/data/calib). Image and tensor folders have no train split: without this, calibration uses the folder&apos;s images that are not evaluated, or, when every image is evaluated, the evaluated ones (the log says which).</source>
        <translation>用于校准的其他数据，格式为 KIND:PATH（例如 images:/data/calib）。图像和张量文件夹没有训练划分：不指定时，校准使用文件夹中未被评估的图像；若每张图像都被评估，则使用被评估的图像（日志会说明）。</translation>
    </message>
    <message>
        <source>Calibration images:</source>
        <translation>校准图像：</translation>
    </message>
    <message>
        <source>Calibration data:</source>
        <translation>校准数据：</translation>
    </message>
    <message>
        <source>Calibration data: %1</source>
        <translation>校准数据：%1</translation>
    </message>
</context>
<context>
    <name>qs::gui::GraphPanel</name>
    <message>
        <source>Open a model to see its graph.</source>
        <translation>打开模型以查看其计算图。</translation>
    </message>
    <message>
        <source>The graph cannot be shown: %1</source>
        <translation>无法显示计算图：%1</translation>
    </message>
</context>
<context>
    <name>qs::gui::JobRunner</name>
    <message>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
</context>
<context>
    <name>qs::gui::JobStatusWidget</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancel the running job (Esc)</source>
        <translation>取消正在运行的任务 (Esc)</translation>
    </message>
    <message>
        <source>ETA %1 s</source>
        <translation>剩余 %1 秒</translation>
    </message>
</context>
<context>
    <name>qs::gui::LayerPanel</name>
    <message>
        <source>Regex</source>
        <translation>正则</translation>
    </message>
    <message>
        <source>Filter layers by name or op type</source>
        <translation>按名称或算子类型筛选层</translation>
    </message>
    <message>
        <source>Double-click a config cell to edit it; with several rows selected the edit applies to all of them</source>
        <translation>双击配置单元格进行编辑；选中多行时，修改将应用于所有选中行</translation>
    </message>
    <message>
        <source>Filter:</source>
        <translation>筛选：</translation>
    </message>
    <message>
        <source>%1 of %2 layers</source>
        <translation>%1 / %2 层</translation>
    </message>
</context>
<context>
    <name>qs::gui::LayerTableModel</name>
    <message>
        <source>Observed range of the layer&apos;s output (Calibrate)</source>
        <translation>该层输出的观测范围（校准）</translation>
    </message>
    <message>
        <source>Range of the layer&apos;s weights (BatchNorm folded)</source>
        <translation>该层权重的范围（已折叠 BatchNorm）</translation>
    </message>
    <message>
        <source>Activation clipping method (Distiller names)</source>
        <translation>激活裁剪方法（Distiller 名称）</translation>
    </message>
    <message>
        <source>The config override that matched this layer</source>
        <translation>匹配此层的配置覆盖项</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Op</source>
        <translation>算子</translation>
    </message>
    <message>
        <source>Output shape</source>
        <translation>输出形状</translation>
    </message>
    <message>
        <source>Params</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Act min</source>
        <translation>激活最小</translation>
    </message>
    <message>
        <source>Act max</source>
        <translation>激活最大</translation>
    </message>
    <message>
        <source>W min</source>
        <translation>权重最小</translation>
    </message>
    <message>
        <source>W max</source>
        <translation>权重最大</translation>
    </message>
    <message>
        <source>Bits A</source>
        <translation>激活位宽</translation>
    </message>
    <message>
        <source>Bits W</source>
        <translation>权重位宽</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Per-channel</source>
        <translation>逐通道</translation>
    </message>
    <message>
        <source>Clip</source>
        <translation>裁剪</translation>
    </message>
    <message>
        <source>No quant</source>
        <translation>不量化</translation>
    </message>
    <message>
        <source>No clip</source>
        <translation>不裁剪</translation>
    </message>
    <message>
        <source>Override key</source>
        <translation>覆盖键</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Run Calibrate to observe activation ranges</source>
        <translation>运行校准以观测激活范围</translation>
    </message>
    <message>
        <source>Set %1 of %2</source>
        <translation>设置 %2 的 %1</translation>
    </message>
    <message numerus="yes">
        <source>Set %1 of %n layers</source>
        <translation>
            <numerusform>设置 %n 层的 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Predicted signal-to-quantization-noise ratio of the layer&apos;s output under its config (from the calibration histogram)</source>
        <translation>该层输出在其配置下的预测信号量化噪声比（来自校准直方图）</translation>
    </message>
    <message>
        <source>pred. SQNR (dB)</source>
        <translation>预测 SQNR (dB)</translation>
    </message>
    <message>
        <source>No override: the global settings apply</source>
        <translation>无覆盖：使用全局设置</translation>
    </message>
    <message>
        <source>The layer&apos;s own settings; Export writes them under this key</source>
        <translation>该层自己的设置；导出时写在此键下</translation>
    </message>
    <message>
        <source>Set by the override &apos;%1&apos; of the imported config</source>
        <translation>由导入配置中的覆盖项“%1”设置</translation>
    </message>
    <message>
        <source>The output of %1 stays FP32 (graph output or read by an FP32 op); only its input is quantized</source>
        <translation>%1 的输出保持 FP32（图输出或由 FP32 算子读取）；只量化其输入</translation>
    </message>
    <message>
        <source>Run Calibrate to predict the SQNR</source>
        <translation>运行校准以预测 SQNR</translation>
    </message>
    <message>
        <source>Predicted from the calibration histogram of %1 with the %2 range, and from the layer&apos;s weights on their grid</source>
        <translation>根据 %1 的校准直方图及 %2 范围，以及该层权重在其网格上的误差预测</translation>
    </message>
    <message>
        <source>Runs in FP32 whatever its settings: %1</source>
        <translation>无论设置如何都以 FP32 运行：%1</translation>
    </message>
    <message>
        <source>Observed range of %1</source>
        <translation>%1 的观测范围</translation>
    </message>
    <message>
        <source>Observed range of %1 (after the fused %2)</source>
        <translation>%1 的观测范围（在融合的 %2 之后）</translation>
    </message>
    <message>
        <source>Range method for the activations; the histogram panel compares them all</source>
        <translation>激活的范围方法；直方图面板会比较所有方法</translation>
    </message>
    <message>
        <source>FP32</source>
        <translation>FP32</translation>
    </message>
    <message>
        <source>FP32 out</source>
        <translation>FP32 输出</translation>
    </message>
    <message>
        <source>(global)</source>
        <translation>（全局）</translation>
    </message>
    <message>
        <source>Measured SQNR of the layer&apos;s output against FP32 with the whole model in int8 (Run › Analyze Layers)</source>
        <translation>整个模型 int8 时该层输出相对 FP32 的实测 SQNR（运行 › 分析各层）</translation>
    </message>
    <message>
        <source>Measured SQNR of the layer&apos;s output against FP32 with only this layer in int8 (Run › Analyze Layers)</source>
        <translation>仅该层 int8 时其输出相对 FP32 的实测 SQNR（运行 › 分析各层）</translation>
    </message>
    <message>
        <source>Real int8 (oneDNN) minus its fake-quantization simulation, in dB; flagged beyond %1 dB, where a simulation-only tool would mislead</source>
        <translation>真实 int8（oneDNN）减去其伪量化模拟，单位 dB；超过 %1 dB 时标出，此时只做模拟的工具会给出误导</translation>
    </message>
    <message>
        <source>SQNR accum</source>
        <translation>累积 SQNR</translation>
    </message>
    <message>
        <source>SQNR isolated</source>
        <translation>独立 SQNR</translation>
    </message>
    <message>
        <source>int8 vs sim</source>
        <translation>int8 与模拟之差</translation>
    </message>
    <message>
        <source>Run › Analyze Layers to measure the SQNR of every int8 layer against FP32</source>
        <translation>运行 › 分析各层 可测量每个 int8 层相对 FP32 的 SQNR</translation>
    </message>
    <message>
        <source>Not measured: the layer does not run in int8 under the analyzed config</source>
        <translation>未测量：在所分析的配置下该层不以 int8 运行</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2)&lt;br&gt;accumulated, whole model int8: %3 dB on oneDNN, %4 dB simulated&lt;br&gt;isolated, only this layer int8: %5 dB on oneDNN, %6 dB simulated</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (%2)&lt;br&gt;累积，整个模型 int8：oneDNN 上 %3 dB，模拟 %4 dB&lt;br&gt;独立，仅该层 int8：oneDNN 上 %5 dB，模拟 %6 dB</translation>
    </message>
    <message>
        <source>&lt;br&gt;predicted from the histogram: %1 dB</source>
        <translation>&lt;br&gt;由直方图预测：%1 dB</translation>
    </message>
    <message>
        <source>&lt;br&gt;Real int8 and its simulation differ by more than %1 dB here.</source>
        <translation>&lt;br&gt;此处真实 int8 与其模拟相差超过 %1 dB。</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;i&gt;Measured under an earlier config: Run › Analyze Layers again.&lt;/i&gt;</source>
        <translation>&lt;br&gt;&lt;i&gt;在之前的配置下测得：请再次运行 › 分析各层。&lt;/i&gt;</translation>
    </message>
</context>
<context>
    <name>qs::gui::MainWindow</name>
    <message>
        <source>E&amp;qualize Channels Before Calibrating</source>
        <translation>校准前均衡通道(&amp;Q)</translation>
    </message>
    <message>
        <source>Rescale the weights of consecutive convolutions so their channels share one range (cross-layer equalization); clears the calibration, analyses and runs</source>
        <translation>重新缩放相邻卷积的权重，使其各通道共享同一范围（跨层均衡）；会清除校准、分析和运行结果</translation>
    </message>
    <message>
        <source>Evaluate (Ctrl+E) to add a run; the first run is the FP32 baseline.</source>
        <translation>评估 (Ctrl+E) 会添加一次运行；第一次运行是 FP32 基线。</translation>
    </message>
    <message>
        <source>Last evaluation finished.</source>
        <translation>上次评估已完成。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行结果</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Accuracy vs size</source>
        <translation>精度与大小</translation>
    </message>
    <message>
        <source>QuantScope</source>
        <translation>QuantScope</translation>
    </message>
    <message>
        <source>%1[*] — QuantScope</source>
        <translation>%1[*] — QuantScope</translation>
    </message>
    <message>
        <source>no model</source>
        <translation>无模型</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>calibrated</source>
        <translation>已校准</translation>
    </message>
    <message>
        <source>not calibrated</source>
        <translation>未校准</translation>
    </message>
    <message>
        <source>Could not open the model</source>
        <translation>无法打开模型</translation>
    </message>
    <message>
        <source>Calibration failed</source>
        <translation>校准失败</translation>
    </message>
    <message>
        <source>Evaluation failed</source>
        <translation>评估失败</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Evaluation failed.</source>
        <translation>评估失败。</translation>
    </message>
    <message>
        <source>&amp;Open Model…</source>
        <translation>打开模型(&amp;O)…</translation>
    </message>
    <message>
        <source>Open an ONNX model</source>
        <translation>打开 ONNX 模型</translation>
    </message>
    <message>
        <source>Open &amp;Session…</source>
        <translation>打开会话(&amp;S)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>Open a saved workbench session</source>
        <translation>打开已保存的会话</translation>
    </message>
    <message>
        <source>&amp;Save Session</source>
        <translation>保存会话(&amp;S)</translation>
    </message>
    <message>
        <source>Save the model, data, config and runs</source>
        <translation>保存模型、数据、配置和运行结果</translation>
    </message>
    <message>
        <source>Save Session &amp;As…</source>
        <translation>会话另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Save the session under a new name</source>
        <translation>以新名称保存会话</translation>
    </message>
    <message>
        <source>&amp;Export Runs as CSV…</source>
        <translation>将运行结果导出为 CSV(&amp;E)…</translation>
    </message>
    <message>
        <source>Write the runs table to a CSV file</source>
        <translation>将运行表写入 CSV 文件</translation>
    </message>
    <message>
        <source>&amp;Import Config (Distiller YAML)…</source>
        <translation>导入配置 (Distiller YAML)(&amp;I)…</translation>
    </message>
    <message>
        <source>E&amp;xport Config (Distiller YAML)…</source>
        <translation>导出配置 (Distiller YAML)(&amp;X)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Quit QuantScope</source>
        <translation>退出 QuantScope</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Find Layer</source>
        <translation>查找层(&amp;F)</translation>
    </message>
    <message>
        <source>Filter the layer table</source>
        <translation>筛选层表</translation>
    </message>
    <message>
        <source>&amp;Dataset…</source>
        <translation>数据集(&amp;D)…</translation>
    </message>
    <message>
        <source>Ctrl+D</source>
        <translation>Ctrl+D</translation>
    </message>
    <message>
        <source>Choose the evaluation and calibration data</source>
        <translation>选择评估和校准数据</translation>
    </message>
    <message>
        <source>&amp;Calibrate</source>
        <translation>校准(&amp;C)</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>Observe activation ranges on calibration images</source>
        <translation>在校准图像上观测激活范围</translation>
    </message>
    <message>
        <source>&amp;Evaluate</source>
        <translation>评估(&amp;E)</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>Evaluate the current config (and the FP32 baseline first)</source>
        <translation>评估当前配置（先评估 FP32 基线）</translation>
    </message>
    <message>
        <source>C&amp;ancel Job</source>
        <translation>取消任务(&amp;A)</translation>
    </message>
    <message>
        <source>Cancel the running job</source>
        <translation>取消正在运行的任务</translation>
    </message>
    <message>
        <source>&amp;User Guide</source>
        <translation>用户指南(&amp;U)</translation>
    </message>
    <message>
        <source>The workflow, the keyboard shortcuts, the clip methods and the modes</source>
        <translation>工作流程、键盘快捷键、裁剪方法和模式</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>List the keyboard shortcuts</source>
        <translation>列出键盘快捷键</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>QuantScope User Guide</source>
        <translation>QuantScope 用户指南</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>&lt;p&gt;In the layer table, F2 or typing edits the current cell; with several rows selected a change applies to all of them.&lt;/p&gt;</source>
        <translation>&lt;p&gt;在层表中，按 F2 或直接输入即可编辑当前单元格；选中多行时，修改会应用到所有选中的行。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;About QuantScope</source>
        <translation>关于 QuantScope(&amp;A)</translation>
    </message>
    <message>
        <source>About QuantScope</source>
        <translation>关于 QuantScope</translation>
    </message>
    <message>
        <source>&lt;b&gt;QuantScope %1&lt;/b&gt;&lt;br&gt;Post-training quantization workbench for ONNX CNNs on oneDNN.</source>
        <translation>&lt;b&gt;QuantScope %1&lt;/b&gt;&lt;br&gt;基于 oneDNN 的 ONNX CNN 训练后量化工作台。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Opening %1</source>
        <translation>正在打开 %1</translation>
    </message>
    <message>
        <source>Could not open the session</source>
        <translation>无法打开会话</translation>
    </message>
    <message>
        <source>Open Model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <source>ONNX models (*.onnx);;All files (*)</source>
        <translation>ONNX 模型 (*.onnx);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open Session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <source>QuantScope sessions (*.qsession);;All files (*)</source>
        <translation>QuantScope 会话 (*.qsession);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Unsaved session</source>
        <translation>会话未保存</translation>
    </message>
    <message>
        <source>The session has unsaved changes. Save them first?</source>
        <translation>会话有未保存的更改。先保存吗？</translation>
    </message>
    <message>
        <source>Could not save the session</source>
        <translation>无法保存会话</translation>
    </message>
    <message>
        <source>Save Session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <source>QuantScope sessions (*.qsession)</source>
        <translation>QuantScope 会话 (*.qsession)</translation>
    </message>
    <message>
        <source>Export Runs</source>
        <translation>导出运行结果</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Runs exported to %1</source>
        <translation>运行结果已导出到 %1</translation>
    </message>
    <message>
        <source>Could not export the runs</source>
        <translation>无法导出运行结果</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>清除列表</translation>
    </message>
    <message>
        <source>Activation histogram</source>
        <translation>激活直方图</translation>
    </message>
    <message>
        <source>Weight ranges</source>
        <translation>权重范围</translation>
    </message>
    <message>
        <source>Observer comparison</source>
        <translation>观测器比较</translation>
    </message>
    <message>
        <source>Apply a Distiller PostTrainLinearQuantizer YAML config to the layers (undoable)</source>
        <translation>将 Distiller PostTrainLinearQuantizer YAML 配置应用到各层（可撤销）</translation>
    </message>
    <message>
        <source>Write the layer settings as a Distiller YAML config (usable with --qe-config-file)</source>
        <translation>将层设置写为 Distiller YAML 配置（可用于 --qe-config-file）</translation>
    </message>
    <message>
        <source>Export Config</source>
        <translation>导出配置</translation>
    </message>
    <message>
        <source>YAML files (*.yaml *.yml)</source>
        <translation>YAML 文件 (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>Config exported to %1</source>
        <translation>配置已导出到 %1</translation>
    </message>
    <message>
        <source>Could not export the config</source>
        <translation>无法导出配置</translation>
    </message>
    <message>
        <source>Import Config</source>
        <translation>导入配置</translation>
    </message>
    <message>
        <source>Could not import the config; nothing was changed</source>
        <translation>无法导入配置；未做任何更改</translation>
    </message>
    <message>
        <source>Reset &amp;Layout</source>
        <translation>重置布局(&amp;L)</translation>
    </message>
    <message>
        <source>Show the layer table, the histogram, the runs and accuracy vs size side by side again</source>
        <translation>重新并排显示层表、直方图、运行结果和精度与大小图</translation>
    </message>
    <message>
        <source>Graph</source>
        <translation>计算图</translation>
    </message>
    <message>
        <source>Layer errors</source>
        <translation>层误差</translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation>敏感度</translation>
    </message>
    <message>
        <source>Layer analysis failed</source>
        <translation>层分析失败</translation>
    </message>
    <message>
        <source>Sensitivity sweep failed</source>
        <translation>敏感度扫描失败</translation>
    </message>
    <message>
        <source>Auto mixed precision failed</source>
        <translation>自动混合精度失败</translation>
    </message>
    <message>
        <source>Analyze &amp;Layers</source>
        <translation>分析各层(&amp;L)</translation>
    </message>
    <message>
        <source>Measure every int8 layer&apos;s SQNR against FP32 (whole model and layer alone, real int8 and simulated) on the first %1 evaluation images</source>
        <translation>在前 %1 张评估图像上测量每个 int8 层相对 FP32 的 SQNR（整个模型与仅该层，真实 int8 与模拟）</translation>
    </message>
    <message>
        <source>&amp;Sensitivity Sweep</source>
        <translation>敏感度扫描(&amp;S)</translation>
    </message>
    <message>
        <source>Probe every layer alone at 8, 6 and 4 bits, and the model with only that layer in FP32, on the first %1 evaluation images</source>
        <translation>在前 %1 张评估图像上，分别以 8、6、4 位单独探测每一层，并探测仅该层为 FP32 的模型</translation>
    </message>
    <message>
        <source>Auto &amp;Mixed Precision…</source>
        <translation>自动混合精度(&amp;M)…</translation>
    </message>
    <message>
        <source>Search per-layer weight widths that make the model smallest within a top-1 budget</source>
        <translation>搜索在 top-1 预算内使模型最小的逐层权重位宽</translation>
    </message>
    <message>
        <source>A&amp;pply Mixed Precision</source>
        <translation>应用混合精度(&amp;P)</translation>
    </message>
    <message>
        <source>Put the widths the last search chose into the layer table (undoable)</source>
        <translation>把上次搜索选定的位宽写入层表（可撤销）</translation>
    </message>
    <message>
        <source>Input &amp;Shape…</source>
        <translation>输入形状(&amp;S)…</translation>
    </message>
    <message>
        <source>Give the shape of the model&apos;s dynamic inputs (e.g. 1x3x320x320)</source>
        <translation>给出模型动态输入的形状（例如 1x3x320x320）</translation>
    </message>
    <message>
        <source>The shape the model runs at where it leaves input dims dynamic.</source>
        <translation>模型在输入维度为动态时运行所用的形状。</translation>
    </message>
    <message>
        <source>Export &amp;Quantized Model (ONNX QDQ)…</source>
        <translation>导出量化模型(ONNX QDQ)(&amp;Q)…</translation>
    </message>
    <message>
        <source>Write the model with the table&apos;s quantization as an ONNX QDQ model (int8 weights; ONNX Runtime runs it on its int8 kernels)</source>
        <translation>将模型按表中的量化设置写为 ONNX QDQ 模型(int8 权重;ONNX Runtime 在其 int8 内核上运行)</translation>
    </message>
    <message>
        <source>Export Quantized Model</source>
        <translation>导出量化模型</translation>
    </message>
    <message>
        <source>ONNX models (*.onnx)</source>
        <translation>ONNX 模型 (*.onnx)</translation>
    </message>
    <message>
        <source>Exporting the quantized model to %1…</source>
        <translation>正在将量化模型导出到 %1…</translation>
    </message>
    <message>
        <source>Quantized model exported to %1</source>
        <translation>量化模型已导出到 %1</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>注意:%1</translation>
    </message>
    <message>
        <source>Could not export the quantized model</source>
        <translation>无法导出量化模型</translation>
    </message>
</context>
<context>
    <name>qs::gui::PlotDocks</name>
    <message>
        <source>Output (what the layer&apos;s activation settings quantize)</source>
        <translation>输出（该层激活设置所量化的对象）</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Histogram of the selected layer&apos;s</source>
        <translation>所选层的直方图：</translation>
    </message>
    <message>
        <source>Calibrate (Ctrl+L), then select a layer to see its activation histogram with the range every method picks.</source>
        <translation>先校准 (Ctrl+L)，再选择一层，即可查看其激活直方图及每种方法选取的范围。</translation>
    </message>
    <message>
        <source>Select a layer in the table to see its activation histogram.</source>
        <translation>在表格中选择一层以查看其激活直方图。</translation>
    </message>
    <message>
        <source>Select a layer in the table to see the range of each output channel of its weights.</source>
        <translation>在表格中选择一层以查看其权重每个输出通道的范围。</translation>
    </message>
    <message>
        <source>Calibrate (Ctrl+L) to compare the range every method picks, layer by layer.</source>
        <translation>校准 (Ctrl+L) 后可逐层比较每种方法选取的范围。</translation>
    </message>
</context>
<context>
    <name>qs::gui::RunConfigDialog</name>
    <message>
        <source>Configuration of %1</source>
        <translation>%1 的配置</translation>
    </message>
    <message>
        <source>This run&apos;s per-layer configuration was not stored (a session from an older QuantScope).</source>
        <translation>此运行的逐层配置未被保存（来自旧版 QuantScope 的会话）。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: every layer at %2.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;：所有层均为 %2。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2 of %3 layers at %4; the layers in bold differ.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;：%3 层中有 %2 层为 %4；粗体的层与之不同。</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Runs as</source>
        <translation>运行方式</translation>
    </message>
    <message>
        <source>Bits W</source>
        <translation>权重位宽</translation>
    </message>
    <message>
        <source>Bits A</source>
        <translation>激活位宽</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Per-channel</source>
        <translation>逐通道</translation>
    </message>
    <message>
        <source>Clip</source>
        <translation>裁剪</translation>
    </message>
    <message>
        <source>quantized</source>
        <translation>量化</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>%1 vs %2</source>
        <translation>%1 与 %2</translation>
    </message>
    <message>
        <source>The per-layer configuration of %1 was not stored (a session from an older QuantScope).</source>
        <translation>%1 的逐层配置未被保存（来自旧版 QuantScope 的会话）。</translation>
    </message>
    <message>
        <source>%1 and %2 evaluated the same settings on all %3 layers.</source>
        <translation>%1 和 %2 在全部 %3 层上评估了相同的设置。</translation>
    </message>
    <message>
        <source>%1 of %2 layers differ between %3 and %4.</source>
        <translation>%3 与 %4 之间，%2 层中有 %1 层不同。</translation>
    </message>
</context>
<context>
    <name>qs::gui::RunsPanel</name>
    <message>
        <source>Evaluate (Ctrl+E) to add a run; the first run is the FP32 baseline.</source>
        <translation>评估 (Ctrl+E) 会添加一次运行；第一次运行是 FP32 基线。</translation>
    </message>
    <message>
        <source>Restore Config</source>
        <translation>恢复配置</translation>
    </message>
    <message>
        <source>Load the per-layer config the selected run evaluated into the layer table (undoable)</source>
        <translation>将所选运行评估时的逐层配置载入层表（可撤销）</translation>
    </message>
    <message>
        <source>Show Configuration…</source>
        <translation>显示配置…</translation>
    </message>
    <message>
        <source>Compare Runs…</source>
        <translation>比较运行…</translation>
    </message>
    <message>
        <source>List every layer&apos;s settings in the selected run</source>
        <translation>列出所选运行中每一层的设置</translation>
    </message>
    <message>
        <source>List the layers whose settings differ between the two selected runs</source>
        <translation>列出两个所选运行之间设置不同的层</translation>
    </message>
    <message>
        <source>Top-1 accuracy</source>
        <translation>Top-1 准确率</translation>
    </message>
    <message>
        <source>Fidelity to FP32 (SQNR)</source>
        <translation>与 FP32 的保真度 (SQNR)</translation>
    </message>
    <message>
        <source>What an evaluation measures and the plot shows: top-1 needs labels and a single-output classifier; fidelity compares every output of the quantized model with FP32&apos;s</source>
        <translation>评估所测量、图表所显示的内容：Top-1 需要标签和单输出分类器；保真度将量化模型的每个输出与 FP32 的输出比较</translation>
    </message>
    <message>
        <source>Metric:</source>
        <translation>指标：</translation>
    </message>
</context>
<context>
    <name>qs::gui::RunsTableModel</name>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Config</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Top-1 %</source>
        <translation>Top-1 %</translation>
    </message>
    <message>
        <source>Top-5 %</source>
        <translation>Top-5 %</translation>
    </message>
    <message>
        <source>Δ vs FP32</source>
        <translation>相对 FP32 的 Δ</translation>
    </message>
    <message>
        <source>Size (MB)</source>
        <translation>大小 (MB)</translation>
    </message>
    <message>
        <source>Compression</source>
        <translation>压缩比</translation>
    </message>
    <message>
        <source>ms/image</source>
        <translation>毫秒/图像</translation>
    </message>
    <message>
        <source>images/s</source>
        <translation>图像/秒</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>This run&apos;s per-layer configuration was not stored (a session from an older QuantScope).</source>
        <translation>此运行的逐层配置未被保存（来自旧版 QuantScope 的会话）。</translation>
    </message>
    <message>
        <source>SQNR vs FP32 (dB)</source>
        <translation>相对 FP32 的 SQNR (dB)</translation>
    </message>
    <message>
        <source>Top-1 agree %</source>
        <translation>Top-1 一致率 %</translation>
    </message>
    <message numerus="yes">
        <source>Fidelity to FP32 on %n images, per output:</source>
        <translation>
            <numerusform>在 %n 张图像上与 FP32 的保真度，按输出：</numerusform>
        </translation>
    </message>
    <message>
        <source>  %1: SQNR %2 dB, cosine %3, max abs error %4</source>
        <translation>  %1：SQNR %2 dB，余弦 %3，最大绝对误差 %4</translation>
    </message>
    <message>
        <source>Top-1 agreement with FP32: %1%</source>
        <translation>与 FP32 的 Top-1 一致率：%1%</translation>
    </message>
</context>
<context>
    <name>qs::gui::Workbench</name>
    <message>
        <source>Channels are equalized before calibrating (cross-layer equalization): calibration, analyses and runs cleared</source>
        <translation>校准前将均衡通道（跨层均衡）：校准、分析和运行结果已清除</translation>
    </message>
    <message>
        <source>Channels are no longer equalized before calibrating: calibration, analyses and runs cleared</source>
        <translation>校准前不再均衡通道：校准、分析和运行结果已清除</translation>
    </message>
    <message>
        <source>Preparing %1</source>
        <translation>正在准备 %1</translation>
    </message>
    <message>
        <source>%1 cancelled</source>
        <translation>%1 已取消</translation>
    </message>
    <message>
        <source>Loading %1</source>
        <translation>正在加载 %1</translation>
    </message>
    <message numerus="yes">
        <source>Loaded %1: %n quantizable layers</source>
        <translation>
            <numerusform>已加载 %1：%n 个可量化层</numerusform>
        </translation>
    </message>
    <message>
        <source>Dataset changed: runs and calibration cleared</source>
        <translation>数据集已更改：运行结果和校准已清除</translation>
    </message>
    <message>
        <source>Calibrating</source>
        <translation>正在校准</translation>
    </message>
    <message>
        <source>%1: top-1 %2% after %3 of %4 images</source>
        <translation>%1：%4 张图像中的前 %3 张，top-1 %2%</translation>
    </message>
    <message>
        <source>int8</source>
        <translation>int8</translation>
    </message>
    <message>
        <source>FP32</source>
        <translation>FP32</translation>
    </message>
    <message>
        <source>Evaluating</source>
        <translation>正在评估</translation>
    </message>
    <message>
        <source>FP32 baseline</source>
        <translation>FP32 基线</translation>
    </message>
    <message>
        <source>FP32 baseline: top-1 %1% on %2 images</source>
        <translation>FP32 基线：%2 张图像上 top-1 %1%</translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation>运行 %1</translation>
    </message>
    <message>
        <source>%1 (%2): top-1 %3% on %4 images</source>
        <translation>%1（%2）：%4 张图像上 top-1 %3%</translation>
    </message>
    <message>
        <source>Session saved to %1</source>
        <translation>会话已保存到 %1</translation>
    </message>
    <message>
        <source>Session config names layer &apos;%1&apos;, which the model does not have; ignored</source>
        <translation>会话配置引用了模型中不存在的层“%1”；已忽略</translation>
    </message>
    <message>
        <source>The session&apos;s layer analyses were not restored: they measured calibration statistics that were not restored</source>
        <translation>未恢复会话中的层分析：它们所基于的校准统计未能恢复</translation>
    </message>
    <message>
        <source>The session&apos;s analyses name layers the model does not have (%1); ignored</source>
        <translation>会话中的分析引用了模型中不存在的层（%1）；已忽略</translation>
    </message>
    <message>
        <source>Calibrated statistics and histograms on %1 train images</source>
        <translation>已在 %1 张训练图像上校准统计和直方图</translation>
    </message>
    <message>
        <source>Restore the config of %1</source>
        <translation>恢复 %1 的配置</translation>
    </message>
    <message numerus="yes">
        <source>Restored the config of %1 (%n layers changed)</source>
        <translation>
            <numerusform>已恢复 %1 的配置（%n 层已更改）</numerusform>
        </translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>导入 %1</translation>
    </message>
    <message numerus="yes">
        <source>Imported %1: %n layers changed</source>
        <translation>
            <numerusform>已导入 %1：%n 层已更改</numerusform>
        </translation>
    </message>
    <message>
        <source>The session&apos;s calibration statistics were not restored: %1</source>
        <translation>未恢复会话的校准统计：%1</translation>
    </message>
    <message numerus="yes">
        <source>Restored the calibration statistics and histograms of %n values on %1 train images from the session</source>
        <translation>
            <numerusform>已从会话恢复 %n 个值在 %1 张训练图像上的校准统计和直方图</numerusform>
        </translation>
    </message>
    <message>
        <source>This session comes from an older QuantScope that stored ranges only: Calibrate again (Ctrl+L) to see histograms and predicted SQNR</source>
        <translation>此会话来自仅保存范围的旧版 QuantScope：请重新校准 (Ctrl+L) 以查看直方图和预测 SQNR</translation>
    </message>
    <message>
        <source>cannot write the CSV: %1</source>
        <translation>无法写入 CSV：%1</translation>
    </message>
    <message>
        <source>open a model first</source>
        <translation>请先打开模型</translation>
    </message>
    <message>
        <source>layer &apos;%1&apos; is not in the model</source>
        <translation>层“%1”不在模型中</translation>
    </message>
    <message>
        <source>Analyzing layers</source>
        <translation>正在分析各层</translation>
    </message>
    <message numerus="yes">
        <source>Measured the SQNR of %n layers against FP32 on %1 images in %2 s</source>
        <translation>
            <numerusform>已在 %1 张图像上测量 %n 层相对 FP32 的 SQNR，用时 %2 秒</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Real int8 and its simulation differ by more than 1 dB on %n layers (column &quot;int8 vs sim&quot;)</source>
        <translation>
            <numerusform>在 %n 层上真实 int8 与其模拟相差超过 1 dB（“int8 与模拟之差”列）</numerusform>
        </translation>
    </message>
    <message>
        <source>Sensitivity sweep</source>
        <translation>敏感度扫描</translation>
    </message>
    <message numerus="yes">
        <source>Sensitivity sweep: %n probes on %1 images in %2 s</source>
        <translation>
            <numerusform>敏感度扫描：在 %1 张图像上 %n 次探测，用时 %2 秒</numerusform>
        </translation>
    </message>
    <message>
        <source>Auto mixed precision</source>
        <translation>自动混合精度</translation>
    </message>
    <message numerus="yes">
        <source>Auto mixed precision: %n candidates evaluated in %1 s; the chosen one is %2 % smaller than the uniform configuration. Run › Apply Mixed Precision puts its widths into the table.</source>
        <translation>
            <numerusform>自动混合精度：用时 %1 秒评估了 %n 个候选；选中的比统一配置小 %2 %。运行 › 应用混合精度 会把它的位宽写入表格。</numerusform>
        </translation>
    </message>
    <message>
        <source>Auto %1</source>
        <translation>自动 %1</translation>
    </message>
    <message>
        <source>%1 (chosen)</source>
        <translation>%1（选中）</translation>
    </message>
    <message>
        <source>%1 (over budget)</source>
        <translation>%1（超出预算）</translation>
    </message>
    <message>
        <source>%1 (not closer to FP32)</source>
        <translation>%1（未更接近 FP32）</translation>
    </message>
    <message>
        <source> (not closer to FP32: reverted)</source>
        <translation>（未更接近 FP32：已撤回）</translation>
    </message>
    <message>
        <source>%1: %2, top-1 %3%, %4 MB%5%6</source>
        <translation>%1：%2，top-1 %3%，%4 MB%5%6</translation>
    </message>
    <message>
        <source> (over budget: reverted)</source>
        <translation>（超出预算：已撤回）</translation>
    </message>
    <message>
        <source>%1 (not faster)</source>
        <translation>%1（未更快）</translation>
    </message>
    <message>
        <source> (not faster: reverted)</source>
        <translation>（未更快：已撤回）</translation>
    </message>
    <message>
        <source>, %1 ms at batch 1</source>
        <translation>，批大小 1 时 %1 ms</translation>
    </message>
    <message>
        <source>Auto mixed precision: the chosen configuration runs in %1 ms at batch 1 (uniform %2 ms, FP32 %3 ms), measured on this CPU.</source>
        <translation>自动混合精度：选定的配置在批大小 1 时运行 %1 ms（统一配置 %2 ms，FP32 %3 ms），在此 CPU 上测得。</translation>
    </message>
    <message>
        <source>Apply mixed precision</source>
        <translation>应用混合精度</translation>
    </message>
    <message numerus="yes">
        <source>Applied the chosen mixed precision: %n layers changed</source>
        <translation>
            <numerusform>已应用选定的混合精度：%n 层已更改</numerusform>
        </translation>
    </message>
    <message>
        <source>The input shape or preprocessing for %1 was not used: %2</source>
        <translation>%1 的输入形状或预处理未被使用：%2</translation>
    </message>
    <message>
        <source>%1 leaves input dims dynamic (%2) and neither its preprocessing nor the data fixes them.</source>
        <translation>%1 的输入维度是动态的（%2），其预处理和数据都没有确定它们。</translation>
    </message>
    <message>
        <source>%1 needs an input shape: give it in Run › Input Shape</source>
        <translation>%1 需要输入形状：请在 运行 › 输入形状 中给出</translation>
    </message>
    <message numerus="yes">
        <source>Calibrated statistics and histograms of %n values on %1</source>
        <translation>
            <numerusform>已在 %1 上校准 %n 个值的统计量和直方图</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: worst output SQNR %2 dB vs FP32 after %3 of %4 images</source>
        <translation>%1：%4 张图像中的 %3 张后，最差输出相对 FP32 的 SQNR 为 %2 dB</translation>
    </message>
    <message>
        <source>every layer is FP32: fidelity compares a quantized model with FP32, so there is nothing to measure</source>
        <translation>每一层都是 FP32：保真度比较的是量化模型与 FP32，因此没有可测量的内容</translation>
    </message>
    <message>
        <source>%1 (%2): worst output SQNR %3 dB vs FP32 on %4 images (%5)</source>
        <translation>%1（%2）：在 %4 张图像上最差输出相对 FP32 的 SQNR 为 %3 dB（%5）</translation>
    </message>
    <message>
        <source>Open a model first.</source>
        <translation>请先打开模型。</translation>
    </message>
    <message>
        <source>Give a shape such as 1x3x320x320.</source>
        <translation>请给出形状，例如 1x3x320x320。</translation>
    </message>
    <message>
        <source>Input shape &apos;%1&apos; not used for %2: %3</source>
        <translation>输入形状“%1”未用于 %2：%3</translation>
    </message>
    <message>
        <source>Input shape of %1: %2 (remembered for this model)</source>
        <translation>%1 的输入形状：%2（已为此模型记住）</translation>
    </message>
    <message>
        <source>the model is not calibrated: run Calibrate first</source>
        <translation>模型尚未校准:请先运行校准</translation>
    </message>
</context>
<context>
    <name>qs::widgets::AccuracySizePlot</name>
    <message>
        <source>Evaluate configs to compare their accuracy and size here; the first run is the FP32 baseline.</source>
        <translation>评估各配置即可在此比较其精度和大小；第一次运行是 FP32 基线。</translation>
    </message>
    <message>
        <source>model size (MB, weights)</source>
        <translation>模型大小（MB，权重）</translation>
    </message>
    <message>
        <source>top-1 accuracy (%)</source>
        <translation>top-1 精度 (%)</translation>
    </message>
    <message>
        <source>Pareto front (smaller and more accurate)</source>
        <translation>帕累托前沿（更小且更准确）</translation>
    </message>
    <message>
        <source>quantized runs</source>
        <translation>量化运行</translation>
    </message>
    <message>
        <source>FP32 baseline</source>
        <translation>FP32 基线</translation>
    </message>
    <message>
        <source>quantized, clip %1</source>
        <translation>量化，裁剪 %1</translation>
    </message>
    <message>
        <source>top-1 %1%</source>
        <translation>Top-1 %1%</translation>
    </message>
    <message>
        <source>FP32 (the reference)</source>
        <translation>FP32（参考）</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2&lt;br&gt;%3, %4 MB&lt;br&gt;click to select the run</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2&lt;br&gt;%3，%4 MB&lt;br&gt;点击以选择该运行</translation>
    </message>
</context>
<context>
    <name>qs::widgets::ActivationHistogramView</name>
    <message>
        <source>Log count</source>
        <translation>对数计数</translation>
    </message>
    <message>
        <source>Logarithmic count axis</source>
        <translation>对数计数轴</translation>
    </message>
    <message>
        <source>Calibrate, then select a layer to see its activation histogram and the range of every method.</source>
        <translation>先校准，再选择一层，即可查看其激活直方图及每种方法的范围。</translation>
    </message>
    <message>
        <source>No histogram for this value.</source>
        <translation>此值没有直方图。</translation>
    </message>
    <message>
        <source>method · pred. SQNR
(click to use)</source>
        <translation>方法 · 预测 SQNR
（单击以使用）</translation>
    </message>
    <message numerus="yes">
        <source>%n quantization levels (ticks), step %1</source>
        <translation>
            <numerusform>%n 个量化级（刻度），步长 %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n quantization levels, step %1; clipped regions shaded</source>
        <translation>
            <numerusform>%n 个量化级，步长 %1；裁剪区域以阴影显示</numerusform>
        </translation>
    </message>
    <message>
        <source>activation value</source>
        <translation>激活值</translation>
    </message>
    <message>
        <source>count (log scale)</source>
        <translation>计数（对数刻度）</translation>
    </message>
    <message>
        <source>count</source>
        <translation>计数</translation>
    </message>
    <message>
        <source>bin [%1, %2): %3 values</source>
        <translation>区间 [%1, %2)：%3 个值</translation>
    </message>
    <message>
        <source>value %1 (outside the observed data)</source>
        <translation>值 %1（在观测数据之外）</translation>
    </message>
    <message>
        <source>%1: range [%2, %3], pred. SQNR %4 dB</source>
        <translation>%1：范围 [%2, %3]，预测 SQNR %4 dB</translation>
    </message>
    <message>
        <source>click to use %1</source>
        <translation>单击以使用 %1</translation>
    </message>
    <message>
        <source>several methods&apos; lines meet here: click the legend to choose</source>
        <translation>多种方法的线在此重合：请单击图例进行选择</translation>
    </message>
</context>
<context>
    <name>qs::widgets::GraphLegend</name>
    <message>
        <source>int8</source>
        <translation>int8</translation>
    </message>
    <message>
        <source>FP32 island (the tooltip says why)</source>
        <translation>FP32 孤岛（提示中说明原因）</translation>
    </message>
    <message>
        <source>other operators (FP32)</source>
        <translation>其他算子 (FP32)</translation>
    </message>
    <message>
        <source>fused chain (one layer)</source>
        <translation>融合链（一个层）</translation>
    </message>
    <message>
        <source>quantize / dequantize</source>
        <translation>量化 / 反量化</translation>
    </message>
    <message>
        <source>error &lt; %1 dB</source>
        <translation>误差 &lt; %1 dB</translation>
    </message>
    <message>
        <source>error %1–%2 dB</source>
        <translation>误差 %1–%2 dB</translation>
    </message>
    <message>
        <source>error &gt; %1 dB</source>
        <translation>误差 &gt; %1 dB</translation>
    </message>
</context>
<context>
    <name>qs::widgets::GraphView</name>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>shape %1</source>
        <translation>形状 %1</translation>
    </message>
    <message>
        <source>input %1</source>
        <translation>输入 %1</translation>
    </message>
    <message>
        <source>runs int8</source>
        <translation>以 int8 运行</translation>
    </message>
    <message>
        <source>FP32 island: %1</source>
        <translation>FP32 孤岛：%1</translation>
    </message>
    <message>
        <source>runs FP32</source>
        <translation>以 FP32 运行</translation>
    </message>
    <message>
        <source>fuses %1</source>
        <translation>融合 %1</translation>
    </message>
    <message>
        <source>error %1 dB</source>
        <translation>误差 %1 dB</translation>
    </message>
    <message>
        <source>%1 runs as one layer: %2</source>
        <translation>%1 作为一个层运行：%2</translation>
    </message>
    <message>
        <source>Quantize: %1 enters int8 here</source>
        <translation>量化：%1 在此进入 int8</translation>
    </message>
    <message>
        <source>Dequantize: %1 leaves int8 here</source>
        <translation>反量化：%1 在此离开 int8</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <source>Show the whole graph (F); Ctrl+wheel zooms, dragging pans</source>
        <translation>显示整个计算图 (F)；Ctrl+滚轮缩放，拖动平移</translation>
    </message>
    <message>
        <source>100 %</source>
        <translation>100 %</translation>
    </message>
    <message>
        <source>Actual size (1)</source>
        <translation>实际大小 (1)</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <source>Show or hide the legend</source>
        <translation>显示或隐藏图例</translation>
    </message>
</context>
<context>
    <name>qs::widgets::ObserverComparisonView</name>
    <message>
        <source>Calibrate to compare the range every method picks, layer by layer.</source>
        <translation>校准后可逐层比较每种方法选取的范围。</translation>
    </message>
    <message>
        <source>No calibrated layers.</source>
        <translation>没有已校准的层。</translation>
    </message>
    <message>
        <source>method
(bar: lo to hi)</source>
        <translation>方法
（条形：lo 到 hi）</translation>
    </message>
    <message>
        <source>configured (at hi)</source>
        <translation>已配置（位于 hi）</translation>
    </message>
    <message>
        <source>range picked / observed max |x| of the layer</source>
        <translation>选取的范围 / 该层观测到的最大 |x|</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (observed [%2, %3]; click to select)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;（观测 [%2, %3]；单击以选择）</translation>
    </message>
    <message>
        <source>%1%2: [%3, %4], %5 dB</source>
        <translation>%1%2：[%3, %4]，%5 dB</translation>
    </message>
    <message>
        <source> (configured)</source>
        <translation>（已配置）</translation>
    </message>
</context>
<context>
    <name>qs::widgets::WeightRangeView</name>
    <message>
        <source>Select a layer with weights to see the range of each output channel.</source>
        <translation>选择带权重的层以查看每个输出通道的范围。</translation>
    </message>
    <message>
        <source>This layer has no constant weights.</source>
        <translation>该层没有常量权重。</translation>
    </message>
    <message numerus="yes">
        <source>%1 weights: %n output channels
median channel range = %2% of the tensor range (with one 8-bit scale per tensor: ~%3 of 256 levels)</source>
        <translation>
            <numerusform>%1 权重：%n 个输出通道
通道范围中位数 = 张量范围的 %2%（每个张量一个 8 位缩放：约 %3 / 256 级）</numerusform>
        </translation>
    </message>
    <message>
        <source>per-channel [min, max]</source>
        <translation>逐通道 [min, max]</translation>
    </message>
    <message>
        <source>per-tensor min / max</source>
        <translation>逐张量 min / max</translation>
    </message>
    <message>
        <source>output channel</source>
        <translation>输出通道</translation>
    </message>
    <message>
        <source>weight value (BatchNorm folded)</source>
        <translation>权重值（已折叠 BatchNorm）</translation>
    </message>
    <message>
        <source>&lt;b&gt;channel %1&lt;/b&gt;&lt;br&gt;[%2, %3]&lt;br&gt;range = %4% of the tensor&apos;s [%5, %6]&lt;br&gt;8-bit levels it spans: ~%7 per tensor, 256 per channel</source>
        <translation>&lt;b&gt;通道 %1&lt;/b&gt;&lt;br&gt;[%2, %3]&lt;br&gt;范围 = 张量 [%5, %6] 的 %4%&lt;br&gt;覆盖的 8 位量化级：逐张量约 %7，逐通道 256</translation>
    </message>
</context>
<context>
    <name>AnalysisPlotData</name>
    <message>
        <source>Measured under an earlier config: run %1 again to measure the table as it is now.</source>
        <translation>在之前的配置下测得：再次运行“%1”以测量表格当前的配置。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2)&lt;br&gt;accumulated, whole model int8: %3 dB (simulated %4 dB)&lt;br&gt;isolated, only this layer int8: %5 dB (simulated %6 dB)&lt;br&gt;predicted: %7 dB&lt;br&gt;Click to select the layer.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (%2)&lt;br&gt;累积，整个模型 int8：%3 dB（模拟 %4 dB）&lt;br&gt;独立，仅该层 int8：%5 dB（模拟 %6 dB）&lt;br&gt;预测：%7 dB&lt;br&gt;单击以选中该层。</translation>
    </message>
    <message numerus="yes">
        <source>SQNR of each layer&apos;s output against FP32 on %n images, worst first: accumulated with the whole model in int8, isolated with only that layer, predicted from the calibration histogram; measured in %1 s. Rank correlation of predicted and isolated SQNR (Spearman&apos;s ρ): %2.</source>
        <translation>
            <numerusform>在 %n 张图像上各层输出相对 FP32 的 SQNR，从差到好排列：累积为整个模型 int8，独立为仅该层 int8，预测来自校准直方图；用时 %1 秒。预测 SQNR 与独立 SQNR 的秩相关（Spearman ρ）：%2。</numerusform>
        </translation>
    </message>
    <message>
        <source>Analyze Layers</source>
        <translation>分析各层</translation>
    </message>
    <message>
        <source>top-1 drop from FP32 (points)</source>
        <translation>相对 FP32 的 top-1 下降（百分点）</translation>
    </message>
    <message>
        <source>output SQNR against FP32 (dB)</source>
        <translation>输出相对 FP32 的 SQNR (dB)</translation>
    </message>
    <message>
        <source>all_but: every other layer quantized with the table&apos;s config, this one FP32</source>
        <translation>all_but：其他各层按表格配置量化，该层保持 FP32</translation>
    </message>
    <message>
        <source>Only this layer quantized: weights at %1 bits, activations at 8</source>
        <translation>仅量化该层：权重 %1 位，激活 8 位</translation>
    </message>
    <message>
        <source>Only this layer quantized: activations at %1 bits, weights at 8</source>
        <translation>仅量化该层：激活 %1 位，权重 8 位</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;, %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;，%2</translation>
    </message>
    <message>
        <source>&lt;br&gt;top-1 %1 % (FP32 %2 %): %3 points lower</source>
        <translation>&lt;br&gt;top-1 %1 %（FP32 %2 %）：低 %3 个百分点</translation>
    </message>
    <message>
        <source>&lt;br&gt;output SQNR against FP32: %1 dB</source>
        <translation>&lt;br&gt;输出相对 FP32 的 SQNR：%1 dB</translation>
    </message>
    <message>
        <source>&lt;br&gt;probed on the whole model (the values before this layer are not observable)</source>
        <translation>&lt;br&gt;在整个模型上探测（该层之前的值无法观测）</translation>
    </message>
    <message>
        <source>&lt;br&gt;Click to select the layer.</source>
        <translation>&lt;br&gt;单击以选中该层。</translation>
    </message>
    <message numerus="yes">
        <source>On %n images: FP32 top-1 %1 %, every layer int8 %2 % (output SQNR %3 dB).</source>
        <translation>
            <numerusform>在 %n 张图像上：FP32 top-1 %1 %，所有层 int8 时 %2 %（输出 SQNR %3 dB）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>On %n images without labels: every layer int8 has an output SQNR of %1 dB.</source>
        <translation>
            <numerusform>在 %n 张无标签图像上：所有层 int8 时输出 SQNR 为 %1 dB。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cost: %n probes in %1 s (activation cache %2 s, %3 MiB); run on the whole model they would take %4 s.</source>
        <translation>
            <numerusform>开销：%n 次探测用时 %1 秒（激活缓存 %2 秒，%3 MiB）；若在整个模型上运行需 %4 秒。</numerusform>
        </translation>
    </message>
    <message>
        <source>The probes ran %1 % of the model&apos;s multiply-accumulates on average, so caching saves at most %2×.</source>
        <translation>探测平均运行了模型 %1 % 的乘加运算，因此缓存最多节省 %2×。</translation>
    </message>
    <message>
        <source>Sensitivity Sweep</source>
        <translation>敏感度扫描</translation>
    </message>
</context>
<context>
    <name>qs::gui::AnalysisDocks</name>
    <message>
        <source>Top-1 drop from FP32</source>
        <translation>相对 FP32 的 top-1 下降</translation>
    </message>
    <message>
        <source>Output SQNR against FP32</source>
        <translation>输出相对 FP32 的 SQNR</translation>
    </message>
    <message>
        <source>Cell colour:</source>
        <translation>单元格颜色：</translation>
    </message>
    <message>
        <source>Run › Analyze Layers to measure every layer&apos;s SQNR against FP32: with the whole model in int8 (accumulated) and with only that layer (isolated), on oneDNN and on its simulation.</source>
        <translation>运行 › 分析各层 可测量每层相对 FP32 的 SQNR：整个模型 int8（累积）与仅该层 int8（独立），分别在 oneDNN 上和其模拟上。</translation>
    </message>
    <message>
        <source>Run › Sensitivity Sweep to see what quantizing each layer alone at 8, 6 and 4 bits costs, and what keeping it in FP32 while the rest is int8 gains.</source>
        <translation>运行 › 敏感度扫描 可查看单独以 8、6、4 位量化每一层的代价，以及在其余各层为 int8 时让该层保持 FP32 的收益。</translation>
    </message>
</context>
<context>
    <name>qs::gui::AutoquantDialog</name>
    <message>
        <source>Auto Mixed Precision</source>
        <translation>自动混合精度</translation>
    </message>
    <message>
        <source>Minimise:</source>
        <translation>最小化：</translation>
    </message>
    <message>
        <source>Size of the weights</source>
        <translation>权重大小</translation>
    </message>
    <message>
        <source>Latency (measured, batch 1)</source>
        <translation>延迟（实测，批大小 1）</translation>
    </message>
    <message>
        <source>Latency: every candidate is also timed, batch-1 inference of the whole model on this CPU (median of at least 30 runs), and layers move between int8 and FP32 only: lower weight widths run the same int8 kernels, so they do not change latency.</source>
        <translation>延迟：每个候选还会计时，即在此 CPU 上以批大小 1 对整个模型推理（至少 30 次运行的中位数），且各层只在 int8 与 FP32 之间切换：更低的权重位宽运行相同的 int8 内核，因此不改变延迟。</translation>
    </message>
    <message>
        <source> points</source>
        <translation> 个百分点</translation>
    </message>
    <message>
        <source> dB</source>
        <translation> dB</translation>
    </message>
    <message>
        <source>8 bits</source>
        <translation>8 位</translation>
    </message>
    <message>
        <source>%1 bits</source>
        <translation>%1 位</translation>
    </message>
    <message>
        <source>all %1 evaluation images</source>
        <translation>全部 %1 张评估图像</translation>
    </message>
    <message>
        <source>all evaluation images</source>
        <translation>全部评估图像</translation>
    </message>
    <message>
        <source>Top-1 at most this far below FP32:</source>
        <translation>top-1 最多低于 FP32：</translation>
    </message>
    <message>
        <source>Without labels, worst output SQNR at least:</source>
        <translation>无标签时最差输出的 SQNR 至少：</translation>
    </message>
    <message>
        <source>Weight widths a layer may take:</source>
        <translation>每层可用的权重位宽：</translation>
    </message>
    <message>
        <source>Evaluate every candidate on:</source>
        <translation>每个候选的评估图像：</translation>
    </message>
    <message>
        <source>The search starts from the table&apos;s config and lowers one layer&apos;s weight width at a time, in the order the sensitivity sweep suggests; every candidate is a real int8 evaluation of the whole model and becomes a run (the search&apos;s trace on the accuracy-vs-size plot). Activations keep their widths. For latency, layers only move between int8 and FP32 and each candidate&apos;s measured latency shows in the runs table.</source>
        <translation>搜索从表格中的配置开始，按敏感度扫描建议的顺序每次降低一层的权重位宽；每个候选都是对整个模型的一次真实 int8 评估，并成为一次运行（即精度与大小图上的搜索轨迹）。激活保持原有位宽。以延迟为目标时，各层只在 int8 与 FP32 之间切换，每个候选实测的延迟显示在运行表中。</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
</context>
<context>
    <name>qs::widgets::LayerErrorChart</name>
    <message>
        <source>Run › Analyze Layers to measure every layer&apos;s SQNR against FP32.</source>
        <translation>运行 › 分析各层 可测量每层相对 FP32 的 SQNR。</translation>
    </message>
    <message>
        <source>No layer runs in int8: nothing to measure.</source>
        <translation>没有层以 int8 运行：无可测量。</translation>
    </message>
    <message>
        <source>isolated</source>
        <translation>独立</translation>
    </message>
    <message>
        <source>accumulated</source>
        <translation>累积</translation>
    </message>
    <message>
        <source>predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>%1 (int8 ≠ sim)</source>
        <translation>%1（int8 ≠ 模拟）</translation>
    </message>
    <message>
        <source>SQNR of the layer&apos;s output against FP32 (dB; higher is better)</source>
        <translation>该层输出相对 FP32 的 SQNR（dB，越高越好）</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;accumulated %2 dB, isolated %3 dB (click to select)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;累积 %2 dB，独立 %3 dB（单击选中）</translation>
    </message>
</context>
<context>
    <name>qs::widgets::SensitivityHeatmap</name>
    <message>
        <source>Run › Sensitivity Sweep to see how much each layer costs at each bit width.</source>
        <translation>运行 › 敏感度扫描 可查看每层在各位宽下的代价。</translation>
    </message>
    <message>
        <source>No layer runs in int8: nothing to probe.</source>
        <translation>没有层以 int8 运行：无可探测。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;, %2: %3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;，%2：%3</translation>
    </message>
</context>
<context>
    <name>qs::gui::InputShapeDialog</name>
    <message>
        <source>Input Shape of %1</source>
        <translation>%1 的输入形状</translation>
    </message>
    <message>
        <source>Dynamic inputs: %1</source>
        <translation>动态输入：%1</translation>
    </message>
    <message>
        <source>Give the shape to run it at, batch first, e.g. &lt;b&gt;1x3x320x320&lt;/b&gt;, or &lt;b&gt;NAME=1x3x48x192&lt;/b&gt; per input separated by &apos;;&apos;. It is remembered for this model and used for calibration, evaluation and the layer table.</source>
        <translation>给出运行时的形状，批量维在前，例如 &lt;b&gt;1x3x320x320&lt;/b&gt;，或每个输入写作 &lt;b&gt;NAME=1x3x48x192&lt;/b&gt;，以 &apos;;&apos; 分隔。该形状会为此模型记住，并用于校准、评估和层表。</translation>
    </message>
</context>
</TS>
