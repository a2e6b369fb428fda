<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ColorMap</name>
    <message>
        <source>Grey</source>
        <translation>灰度</translation>
    </message>
    <message>
        <source>Hot iron</source>
        <translation>热铁</translation>
    </message>
    <message>
        <source>PET rainbow</source>
        <translation>PET 彩虹</translation>
    </message>
    <message>
        <source>Viridis (colour-blind safe)</source>
        <translation>Viridis（色盲友好）</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>Options:</source>
        <translation>选项：</translation>
    </message>
    <message>
        <source>Example: edgefuse --a mri.png --b ct.png, or edgefuse --demo. With --screenshot the exit code is 0 on success and otherwise that of edgefuse-cli for the same error (docs/cli.md).</source>
        <translation>示例：edgefuse --a mri.png --b ct.png，或 edgefuse --demo。使用 --screenshot 时，成功则退出码为 0，否则与 edgefuse-cli 对同一错误的退出码相同（docs/cli.md）。</translation>
    </message>
    <message>
        <source>EdgeFuse %1 — multimodal medical image fusion workstation. Research use only, not for primary diagnosis.</source>
        <translation>EdgeFuse %1 — 多模态医学图像融合工作站。仅供研究使用，不得用于初级诊断。</translation>
    </message>
    <message>
        <source>Show this help and exit.</source>
        <translation>显示此帮助并退出。</translation>
    </message>
    <message>
        <source>Show the version and exit.</source>
        <translation>显示版本并退出。</translation>
    </message>
    <message>
        <source>Anatomical source image A (MRI): an image file or DICOM folder.</source>
        <translation>解剖源图像 A（MRI）：图像文件或 DICOM 文件夹。</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Second source image B (CT, SPECT, PET or another MRI): a file or DICOM folder.</source>
        <translation>第二幅源图像 B（CT、SPECT、PET 或其他 MRI）：文件或 DICOM 文件夹。</translation>
    </message>
    <message>
        <source>Open the built-in digital head phantom (MRI-like and CT-like).</source>
        <translation>打开内置的数字头部体模（类 MRI 与类 CT）。</translation>
    </message>
    <message>
        <source>Load, fuse, save a screenshot of the main window as PNG and exit (0 on success). Uses default settings and leaves the stored ones untouched.</source>
        <translation>加载、融合、将主窗口截图保存为 PNG 并退出（成功时为 0）。使用默认设置，不改动已保存的设置。</translation>
    </message>
    <message>
        <source>OUT.png</source>
        <translation>输出.png</translation>
    </message>
    <message>
        <source>Window size, e.g. 1366x768.</source>
        <translation>窗口大小，例如 1366x768。</translation>
    </message>
    <message>
        <source>WxH</source>
        <translation>宽x高</translation>
    </message>
    <message>
        <source>User interface language: en, de or zh_CN.</source>
        <translation>界面语言：en、de 或 zh_CN。</translation>
    </message>
    <message>
        <source>CODE</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Fusion model: a shipped name, a model folder or a weights file.</source>
        <translation>融合模型：内置名称、模型文件夹或权重文件。</translation>
    </message>
    <message>
        <source>SPEC</source>
        <translation>规格</translation>
    </message>
    <message>
        <source>Compute device: auto, cpu or cuda.</source>
        <translation>计算设备：auto、cpu 或 cuda。</translation>
    </message>
    <message>
        <source>DEVICE</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Fusion method: network, average, max or laplacian.</source>
        <translation>融合方法：network、average、max 或 laplacian。</translation>
    </message>
    <message>
        <source>METHOD</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Fusion strategy: addition, average, fer, l1nw, al1nw, fl1n, max or sfnn.</source>
        <translation>融合策略：addition、average、fer、l1nw、al1nw、fl1n、max 或 sfnn。</translation>
    </message>
    <message>
        <source>STRATEGY</source>
        <translation>策略</translation>
    </message>
    <message>
        <source>BatchNorm mode: running or batch.</source>
        <translation>BatchNorm 模式：running 或 batch。</translation>
    </message>
    <message>
        <source>MODE</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>With --screenshot: give up after this many seconds (default 600).</source>
        <translation>配合 --screenshot：超过此秒数后放弃（默认 600）。</translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation>秒数</translation>
    </message>
    <message>
        <source>Unexpected argument: %1</source>
        <translation>意外的参数：%1</translation>
    </message>
    <message>
        <source>--demo cannot be combined with --a or --b.</source>
        <translation>--demo 不能与 --a 或 --b 同时使用。</translation>
    </message>
    <message>
        <source>--screenshot needs --demo, or both --a and --b.</source>
        <translation>--screenshot 需要 --demo，或同时提供 --a 和 --b。</translation>
    </message>
    <message>
        <source>Unknown language &apos;%1&apos; (use en, de or zh_CN).</source>
        <translation>未知语言“%1”（请使用 en、de 或 zh_CN）。</translation>
    </message>
    <message>
        <source>--window-size needs WIDTHxHEIGHT, e.g. 1366x768.</source>
        <translation>--window-size 需要“宽x高”，例如 1366x768。</translation>
    </message>
    <message>
        <source>--timeout needs a positive number of seconds.</source>
        <translation>--timeout 需要一个正的秒数。</translation>
    </message>
    <message>
        <source>--device must be auto, cpu or cuda.</source>
        <translation>--device 必须是 auto、cpu 或 cuda。</translation>
    </message>
    <message>
        <source>--method must be network, average, max or laplacian.</source>
        <translation>--method 必须是 network、average、max 或 laplacian。</translation>
    </message>
    <message>
        <source>Unknown --strategy (see --help).</source>
        <translation>未知的 --strategy（见 --help）。</translation>
    </message>
    <message>
        <source>--bn-mode must be running or batch.</source>
        <translation>--bn-mode 必须是 running 或 batch。</translation>
    </message>
    <message>
        <source>Run &apos;edgefuse --help&apos; for the options.</source>
        <translation>运行“edgefuse --help”查看选项。</translation>
    </message>
    <message>
        <source>Usage: %1 [options] [A [B]]</source>
        <translation>用法：%1 [选项] [A [B]]</translation>
    </message>
</context>
<context>
    <name>CompareMode</name>
    <message>
        <source>Fused</source>
        <translation>融合</translation>
    </message>
    <message>
        <source>Blend</source>
        <translation>叠加</translation>
    </message>
    <message>
        <source>Checkerboard</source>
        <translation>棋盘格</translation>
    </message>
    <message>
        <source>Wipe</source>
        <translation>滑动对比</translation>
    </message>
</context>
<context>
    <name>DisplayWindow</name>
    <message>
        <source>Automatic (0.5–99.5 %)</source>
        <translation>自动（0.5–99.5 %）</translation>
    </message>
    <message>
        <source>Full range</source>
        <translation>全范围</translation>
    </message>
    <message>
        <source>CT brain (W 80, L 40)</source>
        <translation>CT 脑窗（W 80，L 40）</translation>
    </message>
    <message>
        <source>CT subdural (W 215, L 75)</source>
        <translation>CT 硬膜下窗（W 215，L 75）</translation>
    </message>
    <message>
        <source>CT bone (W 2800, L 600)</source>
        <translation>CT 骨窗（W 2800，L 600）</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>A setting or input is not valid. Check the values and try again.</source>
        <translation>某项设置或输入无效。请检查数值后重试。</translation>
    </message>
    <message>
        <source>The file or folder does not exist. It may have been moved or deleted.</source>
        <translation>文件或文件夹不存在，可能已被移动或删除。</translation>
    </message>
    <message>
        <source>The file could not be read. Check that it is accessible and not in use.</source>
        <translation>无法读取该文件。请检查其是否可访问且未被占用。</translation>
    </message>
    <message>
        <source>This file type or pixel format is not supported. Use PNG, JPEG, TIFF, BMP or DICOM.</source>
        <translation>不支持此文件类型或像素格式。请使用 PNG、JPEG、TIFF、BMP 或 DICOM。</translation>
    </message>
    <message>
        <source>The DICOM pixel data is compressed in a way EdgeFuse cannot decode. Export the series uncompressed from your PACS and load it again.</source>
        <translation>DICOM 像素数据的压缩方式 EdgeFuse 无法解码。请从 PACS 以非压缩方式导出该序列后重新加载。</translation>
    </message>
    <message>
        <source>The file is damaged or incomplete.</source>
        <translation>文件已损坏或不完整。</translation>
    </message>
    <message>
        <source>The file is valid but holds no image (for example a structured report or an RT structure set).</source>
        <translation>文件有效但不含图像（例如结构化报告或放疗结构集）。</translation>
    </message>
    <message>
        <source>The image is too large to process. Use a smaller image or a classical fusion method.</source>
        <translation>图像过大，无法处理。请使用较小的图像或经典融合方法。</translation>
    </message>
    <message>
        <source>The two images cannot be brought onto one grid. Register them first, then load them again.</source>
        <translation>两幅图像无法对齐到同一网格。请先进行配准，然后重新加载。</translation>
    </message>
    <message>
        <source>No matching image pairs were found.</source>
        <translation>未找到匹配的图像对。</translation>
    </message>
    <message>
        <source>The file could not be written. Check the folder&apos;s permissions and the free disk space.</source>
        <translation>无法写入文件。请检查文件夹权限和可用磁盘空间。</translation>
    </message>
    <message>
        <source>That would overwrite a source image. Choose another file name.</source>
        <translation>这会覆盖源图像。请选择其他文件名。</translation>
    </message>
    <message>
        <source>The file exists already and was not replaced.</source>
        <translation>文件已存在，未被替换。</translation>
    </message>
    <message>
        <source>The fusion model was not found. Network fusion is unavailable; the classical methods still work.</source>
        <translation>未找到融合模型。网络融合不可用；经典方法仍可使用。</translation>
    </message>
    <message>
        <source>The fusion model is damaged or incomplete. Reinstall EdgeFuse or choose another model.</source>
        <translation>融合模型已损坏或不完整。请重新安装 EdgeFuse 或选择其他模型。</translation>
    </message>
    <message>
        <source>The fusion model&apos;s weights do not match their checksum. Reinstall EdgeFuse.</source>
        <translation>融合模型的权重与其校验和不符。请重新安装 EdgeFuse。</translation>
    </message>
    <message>
        <source>The requested compute device is not available. Choose “Automatic” or “CPU” in the preferences.</source>
        <translation>所请求的计算设备不可用。请在首选项中选择“自动”或“CPU”。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>An unexpected error occurred. Please report it with the details below.</source>
        <translation>发生意外错误。请附上以下详细信息报告此问题。</translation>
    </message>
    <message>
        <source>%1 (Details: %2)</source>
        <translation>%1（详细信息：%2）</translation>
    </message>
    <message>
        <source>The two images are not aligned well enough to fuse them with the network. Check how they were aligned, or give a transform.</source>
        <translation>两幅图像对齐得不够好，无法用网络融合。请检查它们的对齐方式，或提供一个变换。</translation>
    </message>
    <message>
        <source>The image is larger than EdgeFuse can open. Reduce it with another program first, or open a smaller series.</source>
        <translation>图像超出了 EdgeFuse 能打开的大小。请先用其他程序缩小它，或打开一个较小的序列。</translation>
    </message>
    <message>
        <source>The PACS could not be reached or stopped answering. Check the node&apos;s host, port and TLS settings and the network, then try again.</source>
        <translation>无法连接 PACS，或 PACS 已停止响应。请检查该节点的主机、端口和 TLS 设置以及网络，然后重试。</translation>
    </message>
    <message>
        <source>The PACS refused the request. Check the node&apos;s AE title and that EdgeFuse&apos;s AE title is known to the PACS.</source>
        <translation>PACS 拒绝了请求。请检查该节点的 AE 标题，以及 PACS 是否已登记 EdgeFuse 的 AE 标题。</translation>
    </message>
</context>
<context>
    <name>MetricText</name>
    <message>
        <source>n/a</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>%1 dB</source>
        <translation>%1 dB</translation>
    </message>
</context>
<context>
    <name>ScreenshotSession</name>
    <message>
        <source>No fusion result within the time limit.</source>
        <translation>在时限内未得到融合结果。</translation>
    </message>
</context>
<context>
    <name>edgefuse::ui::ClassifierChart</name>
    <message>
        <source>The tumour classifier is not available in this build.</source>
        <translation>此版本不包含肿瘤分类器。</translation>
    </message>
    <message>
        <source>The classifier&apos;s probabilities for A, B and the fused image appear after the next fusion.</source>
        <translation>分类器对 A、B 和融合图像的概率将在下一次融合后显示。</translation>
    </message>
    <message>
        <source>Classification failed: %1</source>
        <translation>分类失败：%1</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>A (anatomical)</source>
        <translation>A（解剖）</translation>
    </message>
    <message>
        <source>B (second image)</source>
        <translation>B（第二幅图像）</translation>
    </message>
    <message>
        <source>Fused</source>
        <translation>融合</translation>
    </message>
    <message>
        <source>Classifier %1. Research use only: not a diagnosis.</source>
        <translation>分类器 %1。仅供研究使用：不构成诊断。</translation>
    </message>
    <message>
        <source>Classifier model card</source>
        <translation>分类器模型卡</translation>
    </message>
    <message>
        <source>The model card %1 could not be read: %2</source>
        <translation>无法读取模型卡 %1：%2</translation>
    </message>
    <message>
        <source>%1: outside the classifier&apos;s training data; its probabilities are not reliable here.</source>
        <translation>%1：超出分类器的训练数据范围；此处的概率不可靠。</translation>
    </message>
    <message>
        <source>%1: the classifier cannot tell whether this image is like its training data.</source>
        <translation>%1：分类器无法判断此图像是否与其训练数据相似。</translation>
    </message>
    <message>
        <source>Model card…</source>
        <translation>模型卡…</translation>
    </message>
    <message>
        <source>What the classifier was trained on, how well it does, and its limits</source>
        <translation>分类器的训练数据、性能及其局限</translation>
    </message>
    <message>
        <source>Glioma</source>
        <translation>胶质瘤</translation>
    </message>
    <message>
        <source>Meningioma</source>
        <translation>脑膜瘤</translation>
    </message>
    <message>
        <source>No tumour</source>
        <translation>无肿瘤</translation>
    </message>
    <message>
        <source>Pituitary tumour</source>
        <translation>垂体瘤</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>%1: shows no structure (noise or a damaged file); the probabilities mean nothing.</source>
        <translation>%1：图像没有任何结构（噪声或损坏的文件）；这些概率没有意义。</translation>
    </message>
</context>
<context>
    <name>edgefuse::ui::FusedView</name>
    <message>
        <source>Fused</source>
        <translation>融合</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
</context>
<context>
    <name>edgefuse::ui::HistogramChart</name>
    <message>
        <source>A (anatomical)</source>
        <translation>A（解剖）</translation>
    </message>
    <message>
        <source>B (second image)</source>
        <translation>B（第二幅图像）</translation>
    </message>
    <message>
        <source>Fused</source>
        <translation>融合</translation>
    </message>
    <message>
        <source>Normalised intensity</source>
        <translation>归一化强度</translation>
    </message>
    <message>
        <source>Fraction of pixels</source>
        <translation>像素占比</translation>
    </message>
    <message>
        <source>Intensities after the normalisation the network uses; logarithmic scale.</source>
        <translation>网络所用归一化后的强度；对数刻度。</translation>
    </message>
</context>
<context>
    <name>edgefuse::ui::ImageView</name>
    <message>
        <source>W %1  L %2</source>
        <translation>窗宽 %1  窗位 %2</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Slice %1/%2</source>
        <translation>层面 %1/%2</translation>
    </message>
</context>
<context>
    <name>edgefuse::ui::MainWindow</name>
    <message>
        <source>The method comparison failed: %1</source>
        <translation>方法比较失败：%1</translation>
    </message>
    <message>
        <source>Open source A (anatomical, MRI)</source>
        <translation>打开源图像 A（解剖，MRI）</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.dcm);;All files (*)</source>
        <translation>图像 (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.dcm);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open source B (CT, SPECT, PET or MRI)</source>
        <translation>打开源图像 B（CT、SPECT、PET 或 MRI）</translation>
    </message>
    <message>
        <source>Open a DICOM series as A</source>
        <translation>将 DICOM 序列作为 A 打开</translation>
    </message>
    <message>
        <source>Open a DICOM series as B</source>
        <translation>将 DICOM 序列作为 B 打开</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>对比(&amp;C)</translation>
    </message>
    <message>
        <source>Colour &amp;map</source>
        <translation>颜色映射(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Window/level</source>
        <translation>窗宽/窗位(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Navigate</source>
        <translation>导航(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>面板(&amp;P)</translation>
    </message>
    <message>
        <source>F&amp;usion</source>
        <translation>融合(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Method</source>
        <translation>方法(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Strategy</source>
        <translation>策略(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;BatchNorm mode</source>
        <translation>BatchNorm 模式(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Main tool bar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Open source &amp;A (MRI)…</source>
        <translation>打开源图像 A（MRI）(&amp;A)…</translation>
    </message>
    <message>
        <source>Open the anatomical image A (MRI) — %1</source>
        <translation>打开解剖图像 A（MRI）— %1</translation>
    </message>
    <message>
        <source>Open source &amp;B (CT, SPECT, PET)…</source>
        <translation>打开源图像 B（CT、SPECT、PET）(&amp;B)…</translation>
    </message>
    <message>
        <source>Open the second image B (CT, SPECT, PET or another MRI sequence) — %1</source>
        <translation>打开第二幅图像 B（CT、SPECT、PET 或其他 MRI 序列）— %1</translation>
    </message>
    <message>
        <source>Open DICOM series as A…</source>
        <translation>将 DICOM 序列作为 A 打开…</translation>
    </message>
    <message>
        <source>Open DICOM series as B…</source>
        <translation>将 DICOM 序列作为 B 打开…</translation>
    </message>
    <message>
        <source>Open the &amp;demo pair</source>
        <translation>打开演示图像对(&amp;D)</translation>
    </message>
    <message>
        <source>Open the built-in digital head phantom (MRI-like A, CT-like B)</source>
        <translation>打开内置数字头部体模（类 MRI 的 A，类 CT 的 B）</translation>
    </message>
    <message>
        <source>Clear the list</source>
        <translation>清空列表</translation>
    </message>
    <message>
        <source>Fused image as &amp;PNG…</source>
        <translation>融合图像另存为 PNG(&amp;P)…</translation>
    </message>
    <message>
        <source>Export the fused image as PNG with provenance</source>
        <translation>将融合图像导出为带来源信息的 PNG</translation>
    </message>
    <message>
        <source>&amp;Screenshot of the views…</source>
        <translation>视图截图(&amp;S)…</translation>
    </message>
    <message>
        <source>Save what the three views show as PNG</source>
        <translation>将三个视图的内容保存为 PNG</translation>
    </message>
    <message>
        <source>Metrics as &amp;CSV…</source>
        <translation>指标导出为 CSV(&amp;C)…</translation>
    </message>
    <message>
        <source>Metrics as &amp;JSON…</source>
        <translation>指标导出为 JSON(&amp;J)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Fuse now</source>
        <translation>立即融合(&amp;F)</translation>
    </message>
    <message>
        <source>Fuse the current pair again (F5)</source>
        <translation>重新融合当前图像对（F5）</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>Cancel the running fusion or comparison (Esc)</source>
        <translation>取消正在进行的融合或比较（Esc）</translation>
    </message>
    <message>
        <source>Compare &amp;methods</source>
        <translation>比较方法(&amp;M)</translation>
    </message>
    <message>
        <source>Fuse the pair with every strategy and baseline and compare their metrics (Ctrl+M)</source>
        <translation>用每种策略和基线方法融合该图像对并比较其指标（Ctrl+M）</translation>
    </message>
    <message>
        <source>Not available in this build: it has no metrics library</source>
        <translation>此版本不可用：未包含指标库</translation>
    </message>
    <message>
        <source>Next strategy</source>
        <translation>下一个策略</translation>
    </message>
    <message>
        <source>Previous strategy</source>
        <translation>上一个策略</translation>
    </message>
    <message>
        <source>Next BatchNorm mode</source>
        <translation>下一个 BatchNorm 模式</translation>
    </message>
    <message>
        <source>Network (EH-DRAN)</source>
        <translation>网络（EH-DRAN）</translation>
    </message>
    <message>
        <source>Average (baseline)</source>
        <translation>平均（基线）</translation>
    </message>
    <message>
        <source>Maximum (baseline)</source>
        <translation>最大值（基线）</translation>
    </message>
    <message>
        <source>Laplacian pyramid (baseline)</source>
        <translation>拉普拉斯金字塔（基线）</translation>
    </message>
    <message>
        <source>EH-DRAN network</source>
        <translation>EH-DRAN 网络</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>Maximum</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>Laplacian pyramid</source>
        <translation>拉普拉斯金字塔</translation>
    </message>
    <message>
        <source>SFNN (softmax nuclear norm)</source>
        <translation>SFNN（softmax 核范数）</translation>
    </message>
    <message>
        <source>Model default</source>
        <translation>模型默认</translation>
    </message>
    <message>
        <source>Running statistics</source>
        <translation>滑动统计量</translation>
    </message>
    <message>
        <source>Per-image statistics</source>
        <translation>逐图像统计量</translation>
    </message>
    <message>
        <source>BN model</source>
        <translation>BN 模型</translation>
    </message>
    <message>
        <source>BN running</source>
        <translation>BN 滑动</translation>
    </message>
    <message>
        <source>BN per-image</source>
        <translation>BN 逐图像</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Strategy</source>
        <translation>策略</translation>
    </message>
    <message>
        <source>Fusion method (Ctrl+Alt+N/A/X/L)</source>
        <translation>融合方法（Ctrl+Alt+N/A/X/L）</translation>
    </message>
    <message>
        <source>Fusion strategy of the network (S / Shift+S)</source>
        <translation>网络的融合策略（S / Shift+S）</translation>
    </message>
    <message>
        <source>BatchNorm statistics at inference (Ctrl+Alt+B)</source>
        <translation>推理时的 BatchNorm 统计量（Ctrl+Alt+B）</translation>
    </message>
    <message>
        <source>Show the fused image (1)</source>
        <translation>显示融合图像（1）</translation>
    </message>
    <message>
        <source>Blend: A in grey with B in colour on top; the slider sets B&apos;s opacity (2)</source>
        <translation>叠加：A 为灰度，B 以彩色覆盖其上；滑块调节 B 的不透明度（2）</translation>
    </message>
    <message>
        <source>Checkerboard of the fused image and a source (3)</source>
        <translation>融合图像与一幅源图像的棋盘格（3）</translation>
    </message>
    <message>
        <source>Wipe: fused image left of the divider, a source right of it (4)</source>
        <translation>滑动对比：分隔线左侧为融合图像，右侧为源图像（4）</translation>
    </message>
    <message>
        <source>Compare with source &amp;A</source>
        <translation>与源图像 A 对比(&amp;A)</translation>
    </message>
    <message>
        <source>Compare with source &amp;B</source>
        <translation>与源图像 B 对比(&amp;B)</translation>
    </message>
    <message>
        <source>Switch the compared source</source>
        <translation>切换对比的源图像</translation>
    </message>
    <message>
        <source>Less B / divider left</source>
        <translation>减少 B / 分隔线左移</translation>
    </message>
    <message>
        <source>More B / divider right</source>
        <translation>增加 B / 分隔线右移</translation>
    </message>
    <message>
        <source>Colour map of functional images (PET, SPECT) and of B in the blend (G, H, R, V)</source>
        <translation>功能图像（PET、SPECT）及叠加中 B 的颜色映射（G、H、R、V）</translation>
    </message>
    <message>
        <source>&amp;Fit to window</source>
        <translation>适应窗口(&amp;F)</translation>
    </message>
    <message>
        <source>Fit the images into the views (Ctrl+0, F)</source>
        <translation>使图像适应视图（Ctrl+0、F）</translation>
    </message>
    <message>
        <source>&amp;Actual size (1:1)</source>
        <translation>实际大小（1:1）(&amp;A)</translation>
    </message>
    <message>
        <source>One screen pixel per image pixel (Ctrl+1)</source>
        <translation>每个图像像素对应一个屏幕像素（Ctrl+1）</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom in (+)</source>
        <translation>放大（+）</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>Zoom out (−)</source>
        <translation>缩小（−）</translation>
    </message>
    <message>
        <source>Pan left</source>
        <translation>向左平移</translation>
    </message>
    <message>
        <source>Pan right</source>
        <translation>向右平移</translation>
    </message>
    <message>
        <source>Pan up</source>
        <translation>向上平移</translation>
    </message>
    <message>
        <source>Pan down</source>
        <translation>向下平移</translation>
    </message>
    <message>
        <source>Previous slice</source>
        <translation>上一层面</translation>
    </message>
    <message>
        <source>Next slice</source>
        <translation>下一层面</translation>
    </message>
    <message>
        <source>First slice</source>
        <translation>第一层面</translation>
    </message>
    <message>
        <source>Last slice</source>
        <translation>最后层面</translation>
    </message>
    <message>
        <source>&amp;Crosshair</source>
        <translation>十字线(&amp;C)</translation>
    </message>
    <message>
        <source>Show the linked crosshair; click into a view to place it (C)</source>
        <translation>显示联动十字线；在视图中单击以放置（C）</translation>
    </message>
    <message>
        <source>&amp;Metric overlay</source>
        <translation>指标叠加显示(&amp;M)</translation>
    </message>
    <message>
        <source>Show the key metrics on the fused view (M)</source>
        <translation>在融合视图上显示关键指标（M）</translation>
    </message>
    <message>
        <source>F&amp;ull screen</source>
        <translation>全屏(&amp;U)</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>Histograms</source>
        <translation>直方图</translation>
    </message>
    <message>
        <source>Methods</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Classifier</source>
        <translation>分类器</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About EdgeFuse</source>
        <translation>关于 EdgeFuse(&amp;A)</translation>
    </message>
    <message>
        <source>Fused</source>
        <translation>融合</translation>
    </message>
    <message>
        <source>Drop the anatomical image (MRI) here
or press Ctrl+O</source>
        <translation>将解剖图像（MRI）拖放到此处
或按 Ctrl+O</translation>
    </message>
    <message>
        <source>Drop the second image (CT, SPECT, PET) here
or press Ctrl+Shift+O</source>
        <translation>将第二幅图像（CT、SPECT、PET）拖放到此处
或按 Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>The fused image appears here.
Ctrl+Shift+D opens the demo pair.</source>
        <translation>融合图像将显示在此处。
Ctrl+Shift+D 打开演示图像对。</translation>
    </message>
    <message>
        <source>Research use only — not for primary diagnosis</source>
        <translation>仅供研究使用 — 不得用于初级诊断</translation>
    </message>
    <message>
        <source>EdgeFuse is a research tool. Its images and numbers must not be used for primary diagnosis.</source>
        <translation>EdgeFuse 是研究工具。其图像和数值不得用于初级诊断。</translation>
    </message>
    <message>
        <source>Starting the engine…</source>
        <translation>正在启动引擎…</translation>
    </message>
    <message>
        <source>CPU · %1</source>
        <translation>CPU · %1</translation>
    </message>
    <message>
        <source>Compute device: %1</source>
        <translation>计算设备：%1</translation>
    </message>
    <message>
        <source>Compute device: %1
%2</source>
        <translation>计算设备：%1
%2</translation>
    </message>
    <message>
        <source>Model %1</source>
        <translation>模型 %1</translation>
    </message>
    <message>
        <source>No fusion model</source>
        <translation>无融合模型</translation>
    </message>
    <message>
        <source>No fusion model could be loaded, so network fusion is unavailable. Choose a classical method (average, maximum, Laplacian pyramid) in the tool bar. %1</source>
        <translation>无法加载融合模型，因此网络融合不可用。请在工具栏中选择经典方法（平均、最大值、拉普拉斯金字塔）。%1</translation>
    </message>
    <message>
        <source>Engine unavailable</source>
        <translation>引擎不可用</translation>
    </message>
    <message>
        <source>The fusion engine could not start: %1</source>
        <translation>融合引擎无法启动：%1</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>%1 could not be opened: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>Making the digital head phantom…</source>
        <translation>正在生成数字头部体模…</translation>
    </message>
    <message>
        <source>Digital head phantom, MRI-like</source>
        <translation>数字头部体模，类 MRI</translation>
    </message>
    <message>
        <source>Digital head phantom, CT-like</source>
        <translation>数字头部体模，类 CT</translation>
    </message>
    <message>
        <source>Aligning B to A…</source>
        <translation>正在将 B 对齐到 A…</translation>
    </message>
    <message>
        <source>A and B cannot be fused: %1</source>
        <translation>A 与 B 无法融合：%1</translation>
    </message>
    <message>
        <source>B (%1) differs from A (%2) in size or pixel spacing: B was resampled to A&apos;s grid for display and fusion. Details are in the notes.</source>
        <translation>B（%1）与 A（%2）的尺寸或像素间距不同：为显示和融合，B 已重采样到 A 的网格。详见说明。</translation>
    </message>
    <message>
        <source>A and B have different numbers of slices; see the notes for how they are paired.</source>
        <translation>A 与 B 的层面数不同；配对方式见说明。</translation>
    </message>
    <message>
        <source>A · Anatomical</source>
        <translation>A · 解剖</translation>
    </message>
    <message>
        <source>B · Second image</source>
        <translation>B · 第二幅图像</translation>
    </message>
    <message>
        <source>No image loaded</source>
        <translation>未加载图像</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>%1 slices</source>
        <translation>%1 个层面</translation>
    </message>
    <message>
        <source>colour</source>
        <translation>彩色</translation>
    </message>
    <message>
        <source>resampled to A</source>
        <translation>已重采样到 A</translation>
    </message>
    <message>
        <source>Notes: %1</source>
        <translation>说明：%1</translation>
    </message>
    <message>
        <source>Nothing was changed in the data</source>
        <translation>数据未作任何改动</translation>
    </message>
    <message>
        <source>What was done to the data — click to see every note</source>
        <translation>对数据所做的处理 — 单击查看全部说明</translation>
    </message>
    <message>
        <source>Fusion cancelled</source>
        <translation>融合已取消</translation>
    </message>
    <message>
        <source>The fusion failed: %1</source>
        <translation>融合失败：%1</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 ms</source>
        <translation>%1 · %2 · %3 毫秒</translation>
    </message>
    <message>
        <source>Fusion %1 ms</source>
        <translation>融合 %1 毫秒</translation>
    </message>
    <message>
        <source>Fusion alone; with metrics and classifier %1 ms</source>
        <translation>仅融合；含指标与分类器共 %1 毫秒</translation>
    </message>
    <message>
        <source>Fused in %1 ms</source>
        <translation>融合用时 %1 毫秒</translation>
    </message>
    <message>
        <source>Metrics: not available in this build</source>
        <translation>指标：此版本不可用</translation>
    </message>
    <message>
        <source>Metrics failed — see the Metrics panel</source>
        <translation>指标计算失败 — 见“指标”面板</translation>
    </message>
    <message>
        <source>Preparing</source>
        <translation>准备中</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>编码中</translation>
    </message>
    <message>
        <source>Fusing features</source>
        <translation>融合特征中</translation>
    </message>
    <message>
        <source>Decoding</source>
        <translation>解码中</translation>
    </message>
    <message>
        <source>Computing metrics</source>
        <translation>计算指标中</translation>
    </message>
    <message>
        <source>Classifying</source>
        <translation>分类中</translation>
    </message>
    <message>
        <source>Finishing</source>
        <translation>即将完成</translation>
    </message>
    <message>
        <source>%1… %2 %</source>
        <translation>%1… %2 %</translation>
    </message>
    <message>
        <source>Comparing methods…</source>
        <translation>正在比较方法…</translation>
    </message>
    <message>
        <source>No CT image in Hounsfield units is loaded: CT presets do not apply.</source>
        <translation>未加载以亨氏单位表示的 CT 图像：CT 预设不适用。</translation>
    </message>
    <message>
        <source>Divider</source>
        <translation>分隔线</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>不透明度</translation>
    </message>
    <message>
        <source>Position of the wipe divider ([ and ])</source>
        <translation>滑动分隔线的位置（[ 和 ]）</translation>
    </message>
    <message>
        <source>Opacity of B over A in the blend ([ and ])</source>
        <translation>叠加中 B 覆盖 A 的不透明度（[ 和 ]）</translation>
    </message>
    <message>
        <source>x %1  y %2   A %3   B %4   Fused %5</source>
        <translation>x %1  y %2   A %3   B %4   融合 %5</translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation>替换文件？</translation>
    </message>
    <message>
        <source>%1 exists already. Do you want to replace it?</source>
        <translation>%1 已存在。要替换它吗？</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>%1 was not saved: %2</source>
        <translation>%1 未保存：%2</translation>
    </message>
    <message>
        <source>Export the fused image</source>
        <translation>导出融合图像</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Save a screenshot of the views</source>
        <translation>保存视图截图</translation>
    </message>
    <message>
        <source>Export the metrics as JSON</source>
        <translation>将指标导出为 JSON</translation>
    </message>
    <message>
        <source>Export the metrics as CSV</source>
        <translation>将指标导出为 CSV</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation>无最近文件</translation>
    </message>
    <message>
        <source>About EdgeFuse</source>
        <translation>关于 EdgeFuse</translation>
    </message>
    <message>
        <source>Not available in this build: it has no DICOM exporter</source>
        <translation>此版本不可用：未包含 DICOM 导出器</translation>
    </message>
    <message>
        <source>Export the metrics of the current fusion</source>
        <translation>导出当前融合的指标</translation>
    </message>
    <message>
        <source>Needs a CT image in Hounsfield units</source>
        <translation>需要以亨氏单位表示的 CT 图像</translation>
    </message>
    <message>
        <source>EdgeFuse</source>
        <translation>EdgeFuse</translation>
    </message>
    <message>
        <source>no A</source>
        <translation>无 A</translation>
    </message>
    <message>
        <source>no B</source>
        <translation>无 B</translation>
    </message>
    <message>
        <source>%1 + %2 — EdgeFuse</source>
        <translation>%1 + %2 — EdgeFuse</translation>
    </message>
    <message>
        <source>Fused image as &amp;DICOM…</source>
        <translation>融合图像导出为 &amp;DICOM…</translation>
    </message>
    <message>
        <source>&amp;Saliency overlay</source>
        <translation>显著性叠加(&amp;S)</translation>
    </message>
    <message>
        <source>Show on each view where the tumour classifier looked for its predicted class (Grad-CAM) (Shift+G)</source>
        <translation>在每个视图上显示肿瘤分类器为其预测类别关注的区域（Grad-CAM）(Shift+G)</translation>
    </message>
    <message>
        <source>Export the fused image as DICOM</source>
        <translation>将融合图像导出为 DICOM</translation>
    </message>
    <message>
        <source>DICOM files (*.dcm)</source>
        <translation>DICOM 文件 (*.dcm)</translation>
    </message>
    <message>
        <source>Patient identity</source>
        <translation>患者身份</translation>
    </message>
    <message>
        <source>Keep the patient&apos;s identity, so that the fused image joins the patient&apos;s study, or remove it (DICOM basic confidentiality profile) for research use outside the hospital?</source>
        <translation>保留患者身份，使融合图像归入该患者的检查；还是去除身份（DICOM 基本保密配置文件），以便在医院外用于研究？</translation>
    </message>
    <message>
        <source>Keep identity</source>
        <translation>保留身份</translation>
    </message>
    <message>
        <source>Anonymise</source>
        <translation>匿名化</translation>
    </message>
    <message>
        <source>Export the fused image as a derived DICOM image in the study of A</source>
        <translation>将融合图像作为派生 DICOM 图像导出到 A 的检查中</translation>
    </message>
    <message>
        <source>Fusing the series for the DICOM export: %1 % (Esc cancels)</source>
        <translation>正在为 DICOM 导出融合序列：%1 %（按 Esc 取消）</translation>
    </message>
    <message>
        <source>Writing the DICOM series…</source>
        <translation>正在写入 DICOM 序列…</translation>
    </message>
    <message>
        <source>Fused &amp;series as DICOM…</source>
        <translation>融合序列导出为 DICOM(&amp;S)…</translation>
    </message>
    <message>
        <source>Export the fused series as DICOM (a new folder)</source>
        <translation>将融合序列导出为 DICOM（新文件夹）</translation>
    </message>
    <message>
        <source>Folders (*)</source>
        <translation>文件夹 (*)</translation>
    </message>
    <message>
        <source>Fuse every slice with the current options and export them as one derived DICOM series</source>
        <translation>用当前选项融合每一层，并导出为一个派生 DICOM 序列</translation>
    </message>
    <message>
        <source>Needs a pair of image series (several slices)</source>
        <translation>需要一对图像序列（多层）</translation>
    </message>
    <message>
        <source>&lt;h3&gt;EdgeFuse %1&lt;/h3&gt;&lt;p&gt;Multimodal medical image fusion with the edge-enhanced dilated residual attention network (EH-DRAN) and its softmax nuclear-norm fusion strategy.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Research use only — not for primary diagnosis.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Qt %2 · LibTorch %3&lt;/p&gt;&lt;p&gt;Licence: GNU General Public License, version 3 or later (%4). There is no warranty. The licences of the libraries, data and models EdgeFuse uses are listed in THIRD_PARTY.md.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;EdgeFuse %1&lt;/h3&gt;&lt;p&gt;基于边缘增强空洞残差注意力网络（EH-DRAN）及其 softmax 核范数融合策略的多模态医学图像融合。&lt;/p&gt;&lt;p&gt;&lt;b&gt;仅供研究使用 — 不得用于初级诊断。&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Qt %2 · LibTorch %3&lt;/p&gt;&lt;p&gt;许可证：GNU 通用公共许可证第 3 版或更高版本（%4）。本软件不提供任何担保。EdgeFuse 所用库、数据和模型的许可证列于 THIRD_PARTY.md。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>edgefuse::ui::MethodComparisonChart</name>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>Metrics are not available in this build, so methods cannot be compared.</source>
        <translation>此版本不包含指标，因此无法比较方法。</translation>
    </message>
    <message>
        <source>Compare methods</source>
        <translation>比较方法</translation>
    </message>
    <message>
        <source>Fuse the current pair with every strategy and baseline and compute all metrics (runs in the background)</source>
        <translation>用每种策略和基线方法融合当前图像对并计算全部指标（在后台运行）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Metric:</source>
        <translation>指标：</translation>
    </message>
    <message>
        <source>Press “Compare methods” to fuse this pair with every method.</source>
        <translation>按“比较方法”以用每种方法融合此图像对。</translation>
    </message>
    <message>
        <source>Load a pair of images to compare the methods.</source>
        <translation>请加载一对图像以比较方法。</translation>
    </message>
    <message>
        <source>%1 methods on %2 · %3. The method in use is highlighted.</source>
        <translation>%1 种方法，设备 %2 · %3。当前使用的方法已高亮显示。</translation>
    </message>
</context>
<context>
    <name>edgefuse::ui::MetricsPanel</name>
    <message>
        <source>Quantity</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Quality metrics</source>
        <translation>质量指标</translation>
    </message>
    <message>
        <source>Metrics are not available in this build.</source>
        <translation>此版本不包含指标。</translation>
    </message>
    <message>
        <source>Shown after the fusion.</source>
        <translation>融合后显示。</translation>
    </message>
    <message>
        <source>Metrics failed: %1</source>
        <translation>指标计算失败：%1</translation>
    </message>
    <message>
        <source>Fusion</source>
        <translation>融合</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Strategy</source>
        <translation>策略</translation>
    </message>
    <message>
        <source>BatchNorm mode</source>
        <translation>BatchNorm 模式</translation>
    </message>
    <message>
        <source>Normalisation</source>
        <translation>归一化</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Weight of A</source>
        <translation>A 的权重</translation>
    </message>
    <message>
        <source>Scalar weight the strategy gave source A</source>
        <translation>策略赋予源图像 A 的标量权重</translation>
    </message>
    <message>
        <source>Weight of B</source>
        <translation>B 的权重</translation>
    </message>
    <message>
        <source>Scalar weight the strategy gave source B</source>
        <translation>策略赋予源图像 B 的标量权重</translation>
    </message>
    <message>
        <source>Timings</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>fusion total</source>
        <translation>融合总计</translation>
    </message>
    <message>
        <source>with metrics and classifier</source>
        <translation>含指标与分类器</translation>
    </message>
    <message>
        <source>Hover over a metric for how it is computed. Values compare the fused image with both sources.</source>
        <translation>将鼠标悬停在指标上可查看其计算方式。数值比较的是融合图像与两幅源图像。</translation>
    </message>
</context>
<context>
    <name>edgefuse::ui::NotesPanel</name>
    <message>
        <source>Source A</source>
        <translation>源图像 A</translation>
    </message>
    <message>
        <source>Source B</source>
        <translation>源图像 B</translation>
    </message>
    <message>
        <source>Alignment</source>
        <translation>对齐</translation>
    </message>
    <message>
        <source>Fusion</source>
        <translation>融合</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Nothing was changed in the data: no notes.</source>
        <translation>数据未作任何改动：无说明。</translation>
    </message>
</context>
<context>
    <name>edgefuse::ui::NoticeBar</name>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>edgefuse::ui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>Automatic (GPU when available)</source>
        <translation>自动（有 GPU 时使用 GPU）</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA GPU</source>
        <translation>CUDA GPU</translation>
    </message>
    <message>
        <source>Compute device:</source>
        <translation>计算设备：</translation>
    </message>
    <message>
        <source>Shipped default (eh-dran)</source>
        <translation>内置默认（eh-dran）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Model folder (with model.json)</source>
        <translation>模型文件夹（含 model.json）</translation>
    </message>
    <message>
        <source>Fusion model:</source>
        <translation>融合模型：</translation>
    </message>
    <message>
        <source>Network (EH-DRAN)</source>
        <translation>网络（EH-DRAN）</translation>
    </message>
    <message>
        <source>Average (baseline)</source>
        <translation>平均（基线）</translation>
    </message>
    <message>
        <source>Maximum (baseline)</source>
        <translation>最大值（基线）</translation>
    </message>
    <message>
        <source>Laplacian pyramid (baseline)</source>
        <translation>拉普拉斯金字塔（基线）</translation>
    </message>
    <message>
        <source>Default method:</source>
        <translation>默认方法：</translation>
    </message>
    <message>
        <source>Default strategy:</source>
        <translation>默认策略：</translation>
    </message>
    <message>
        <source>Model default</source>
        <translation>模型默认</translation>
    </message>
    <message>
        <source>Running statistics</source>
        <translation>滑动统计量</translation>
    </message>
    <message>
        <source>Per-image statistics</source>
        <translation>逐图像统计量</translation>
    </message>
    <message>
        <source>BatchNorm mode:</source>
        <translation>BatchNorm 模式：</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>A new device or model restarts the fusion engine; the model is loaded once.</source>
        <translation>更换设备或模型会重启融合引擎；模型只加载一次。</translation>
    </message>
    <message>
        <source>Colour map:</source>
        <translation>颜色映射：</translation>
    </message>
</context>
<context>
    <name>edgefuse::ui::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Filter…</source>
        <translation>筛选…</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
</context>
<context>
    <name>edgefuse::ui::ViewPanel</name>
    <message>
        <source>Modality?</source>
        <translation>模态？</translation>
    </message>
    <message>
        <source>MR</source>
        <translation>MR</translation>
    </message>
    <message>
        <source>CT</source>
        <translation>CT</translation>
    </message>
    <message>
        <source>PET</source>
        <translation>PET</translation>
    </message>
    <message>
        <source>SPECT / NM</source>
        <translation>SPECT / NM</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Modality read from the DICOM header</source>
        <translation>模态读取自 DICOM 头</translation>
    </message>
    <message>
        <source>The file does not say its modality: choose it</source>
        <translation>文件未注明模态：请选择</translation>
    </message>
</context>
</TS>
