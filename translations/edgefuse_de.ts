<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>ColorMap</name>
    <message>
        <source>Grey</source>
        <translation>Grau</translation>
    </message>
    <message>
        <source>Hot iron</source>
        <translation>Glühendes Eisen</translation>
    </message>
    <message>
        <source>PET rainbow</source>
        <translation>PET-Regenbogen</translation>
    </message>
    <message>
        <source>Viridis (colour-blind safe)</source>
        <translation>Viridis (farbenblind-sicher)</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>Options:</source>
        <translation>Optionen:</translation>
    </message>
    <message>
        <source>Example: edgefuse --a mri.png --b ct.png, or edgefuse --demo. With --screenshot the exit code is 0 on success and otherwise that of edgefuse-cli for the same error (docs/cli.md).</source>
        <translation>Beispiel: edgefuse --a mri.png --b ct.png oder edgefuse --demo. Mit --screenshot ist der Exit-Code 0 bei Erfolg, sonst der von edgefuse-cli für denselben Fehler (docs/cli.md).</translation>
    </message>
    <message>
        <source>EdgeFuse %1 — multimodal medical image fusion workstation. Research use only, not for primary diagnosis.</source>
        <translation>EdgeFuse %1 – Arbeitsplatz für multimodale medizinische Bildfusion. Nur für Forschungszwecke, nicht für die Primärdiagnose.</translation>
    </message>
    <message>
        <source>Show this help and exit.</source>
        <translation>Diese Hilfe anzeigen und beenden.</translation>
    </message>
    <message>
        <source>Show the version and exit.</source>
        <translation>Die Version anzeigen und beenden.</translation>
    </message>
    <message>
        <source>Anatomical source image A (MRI): an image file or DICOM folder.</source>
        <translation>Anatomisches Quellbild A (MRT): eine Bilddatei oder ein DICOM-Ordner.</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>DATEI</translation>
    </message>
    <message>
        <source>Second source image B (CT, SPECT, PET or another MRI): a file or DICOM folder.</source>
        <translation>Zweites Quellbild B (CT, SPECT, PET oder eine andere MRT): eine Datei oder ein DICOM-Ordner.</translation>
    </message>
    <message>
        <source>Open the built-in digital head phantom (MRI-like and CT-like).</source>
        <translation>Das eingebaute digitale Kopfphantom öffnen (MRT-artig und CT-artig).</translation>
    </message>
    <message>
        <source>Load, fuse, save a screenshot of the main window as PNG and exit (0 on success). Uses default settings and leaves the stored ones untouched.</source>
        <translation>Laden, fusionieren, ein Bildschirmfoto des Hauptfensters als PNG speichern und beenden (0 bei Erfolg). Verwendet die Standardeinstellungen und lässt die gespeicherten unverändert.</translation>
    </message>
    <message>
        <source>OUT.png</source>
        <translation>AUSGABE.png</translation>
    </message>
    <message>
        <source>Window size, e.g. 1366x768.</source>
        <translation>Fenstergröße, z. B. 1366x768.</translation>
    </message>
    <message>
        <source>WxH</source>
        <translation>BxH</translation>
    </message>
    <message>
        <source>User interface language: en, de or zh_CN.</source>
        <translation>Sprache der Oberfläche: en, de oder zh_CN.</translation>
    </message>
    <message>
        <source>CODE</source>
        <translation>CODE</translation>
    </message>
    <message>
        <source>Fusion model: a shipped name, a model folder or a weights file.</source>
        <translation>Fusionsmodell: ein mitgelieferter Name, ein Modellordner oder eine Gewichtsdatei.</translation>
    </message>
    <message>
        <source>SPEC</source>
        <translation>ANGABE</translation>
    </message>
    <message>
        <source>Compute device: auto, cpu or cuda.</source>
        <translation>Rechengerät: auto, cpu oder cuda.</translation>
    </message>
    <message>
        <source>DEVICE</source>
        <translation>GERÄT</translation>
    </message>
    <message>
        <source>Fusion method: network, average, max or laplacian.</source>
        <translation>Fusionsverfahren: network, average, max oder laplacian.</translation>
    </message>
    <message>
        <source>METHOD</source>
        <translation>VERFAHREN</translation>
    </message>
    <message>
        <source>Fusion strategy: addition, average, fer, l1nw, al1nw, fl1n, max or sfnn.</source>
        <translation>Fusionsstrategie: addition, average, fer, l1nw, al1nw, fl1n, max oder sfnn.</translation>
    </message>
    <message>
        <source>STRATEGY</source>
        <translation>STRATEGIE</translation>
    </message>
    <message>
        <source>BatchNorm mode: running or batch.</source>
        <translation>BatchNorm-Modus: running oder batch.</translation>
    </message>
    <message>
        <source>MODE</source>
        <translation>MODUS</translation>
    </message>
    <message>
        <source>With --screenshot: give up after this many seconds (default 600).</source>
        <translation>Mit --screenshot: nach so vielen Sekunden aufgeben (Standard 600).</translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation>SEKUNDEN</translation>
    </message>
    <message>
        <source>Unexpected argument: %1</source>
        <translation>Unerwartetes Argument: %1</translation>
    </message>
    <message>
        <source>--demo cannot be combined with --a or --b.</source>
        <translation>--demo kann nicht mit --a oder --b kombiniert werden.</translation>
    </message>
    <message>
        <source>--screenshot needs --demo, or both --a and --b.</source>
        <translation>--screenshot benötigt --demo oder sowohl --a als auch --b.</translation>
    </message>
    <message>
        <source>Unknown language &apos;%1&apos; (use en, de or zh_CN).</source>
        <translation>Unbekannte Sprache „%1“ (en, de oder zh_CN verwenden).</translation>
    </message>
    <message>
        <source>--window-size needs WIDTHxHEIGHT, e.g. 1366x768.</source>
        <translation>--window-size benötigt BREITExHÖHE, z. B. 1366x768.</translation>
    </message>
    <message>
        <source>--timeout needs a positive number of seconds.</source>
        <translation>--timeout benötigt eine positive Anzahl Sekunden.</translation>
    </message>
    <message>
        <source>--device must be auto, cpu or cuda.</source>
        <translation>--device muss auto, cpu oder cuda sein.</translation>
    </message>
    <message>
        <source>--method must be network, average, max or laplacian.</source>
        <translation>--method muss network, average, max oder laplacian sein.</translation>
    </message>
    <message>
        <source>Unknown --strategy (see --help).</source>
        <translation>Unbekannte --strategy (siehe --help).</translation>
    </message>
    <message>
        <source>--bn-mode must be running or batch.</source>
        <translation>--bn-mode muss running oder batch sein.</translation>
    </message>
    <message>
        <source>Run &apos;edgefuse --help&apos; for the options.</source>
        <translation>„edgefuse --help“ zeigt die Optionen.</translation>
    </message>
    <message>
        <source>Usage: %1 [options] [A [B]]</source>
        <translation>Aufruf: %1 [Optionen] [A [B]]</translation>
    </message>
</context>
<context>
    <name>CompareMode</name>
    <message>
        <source>Fused</source>
        <translation>Fusioniert</translation>
    </message>
    <message>
        <source>Blend</source>
        <translation>Überblendung</translation>
    </message>
    <message>
        <source>Checkerboard</source>
        <translation>Schachbrett</translation>
    </message>
    <message>
        <source>Wipe</source>
        <translation>Wischblende</translation>
    </message>
</context>
<context>
    <name>DisplayWindow</name>
    <message>
        <source>Automatic (0.5–99.5 %)</source>
        <translation>Automatisch (0,5–99,5 %)</translation>
    </message>
    <message>
        <source>Full range</source>
        <translation>Gesamter Bereich</translation>
    </message>
    <message>
        <source>CT brain (W 80, L 40)</source>
        <translation>CT Gehirn (W 80, L 40)</translation>
    </message>
    <message>
        <source>CT subdural (W 215, L 75)</source>
        <translation>CT subdural (W 215, L 75)</translation>
    </message>
    <message>
        <source>CT bone (W 2800, L 600)</source>
        <translation>CT Knochen (W 2800, L 600)</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>A setting or input is not valid. Check the values and try again.</source>
        <translation>Eine Einstellung oder Eingabe ist ungültig. Prüfen Sie die Werte und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The file or folder does not exist. It may have been moved or deleted.</source>
        <translation>Die Datei oder der Ordner existiert nicht. Sie wurden möglicherweise verschoben oder gelöscht.</translation>
    </message>
    <message>
        <source>The file could not be read. Check that it is accessible and not in use.</source>
        <translation>Die Datei konnte nicht gelesen werden. Prüfen Sie, ob sie zugänglich ist und nicht verwendet wird.</translation>
    </message>
    <message>
        <source>This file type or pixel format is not supported. Use PNG, JPEG, TIFF, BMP or DICOM.</source>
        <translation>Dieser Dateityp oder dieses Pixelformat wird nicht unterstützt. Verwenden Sie PNG, JPEG, TIFF, BMP oder DICOM.</translation>
    </message>
    <message>
        <source>The DICOM pixel data is compressed in a way EdgeFuse cannot decode. Export the series uncompressed from your PACS and load it again.</source>
        <translation>Die DICOM-Pixeldaten sind auf eine Weise komprimiert, die EdgeFuse nicht dekodieren kann. Exportieren Sie die Serie unkomprimiert aus Ihrem PACS und laden Sie sie erneut.</translation>
    </message>
    <message>
        <source>The file is damaged or incomplete.</source>
        <translation>Die Datei ist beschädigt oder unvollständig.</translation>
    </message>
    <message>
        <source>The file is valid but holds no image (for example a structured report or an RT structure set).</source>
        <translation>Die Datei ist gültig, enthält aber kein Bild (zum Beispiel ein strukturierter Befund oder ein RT-Structure-Set).</translation>
    </message>
    <message>
        <source>The image is too large to process. Use a smaller image or a classical fusion method.</source>
        <translation>Das Bild ist zu groß für die Verarbeitung. Verwenden Sie ein kleineres Bild oder ein klassisches Fusionsverfahren.</translation>
    </message>
    <message>
        <source>The two images cannot be brought onto one grid. Register them first, then load them again.</source>
        <translation>Die beiden Bilder lassen sich nicht auf ein gemeinsames Raster bringen. Registrieren Sie sie zuerst und laden Sie sie dann erneut.</translation>
    </message>
    <message>
        <source>No matching image pairs were found.</source>
        <translation>Es wurden keine passenden Bildpaare gefunden.</translation>
    </message>
    <message>
        <source>The file could not be written. Check the folder&apos;s permissions and the free disk space.</source>
        <translation>Die Datei konnte nicht geschrieben werden. Prüfen Sie die Zugriffsrechte des Ordners und den freien Speicherplatz.</translation>
    </message>
    <message>
        <source>That would overwrite a source image. Choose another file name.</source>
        <translation>Damit würde ein Quellbild überschrieben. Wählen Sie einen anderen Dateinamen.</translation>
    </message>
    <message>
        <source>The file exists already and was not replaced.</source>
        <translation>Die Datei existiert bereits und wurde nicht ersetzt.</translation>
    </message>
    <message>
        <source>The fusion model was not found. Network fusion is unavailable; the classical methods still work.</source>
        <translation>Das Fusionsmodell wurde nicht gefunden. Die Netzwerkfusion ist nicht verfügbar; die klassischen Verfahren funktionieren weiterhin.</translation>
    </message>
    <message>
        <source>The fusion model is damaged or incomplete. Reinstall EdgeFuse or choose another model.</source>
        <translation>Das Fusionsmodell ist beschädigt oder unvollständig. Installieren Sie EdgeFuse neu oder wählen Sie ein anderes Modell.</translation>
    </message>
    <message>
        <source>The fusion model&apos;s weights do not match their checksum. Reinstall EdgeFuse.</source>
        <translation>Die Gewichte des Fusionsmodells stimmen nicht mit ihrer Prüfsumme überein. Installieren Sie EdgeFuse neu.</translation>
    </message>
    <message>
        <source>The requested compute device is not available. Choose “Automatic” or “CPU” in the preferences.</source>
        <translation>Das angeforderte Rechengerät ist nicht verfügbar. Wählen Sie in den Einstellungen „Automatisch“ oder „CPU“.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>An unexpected error occurred. Please report it with the details below.</source>
        <translation>Ein unerwarteter Fehler ist aufgetreten. Bitte melden Sie ihn mit den folgenden Details.</translation>
    </message>
    <message>
        <source>%1 (Details: %2)</source>
        <translation>%1 (Details: %2)</translation>
    </message>
    <message>
        <source>The two images are not aligned well enough to fuse them with the network. Check how they were aligned, or give a transform.</source>
        <translation>Die beiden Bilder sind nicht gut genug zueinander ausgerichtet, um sie mit dem Netzwerk zu fusionieren. Prüfen Sie, wie sie ausgerichtet wurden, oder geben Sie eine Transformation an.</translation>
    </message>
    <message>
        <source>The image is larger than EdgeFuse can open. Reduce it with another program first, or open a smaller series.</source>
        <translation>Das Bild ist größer, als EdgeFuse öffnen kann. Verkleinern Sie es zuerst mit einem anderen Programm, oder öffnen Sie eine kleinere Serie.</translation>
    </message>
    <message>
        <source>The PACS could not be reached or stopped answering. Check the node&apos;s host, port and TLS settings and the network, then try again.</source>
        <translation>Das PACS war nicht erreichbar oder hat nicht mehr geantwortet. Prüfen Sie Host, Port und TLS-Einstellungen des Knotens sowie das Netzwerk und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The PACS refused the request. Check the node&apos;s AE title and that EdgeFuse&apos;s AE title is known to the PACS.</source>
        <translation>Das PACS hat die Anfrage abgelehnt. Prüfen Sie den AE-Titel des Knotens und ob der AE-Titel von EdgeFuse im PACS bekannt ist.</translation>
    </message>
</context>
<context>
    <name>MetricText</name>
    <message>
        <source>n/a</source>
        <translation>k. A.</translation>
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
        <translation>Kein Fusionsergebnis innerhalb der Zeitgrenze.</translation>
    </message>
</context>
<context>
    <name>edgefuse::ui::ClassifierChart</name>
    <message>
        <source>The tumour classifier is not available in this build.</source>
        <translation>Der Tumorklassifikator ist in diesem Build nicht verfügbar.</translation>
    </message>
    <message>
        <source>The classifier&apos;s probabilities for A, B and the fused image appear after the next fusion.</source>
        <translation>Die Wahrscheinlichkeiten des Klassifikators für A, B und das fusionierte Bild erscheinen nach der nächsten Fusion.</translation>
    </message>
    <message>
        <source>Classification failed: %1</source>
        <translation>Klassifikation fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>Wahrscheinlichkeit</translation>
    </message>
    <message>
        <source>A (anatomical)</source>
        <translation>A (anatomisch)</translation>
    </message>
    <message>
        <source>B (second image)</source>
        <translation>B (zweites Bild)</translation>
    </message>
    <message>
        <source>Fused</source>
        <translation>Fusioniert</translation>
    </message>
    <message>
        <source>Classifier %1. Research use only: not a diagnosis.</source>
        <translation>Klassifikator %1. Nur für Forschungszwecke: keine Diagnose.</translation>
    </message>
    <message>
        <source>Classifier model card</source>
        <translation>Modellkarte des Klassifikators</translation>
    </message>
    <message>
        <source>The model card %1 could not be read: %2</source>
        <translation>Die Modellkarte %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1: outside the classifier&apos;s training data; its probabilities are not reliable here.</source>
        <translation>%1: außerhalb der Trainingsdaten des Klassifikators; seine Wahrscheinlichkeiten sind hier nicht verlässlich.</translation>
    </message>
    <message>
        <source>%1: the classifier cannot tell whether this image is like its training data.</source>
        <translation>%1: Der Klassifikator kann nicht beurteilen, ob dieses Bild seinen Trainingsdaten entspricht.</translation>
    </message>
    <message>
        <source>Model card…</source>
        <translation>Modellkarte…</translation>
    </message>
    <message>
        <source>What the classifier was trained on, how well it does, and its limits</source>
        <translation>Womit der Klassifikator trainiert wurde, wie gut er ist und wo seine Grenzen liegen</translation>
    </message>
    <message>
        <source>Glioma</source>
        <translation>Gliom</translation>
    </message>
    <message>
        <source>Meningioma</source>
        <translation>Meningeom</translation>
    </message>
    <message>
        <source>No tumour</source>
        <translation>Kein Tumor</translation>
    </message>
    <message>
        <source>Pituitary tumour</source>
        <translation>Hypophysentumor</translation>
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
        <translation>%1: zeigt keine Struktur (Rauschen oder eine beschädigte Datei); die Wahrscheinlichkeiten bedeuten nichts.</translation>
    </message>
</context>
<context>
    <name>edgefuse::ui::FusedView</name>
    <message>
        <source>Fused</source>
        <translation>Fusioniert</translation>
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
        <translation>A (anatomisch)</translation>
    </message>
    <message>
        <source>B (second image)</source>
        <translation>B (zweites Bild)</translation>
    </message>
    <message>
        <source>Fused</source>
        <translation>Fusioniert</translation>
    </message>
    <message>
        <source>Normalised intensity</source>
        <translation>Normierte Intensität</translation>
    </message>
    <message>
        <source>Fraction of pixels</source>
        <translation>Anteil der Pixel</translation>
    </message>
    <message>
        <source>Intensities after the normalisation the network uses; logarithmic scale.</source>
        <translation>Intensitäten nach der Normierung, die das Netzwerk verwendet; logarithmische Skala.</translation>
    </message>
</context>
<context>
    <name>edgefuse::ui::ImageView</name>
    <message>
        <source>W %1  L %2</source>
        <translation>W %1  L %2</translation>
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
        <translation>Schicht %1/%2</translation>
    </message>
</context>
<context>
    <name>edgefuse::ui::MainWindow</name>
    <message>
        <source>The method comparison failed: %1</source>
        <translation>Der Methodenvergleich ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Open source A (anatomical, MRI)</source>
        <translation>Quelle A öffnen (anatomisch, MRT)</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.dcm);;All files (*)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.dcm);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Open source B (CT, SPECT, PET or MRI)</source>
        <translation>Quelle B öffnen (CT, SPECT, PET oder MRT)</translation>
    </message>
    <message>
        <source>Open a DICOM series as A</source>
        <translation>Eine DICOM-Serie als A öffnen</translation>
    </message>
    <message>
        <source>Open a DICOM series as B</source>
        <translation>Eine DICOM-Serie als B öffnen</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>&amp;Vergleichen</translation>
    </message>
    <message>
        <source>Colour &amp;map</source>
        <translation>&amp;Farbtabelle</translation>
    </message>
    <message>
        <source>&amp;Window/level</source>
        <translation>&amp;Fenster/Level</translation>
    </message>
    <message>
        <source>&amp;Navigate</source>
        <translation>&amp;Navigieren</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>&amp;Bereiche</translation>
    </message>
    <message>
        <source>F&amp;usion</source>
        <translation>F&amp;usion</translation>
    </message>
    <message>
        <source>&amp;Method</source>
        <translation>&amp;Verfahren</translation>
    </message>
    <message>
        <source>&amp;Strategy</source>
        <translation>&amp;Strategie</translation>
    </message>
    <message>
        <source>&amp;BatchNorm mode</source>
        <translation>&amp;BatchNorm-Modus</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Main tool bar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>Open source &amp;A (MRI)…</source>
        <translation>Quelle &amp;A öffnen (MRT)…</translation>
    </message>
    <message>
        <source>Open the anatomical image A (MRI) — %1</source>
        <translation>Das anatomische Bild A (MRT) öffnen – %1</translation>
    </message>
    <message>
        <source>Open source &amp;B (CT, SPECT, PET)…</source>
        <translation>Quelle &amp;B öffnen (CT, SPECT, PET)…</translation>
    </message>
    <message>
        <source>Open the second image B (CT, SPECT, PET or another MRI sequence) — %1</source>
        <translation>Das zweite Bild B öffnen (CT, SPECT, PET oder eine andere MRT-Sequenz) – %1</translation>
    </message>
    <message>
        <source>Open DICOM series as A…</source>
        <translation>DICOM-Serie als A öffnen…</translation>
    </message>
    <message>
        <source>Open DICOM series as B…</source>
        <translation>DICOM-Serie als B öffnen…</translation>
    </message>
    <message>
        <source>Open the &amp;demo pair</source>
        <translation>&amp;Demo-Paar öffnen</translation>
    </message>
    <message>
        <source>Open the built-in digital head phantom (MRI-like A, CT-like B)</source>
        <translation>Das eingebaute digitale Kopfphantom öffnen (MRT-artiges A, CT-artiges B)</translation>
    </message>
    <message>
        <source>Clear the list</source>
        <translation>Liste leeren</translation>
    </message>
    <message>
        <source>Fused image as &amp;PNG…</source>
        <translation>Fusioniertes Bild als &amp;PNG…</translation>
    </message>
    <message>
        <source>Export the fused image as PNG with provenance</source>
        <translation>Das fusionierte Bild als PNG mit Herkunftsangaben exportieren</translation>
    </message>
    <message>
        <source>&amp;Screenshot of the views…</source>
        <translation>&amp;Bildschirmfoto der Ansichten…</translation>
    </message>
    <message>
        <source>Save what the three views show as PNG</source>
        <translation>Den Inhalt der drei Ansichten als PNG speichern</translation>
    </message>
    <message>
        <source>Metrics as &amp;CSV…</source>
        <translation>Metriken als &amp;CSV…</translation>
    </message>
    <message>
        <source>Metrics as &amp;JSON…</source>
        <translation>Metriken als &amp;JSON…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Fuse now</source>
        <translation>&amp;Jetzt fusionieren</translation>
    </message>
    <message>
        <source>Fuse the current pair again (F5)</source>
        <translation>Das aktuelle Paar erneut fusionieren (F5)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <source>Cancel the running fusion or comparison (Esc)</source>
        <translation>Die laufende Fusion oder den Vergleich abbrechen (Esc)</translation>
    </message>
    <message>
        <source>Compare &amp;methods</source>
        <translation>&amp;Verfahren vergleichen</translation>
    </message>
    <message>
        <source>Fuse the pair with every strategy and baseline and compare their metrics (Ctrl+M)</source>
        <translation>Das Paar mit jeder Strategie und jedem Basisverfahren fusionieren und die Metriken vergleichen (Strg+M)</translation>
    </message>
    <message>
        <source>Not available in this build: it has no metrics library</source>
        <translation>In diesem Build nicht verfügbar: keine Metrikbibliothek enthalten</translation>
    </message>
    <message>
        <source>Next strategy</source>
        <translation>Nächste Strategie</translation>
    </message>
    <message>
        <source>Previous strategy</source>
        <translation>Vorherige Strategie</translation>
    </message>
    <message>
        <source>Next BatchNorm mode</source>
        <translation>Nächster BatchNorm-Modus</translation>
    </message>
    <message>
        <source>Network (EH-DRAN)</source>
        <translation>Netzwerk (EH-DRAN)</translation>
    </message>
    <message>
        <source>Average (baseline)</source>
        <translation>Mittelwert (Basisverfahren)</translation>
    </message>
    <message>
        <source>Maximum (baseline)</source>
        <translation>Maximum (Basisverfahren)</translation>
    </message>
    <message>
        <source>Laplacian pyramid (baseline)</source>
        <translation>Laplace-Pyramide (Basisverfahren)</translation>
    </message>
    <message>
        <source>EH-DRAN network</source>
        <translation>EH-DRAN-Netzwerk</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>Mittelwert</translation>
    </message>
    <message>
        <source>Maximum</source>
        <translation>Maximum</translation>
    </message>
    <message>
        <source>Laplacian pyramid</source>
        <translation>Laplace-Pyramide</translation>
    </message>
    <message>
        <source>SFNN (softmax nuclear norm)</source>
        <translation>SFNN (Softmax-Nuklearnorm)</translation>
    </message>
    <message>
        <source>Model default</source>
        <translation>Modellvorgabe</translation>
    </message>
    <message>
        <source>Running statistics</source>
        <translation>Gleitende Statistik</translation>
    </message>
    <message>
        <source>Per-image statistics</source>
        <translation>Statistik je Bild</translation>
    </message>
    <message>
        <source>BN model</source>
        <translation>BN Modell</translation>
    </message>
    <message>
        <source>BN running</source>
        <translation>BN gleitend</translation>
    </message>
    <message>
        <source>BN per-image</source>
        <translation>BN je Bild</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Verfahren</translation>
    </message>
    <message>
        <source>Strategy</source>
        <translation>Strategie</translation>
    </message>
    <message>
        <source>Fusion method (Ctrl+Alt+N/A/X/L)</source>
        <translation>Fusionsverfahren (Strg+Alt+N/A/X/L)</translation>
    </message>
    <message>
        <source>Fusion strategy of the network (S / Shift+S)</source>
        <translation>Fusionsstrategie des Netzwerks (S / Umschalt+S)</translation>
    </message>
    <message>
        <source>BatchNorm statistics at inference (Ctrl+Alt+B)</source>
        <translation>BatchNorm-Statistik bei der Inferenz (Strg+Alt+B)</translation>
    </message>
    <message>
        <source>Show the fused image (1)</source>
        <translation>Das fusionierte Bild zeigen (1)</translation>
    </message>
    <message>
        <source>Blend: A in grey with B in colour on top; the slider sets B&apos;s opacity (2)</source>
        <translation>Überblendung: A in Grau, darüber B in Farbe; der Schieberegler stellt die Deckkraft von B ein (2)</translation>
    </message>
    <message>
        <source>Checkerboard of the fused image and a source (3)</source>
        <translation>Schachbrett aus fusioniertem Bild und einer Quelle (3)</translation>
    </message>
    <message>
        <source>Wipe: fused image left of the divider, a source right of it (4)</source>
        <translation>Wischblende: links vom Teiler das fusionierte Bild, rechts davon eine Quelle (4)</translation>
    </message>
    <message>
        <source>Compare with source &amp;A</source>
        <translation>Mit Quelle &amp;A vergleichen</translation>
    </message>
    <message>
        <source>Compare with source &amp;B</source>
        <translation>Mit Quelle &amp;B vergleichen</translation>
    </message>
    <message>
        <source>Switch the compared source</source>
        <translation>Verglichene Quelle wechseln</translation>
    </message>
    <message>
        <source>Less B / divider left</source>
        <translation>Weniger B / Teiler nach links</translation>
    </message>
    <message>
        <source>More B / divider right</source>
        <translation>Mehr B / Teiler nach rechts</translation>
    </message>
    <message>
        <source>Colour map of functional images (PET, SPECT) and of B in the blend (G, H, R, V)</source>
        <translation>Farbtabelle funktioneller Bilder (PET, SPECT) und von B in der Überblendung (G, H, R, V)</translation>
    </message>
    <message>
        <source>&amp;Fit to window</source>
        <translation>An Fenster &amp;anpassen</translation>
    </message>
    <message>
        <source>Fit the images into the views (Ctrl+0, F)</source>
        <translation>Die Bilder in die Ansichten einpassen (Strg+0, F)</translation>
    </message>
    <message>
        <source>&amp;Actual size (1:1)</source>
        <translation>&amp;Originalgröße (1:1)</translation>
    </message>
    <message>
        <source>One screen pixel per image pixel (Ctrl+1)</source>
        <translation>Ein Bildschirmpixel je Bildpixel (Strg+1)</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <source>Zoom in (+)</source>
        <translation>Vergrößern (+)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <source>Zoom out (−)</source>
        <translation>Verkleinern (−)</translation>
    </message>
    <message>
        <source>Pan left</source>
        <translation>Nach links verschieben</translation>
    </message>
    <message>
        <source>Pan right</source>
        <translation>Nach rechts verschieben</translation>
    </message>
    <message>
        <source>Pan up</source>
        <translation>Nach oben verschieben</translation>
    </message>
    <message>
        <source>Pan down</source>
        <translation>Nach unten verschieben</translation>
    </message>
    <message>
        <source>Previous slice</source>
        <translation>Vorherige Schicht</translation>
    </message>
    <message>
        <source>Next slice</source>
        <translation>Nächste Schicht</translation>
    </message>
    <message>
        <source>First slice</source>
        <translation>Erste Schicht</translation>
    </message>
    <message>
        <source>Last slice</source>
        <translation>Letzte Schicht</translation>
    </message>
    <message>
        <source>&amp;Crosshair</source>
        <translation>&amp;Fadenkreuz</translation>
    </message>
    <message>
        <source>Show the linked crosshair; click into a view to place it (C)</source>
        <translation>Das verknüpfte Fadenkreuz zeigen; zum Setzen in eine Ansicht klicken (C)</translation>
    </message>
    <message>
        <source>&amp;Metric overlay</source>
        <translation>&amp;Metrik-Einblendung</translation>
    </message>
    <message>
        <source>Show the key metrics on the fused view (M)</source>
        <translation>Die wichtigsten Metriken auf der Fusionsansicht zeigen (M)</translation>
    </message>
    <message>
        <source>F&amp;ull screen</source>
        <translation>&amp;Vollbild</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Metriken</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>Analyse</translation>
    </message>
    <message>
        <source>Histograms</source>
        <translation>Histogramme</translation>
    </message>
    <message>
        <source>Methods</source>
        <translation>Verfahren</translation>
    </message>
    <message>
        <source>Classifier</source>
        <translation>Klassifikator</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Hinweise</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;About EdgeFuse</source>
        <translation>&amp;Über EdgeFuse</translation>
    </message>
    <message>
        <source>Fused</source>
        <translation>Fusioniert</translation>
    </message>
    <message>
        <source>Drop the anatomical image (MRI) here
or press Ctrl+O</source>
        <translation>Das anatomische Bild (MRT) hier ablegen
oder Strg+O drücken</translation>
    </message>
    <message>
        <source>Drop the second image (CT, SPECT, PET) here
or press Ctrl+Shift+O</source>
        <translation>Das zweite Bild (CT, SPECT, PET) hier ablegen
oder Strg+Umschalt+O drücken</translation>
    </message>
    <message>
        <source>The fused image appears here.
Ctrl+Shift+D opens the demo pair.</source>
        <translation>Hier erscheint das fusionierte Bild.
Strg+Umschalt+D öffnet das Demo-Paar.</translation>
    </message>
    <message>
        <source>Research use only — not for primary diagnosis</source>
        <translation>Nur für Forschungszwecke – nicht für die Primärdiagnose</translation>
    </message>
    <message>
        <source>EdgeFuse is a research tool. Its images and numbers must not be used for primary diagnosis.</source>
        <translation>EdgeFuse ist ein Forschungswerkzeug. Seine Bilder und Zahlen dürfen nicht für die Primärdiagnose verwendet werden.</translation>
    </message>
    <message>
        <source>Starting the engine…</source>
        <translation>Rechenkern wird gestartet…</translation>
    </message>
    <message>
        <source>CPU · %1</source>
        <translation>CPU · %1</translation>
    </message>
    <message>
        <source>Compute device: %1</source>
        <translation>Rechengerät: %1</translation>
    </message>
    <message>
        <source>Compute device: %1
%2</source>
        <translation>Rechengerät: %1
%2</translation>
    </message>
    <message>
        <source>Model %1</source>
        <translation>Modell %1</translation>
    </message>
    <message>
        <source>No fusion model</source>
        <translation>Kein Fusionsmodell</translation>
    </message>
    <message>
        <source>No fusion model could be loaded, so network fusion is unavailable. Choose a classical method (average, maximum, Laplacian pyramid) in the tool bar. %1</source>
        <translation>Es konnte kein Fusionsmodell geladen werden, daher ist die Netzwerkfusion nicht verfügbar. Wählen Sie in der Werkzeugleiste ein klassisches Verfahren (Mittelwert, Maximum, Laplace-Pyramide). %1</translation>
    </message>
    <message>
        <source>Engine unavailable</source>
        <translation>Rechenkern nicht verfügbar</translation>
    </message>
    <message>
        <source>The fusion engine could not start: %1</source>
        <translation>Der Fusionsrechenkern konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen…</translation>
    </message>
    <message>
        <source>%1 could not be opened: %2</source>
        <translation>%1 konnte nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Making the digital head phantom…</source>
        <translation>Digitales Kopfphantom wird erzeugt…</translation>
    </message>
    <message>
        <source>Digital head phantom, MRI-like</source>
        <translation>Digitales Kopfphantom, MRT-artig</translation>
    </message>
    <message>
        <source>Digital head phantom, CT-like</source>
        <translation>Digitales Kopfphantom, CT-artig</translation>
    </message>
    <message>
        <source>Aligning B to A…</source>
        <translation>B wird an A ausgerichtet…</translation>
    </message>
    <message>
        <source>A and B cannot be fused: %1</source>
        <translation>A und B können nicht fusioniert werden: %1</translation>
    </message>
    <message>
        <source>B (%1) differs from A (%2) in size or pixel spacing: B was resampled to A&apos;s grid for display and fusion. Details are in the notes.</source>
        <translation>B (%1) unterscheidet sich von A (%2) in Größe oder Pixelabstand: B wurde für Anzeige und Fusion auf das Raster von A umgerechnet. Details stehen in den Hinweisen.</translation>
    </message>
    <message>
        <source>A and B have different numbers of slices; see the notes for how they are paired.</source>
        <translation>A und B haben unterschiedlich viele Schichten; wie sie gepaart werden, steht in den Hinweisen.</translation>
    </message>
    <message>
        <source>A · Anatomical</source>
        <translation>A · Anatomisch</translation>
    </message>
    <message>
        <source>B · Second image</source>
        <translation>B · Zweites Bild</translation>
    </message>
    <message>
        <source>No image loaded</source>
        <translation>Kein Bild geladen</translation>
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
        <translation>%1 Schichten</translation>
    </message>
    <message>
        <source>colour</source>
        <translation>farbig</translation>
    </message>
    <message>
        <source>resampled to A</source>
        <translation>auf A umgerechnet</translation>
    </message>
    <message>
        <source>Notes: %1</source>
        <translation>Hinweise: %1</translation>
    </message>
    <message>
        <source>Nothing was changed in the data</source>
        <translation>An den Daten wurde nichts verändert</translation>
    </message>
    <message>
        <source>What was done to the data — click to see every note</source>
        <translation>Was mit den Daten geschehen ist – klicken, um alle Hinweise zu sehen</translation>
    </message>
    <message>
        <source>Fusion cancelled</source>
        <translation>Fusion abgebrochen</translation>
    </message>
    <message>
        <source>The fusion failed: %1</source>
        <translation>Die Fusion ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 ms</source>
        <translation>%1 · %2 · %3 ms</translation>
    </message>
    <message>
        <source>Fusion %1 ms</source>
        <translation>Fusion %1 ms</translation>
    </message>
    <message>
        <source>Fusion alone; with metrics and classifier %1 ms</source>
        <translation>Nur die Fusion; mit Metriken und Klassifikator %1 ms</translation>
    </message>
    <message>
        <source>Fused in %1 ms</source>
        <translation>In %1 ms fusioniert</translation>
    </message>
    <message>
        <source>Metrics: not available in this build</source>
        <translation>Metriken: in diesem Build nicht verfügbar</translation>
    </message>
    <message>
        <source>Metrics failed — see the Metrics panel</source>
        <translation>Metriken fehlgeschlagen – siehe Bereich „Metriken“</translation>
    </message>
    <message>
        <source>Preparing</source>
        <translation>Vorbereitung</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>Kodierung</translation>
    </message>
    <message>
        <source>Fusing features</source>
        <translation>Merkmalsfusion</translation>
    </message>
    <message>
        <source>Decoding</source>
        <translation>Dekodierung</translation>
    </message>
    <message>
        <source>Computing metrics</source>
        <translation>Metrikberechnung</translation>
    </message>
    <message>
        <source>Classifying</source>
        <translation>Klassifikation</translation>
    </message>
    <message>
        <source>Finishing</source>
        <translation>Abschluss</translation>
    </message>
    <message>
        <source>%1… %2 %</source>
        <translation>%1… %2 %</translation>
    </message>
    <message>
        <source>Comparing methods…</source>
        <translation>Verfahren werden verglichen…</translation>
    </message>
    <message>
        <source>No CT image in Hounsfield units is loaded: CT presets do not apply.</source>
        <translation>Es ist kein CT-Bild in Hounsfield-Einheiten geladen: CT-Voreinstellungen greifen nicht.</translation>
    </message>
    <message>
        <source>Divider</source>
        <translation>Teiler</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>Deckkraft</translation>
    </message>
    <message>
        <source>Position of the wipe divider ([ and ])</source>
        <translation>Position des Wischteilers ([ und ])</translation>
    </message>
    <message>
        <source>Opacity of B over A in the blend ([ and ])</source>
        <translation>Deckkraft von B über A in der Überblendung ([ und ])</translation>
    </message>
    <message>
        <source>x %1  y %2   A %3   B %4   Fused %5</source>
        <translation>x %1  y %2   A %3   B %4   Fusion %5</translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation>Datei ersetzen?</translation>
    </message>
    <message>
        <source>%1 exists already. Do you want to replace it?</source>
        <translation>%1 existiert bereits. Möchten Sie die Datei ersetzen?</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>%1 was not saved: %2</source>
        <translation>%1 wurde nicht gespeichert: %2</translation>
    </message>
    <message>
        <source>Export the fused image</source>
        <translation>Fusioniertes Bild exportieren</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Save a screenshot of the views</source>
        <translation>Bildschirmfoto der Ansichten speichern</translation>
    </message>
    <message>
        <source>Export the metrics as JSON</source>
        <translation>Metriken als JSON exportieren</translation>
    </message>
    <message>
        <source>Export the metrics as CSV</source>
        <translation>Metriken als CSV exportieren</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation>Keine zuletzt geöffneten Dateien</translation>
    </message>
    <message>
        <source>About EdgeFuse</source>
        <translation>Über EdgeFuse</translation>
    </message>
    <message>
        <source>Not available in this build: it has no DICOM exporter</source>
        <translation>In diesem Build nicht verfügbar: kein DICOM-Export enthalten</translation>
    </message>
    <message>
        <source>Export the metrics of the current fusion</source>
        <translation>Die Metriken der aktuellen Fusion exportieren</translation>
    </message>
    <message>
        <source>Needs a CT image in Hounsfield units</source>
        <translation>Benötigt ein CT-Bild in Hounsfield-Einheiten</translation>
    </message>
    <message>
        <source>EdgeFuse</source>
        <translation>EdgeFuse</translation>
    </message>
    <message>
        <source>no A</source>
        <translation>kein A</translation>
    </message>
    <message>
        <source>no B</source>
        <translation>kein B</translation>
    </message>
    <message>
        <source>%1 + %2 — EdgeFuse</source>
        <translation>%1 + %2 – EdgeFuse</translation>
    </message>
    <message>
        <source>Fused image as &amp;DICOM…</source>
        <translation>Fusionsbild als &amp;DICOM…</translation>
    </message>
    <message>
        <source>&amp;Saliency overlay</source>
        <translation>&amp;Salienz-Überlagerung</translation>
    </message>
    <message>
        <source>Show on each view where the tumour classifier looked for its predicted class (Grad-CAM) (Shift+G)</source>
        <translation>In jeder Ansicht zeigen, wohin der Tumorklassifikator für seine vorhergesagte Klasse geschaut hat (Grad-CAM) (Umschalt+G)</translation>
    </message>
    <message>
        <source>Export the fused image as DICOM</source>
        <translation>Fusionsbild als DICOM exportieren</translation>
    </message>
    <message>
        <source>DICOM files (*.dcm)</source>
        <translation>DICOM-Dateien (*.dcm)</translation>
    </message>
    <message>
        <source>Patient identity</source>
        <translation>Patientenidentität</translation>
    </message>
    <message>
        <source>Keep the patient&apos;s identity, so that the fused image joins the patient&apos;s study, or remove it (DICOM basic confidentiality profile) for research use outside the hospital?</source>
        <translation>Die Identität des Patienten behalten, damit das Fusionsbild zur Studie des Patienten gehört, oder sie entfernen (DICOM Basic Confidentiality Profile) für die Forschung außerhalb der Klinik?</translation>
    </message>
    <message>
        <source>Keep identity</source>
        <translation>Identität behalten</translation>
    </message>
    <message>
        <source>Anonymise</source>
        <translation>Anonymisieren</translation>
    </message>
    <message>
        <source>Export the fused image as a derived DICOM image in the study of A</source>
        <translation>Das Fusionsbild als abgeleitetes DICOM-Bild in der Studie von A exportieren</translation>
    </message>
    <message>
        <source>Fusing the series for the DICOM export: %1 % (Esc cancels)</source>
        <translation>Die Serie wird für den DICOM-Export fusioniert: %1 % (Esc bricht ab)</translation>
    </message>
    <message>
        <source>Writing the DICOM series…</source>
        <translation>Die DICOM-Serie wird geschrieben…</translation>
    </message>
    <message>
        <source>Fused &amp;series as DICOM…</source>
        <translation>Fusionierte &amp;Serie als DICOM…</translation>
    </message>
    <message>
        <source>Export the fused series as DICOM (a new folder)</source>
        <translation>Die fusionierte Serie als DICOM exportieren (ein neuer Ordner)</translation>
    </message>
    <message>
        <source>Folders (*)</source>
        <translation>Ordner (*)</translation>
    </message>
    <message>
        <source>Fuse every slice with the current options and export them as one derived DICOM series</source>
        <translation>Jede Schicht mit den aktuellen Einstellungen fusionieren und alle als eine abgeleitete DICOM-Serie exportieren</translation>
    </message>
    <message>
        <source>Needs a pair of image series (several slices)</source>
        <translation>Benötigt ein Paar von Bildserien (mehrere Schichten)</translation>
    </message>
    <message>
        <source>&lt;h3&gt;EdgeFuse %1&lt;/h3&gt;&lt;p&gt;Multimodal medical image fusion with the edge-enhanced dilated residual attention network (EH-DRAN) and its softmax nuclear-norm fusion strategy.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Research use only — not for primary diagnosis.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Qt %2 · LibTorch %3&lt;/p&gt;&lt;p&gt;Licence: GNU General Public License, version 3 or later (%4). There is no warranty. The licences of the libraries, data and models EdgeFuse uses are listed in THIRD_PARTY.md.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;EdgeFuse %1&lt;/h3&gt;&lt;p&gt;Multimodale medizinische Bildfusion mit dem kantenverstärkten dilatierten residualen Aufmerksamkeitsnetzwerk (EH-DRAN) und seiner Softmax-Nuklearnorm-Fusionsstrategie.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Nur für Forschungszwecke – nicht für die Primärdiagnose.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Qt %2 · LibTorch %3&lt;/p&gt;&lt;p&gt;Lizenz: GNU General Public License, Version 3 oder neuer (%4). Es gibt keine Gewährleistung. Die Lizenzen der Bibliotheken, Daten und Modelle, die EdgeFuse verwendet, stehen in THIRD_PARTY.md.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>edgefuse::ui::MethodComparisonChart</name>
    <message>
        <source>Method</source>
        <translation>Verfahren</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Metrics are not available in this build, so methods cannot be compared.</source>
        <translation>Metriken sind in diesem Build nicht verfügbar, daher können Verfahren nicht verglichen werden.</translation>
    </message>
    <message>
        <source>Compare methods</source>
        <translation>Verfahren vergleichen</translation>
    </message>
    <message>
        <source>Fuse the current pair with every strategy and baseline and compute all metrics (runs in the background)</source>
        <translation>Das aktuelle Paar mit jeder Strategie und jedem Basisverfahren fusionieren und alle Metriken berechnen (läuft im Hintergrund)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Metric:</source>
        <translation>Metrik:</translation>
    </message>
    <message>
        <source>Press “Compare methods” to fuse this pair with every method.</source>
        <translation>„Verfahren vergleichen“ fusioniert dieses Paar mit jedem Verfahren.</translation>
    </message>
    <message>
        <source>Load a pair of images to compare the methods.</source>
        <translation>Laden Sie ein Bildpaar, um die Verfahren zu vergleichen.</translation>
    </message>
    <message>
        <source>%1 methods on %2 · %3. The method in use is highlighted.</source>
        <translation>%1 Verfahren auf %2 · %3. Das verwendete Verfahren ist hervorgehoben.</translation>
    </message>
</context>
<context>
    <name>edgefuse::ui::MetricsPanel</name>
    <message>
        <source>Quantity</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Quality metrics</source>
        <translation>Qualitätsmetriken</translation>
    </message>
    <message>
        <source>Metrics are not available in this build.</source>
        <translation>Metriken sind in diesem Build nicht verfügbar.</translation>
    </message>
    <message>
        <source>Shown after the fusion.</source>
        <translation>Wird nach der Fusion angezeigt.</translation>
    </message>
    <message>
        <source>Metrics failed: %1</source>
        <translation>Metriken fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Fusion</source>
        <translation>Fusion</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Verfahren</translation>
    </message>
    <message>
        <source>Strategy</source>
        <translation>Strategie</translation>
    </message>
    <message>
        <source>BatchNorm mode</source>
        <translation>BatchNorm-Modus</translation>
    </message>
    <message>
        <source>Normalisation</source>
        <translation>Normierung</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Weight of A</source>
        <translation>Gewicht von A</translation>
    </message>
    <message>
        <source>Scalar weight the strategy gave source A</source>
        <translation>Skalares Gewicht, das die Strategie Quelle A gab</translation>
    </message>
    <message>
        <source>Weight of B</source>
        <translation>Gewicht von B</translation>
    </message>
    <message>
        <source>Scalar weight the strategy gave source B</source>
        <translation>Skalares Gewicht, das die Strategie Quelle B gab</translation>
    </message>
    <message>
        <source>Timings</source>
        <translation>Zeiten</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>fusion total</source>
        <translation>Fusion gesamt</translation>
    </message>
    <message>
        <source>with metrics and classifier</source>
        <translation>mit Metriken und Klassifikator</translation>
    </message>
    <message>
        <source>Hover over a metric for how it is computed. Values compare the fused image with both sources.</source>
        <translation>Zeigen Sie auf eine Metrik, um zu sehen, wie sie berechnet wird. Die Werte vergleichen das fusionierte Bild mit beiden Quellen.</translation>
    </message>
</context>
<context>
    <name>edgefuse::ui::NotesPanel</name>
    <message>
        <source>Source A</source>
        <translation>Quelle A</translation>
    </message>
    <message>
        <source>Source B</source>
        <translation>Quelle B</translation>
    </message>
    <message>
        <source>Alignment</source>
        <translation>Ausrichtung</translation>
    </message>
    <message>
        <source>Fusion</source>
        <translation>Fusion</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Nothing was changed in the data: no notes.</source>
        <translation>An den Daten wurde nichts verändert: keine Hinweise.</translation>
    </message>
</context>
<context>
    <name>edgefuse::ui::NoticeBar</name>
    <message>
        <source>Dismiss</source>
        <translation>Ausblenden</translation>
    </message>
</context>
<context>
    <name>edgefuse::ui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Automatic (GPU when available)</source>
        <translation>Automatisch (GPU, wenn verfügbar)</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA GPU</source>
        <translation>CUDA-GPU</translation>
    </message>
    <message>
        <source>Compute device:</source>
        <translation>Rechengerät:</translation>
    </message>
    <message>
        <source>Shipped default (eh-dran)</source>
        <translation>Mitgelieferte Vorgabe (eh-dran)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Model folder (with model.json)</source>
        <translation>Modellordner (mit model.json)</translation>
    </message>
    <message>
        <source>Fusion model:</source>
        <translation>Fusionsmodell:</translation>
    </message>
    <message>
        <source>Network (EH-DRAN)</source>
        <translation>Netzwerk (EH-DRAN)</translation>
    </message>
    <message>
        <source>Average (baseline)</source>
        <translation>Mittelwert (Basisverfahren)</translation>
    </message>
    <message>
        <source>Maximum (baseline)</source>
        <translation>Maximum (Basisverfahren)</translation>
    </message>
    <message>
        <source>Laplacian pyramid (baseline)</source>
        <translation>Laplace-Pyramide (Basisverfahren)</translation>
    </message>
    <message>
        <source>Default method:</source>
        <translation>Standardverfahren:</translation>
    </message>
    <message>
        <source>Default strategy:</source>
        <translation>Standardstrategie:</translation>
    </message>
    <message>
        <source>Model default</source>
        <translation>Modellvorgabe</translation>
    </message>
    <message>
        <source>Running statistics</source>
        <translation>Gleitende Statistik</translation>
    </message>
    <message>
        <source>Per-image statistics</source>
        <translation>Statistik je Bild</translation>
    </message>
    <message>
        <source>BatchNorm mode:</source>
        <translation>BatchNorm-Modus:</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
    <message>
        <source>A new device or model restarts the fusion engine; the model is loaded once.</source>
        <translation>Ein neues Gerät oder Modell startet den Fusionsrechenkern neu; das Modell wird einmal geladen.</translation>
    </message>
    <message>
        <source>Colour map:</source>
        <translation>Farbtabelle:</translation>
    </message>
</context>
<context>
    <name>edgefuse::ui::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Filter…</source>
        <translation>Filtern…</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
</context>
<context>
    <name>edgefuse::ui::ViewPanel</name>
    <message>
        <source>Modality?</source>
        <translation>Modalität?</translation>
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
        <translation>Andere</translation>
    </message>
    <message>
        <source>Modality read from the DICOM header</source>
        <translation>Modalität aus dem DICOM-Header gelesen</translation>
    </message>
    <message>
        <source>The file does not say its modality: choose it</source>
        <translation>Die Datei gibt ihre Modalität nicht an: bitte wählen</translation>
    </message>
</context>
</TS>
