package dev.ndesdiag.bundle;

import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.SnapshotPart;
import dev.ndesdiag.api.snapshot.IisConfiguration;
import dev.ndesdiag.api.snapshot.Part;
import dev.ndesdiag.api.snapshot.XmlElement;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Reads {@code iis/applicationHost.config} and {@code iis/web.config/<IIS path>/web.config}. */
final class IisReader {

    private static final String APPHOST = "iis/applicationHost.config";
    private static final String WEB_CONFIGS = "iis/web.config/";

    private IisReader() {
    }

    static Part<IisConfiguration> read(BundleSource source, BundleLimits limits) {
        List<InputProblem> problems = new ArrayList<>();
        Optional<String> appHostFile = source.find(APPHOST);
        Optional<XmlElement> appHost = appHostFile.flatMap(f -> parse(source, f, limits, problems, new ArrayList<>()));
        Map<String, XmlElement> webConfigs = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Map<String, InputProblem> unreadable = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        int webConfigFiles = 0;
        for (String file : source.files().keySet()) {
            String lower = file.toLowerCase(Locale.ROOT);
            if (lower.startsWith(WEB_CONFIGS) && lower.endsWith("/web.config")) {
                webConfigFiles++;
                String iisPath = file.substring(WEB_CONFIGS.length(), file.length() - "/web.config".length());
                List<InputProblem> malformed = new ArrayList<>();
                Optional<XmlElement> root = parse(source, file, limits, problems, malformed);
                root.ifPresent(r -> webConfigs.put(iisPath, r));
                // IIS cannot parse it either: every request below it gets HTTP 500.19 (a fact, not only a gap)
                malformed.forEach(p -> unreadable.put(iisPath, p));
            }
        }
        if (appHostFile.isEmpty() && webConfigFiles == 0) {
            return Part.absent(SnapshotPart.IIS_CONFIG);
        }
        if (appHost.isEmpty() && webConfigs.isEmpty()) {
            return Part.unreadable(SnapshotPart.IIS_CONFIG, problems);
        }
        return Part.present(SnapshotPart.IIS_CONFIG, new IisConfiguration(appHost, webConfigs, unreadable), problems);
    }

    /** Parses one file; a problem goes to {@code problems}, and also to {@code malformed} when the text is not well-formed XML at a known line. */
    private static Optional<XmlElement> parse(BundleSource source, String file, BundleLimits limits,
            List<InputProblem> problems, List<InputProblem> malformed) {
        try {
            String text = source.readText(file, limits.maxDocumentBytes());
            return Optional.of(SafeXml.parseDocument(new StringReader(text)));
        } catch (IOException e) {
            problems.add(InputProblem.of(SnapshotPart.IIS_CONFIG, file, "cannot be read: " + e.getMessage()));
        } catch (InvalidInputException e) {
            InputProblem problem = e.line().isPresent()
                    ? InputProblem.atLine(SnapshotPart.IIS_CONFIG, file, e.line().getAsInt(), e.getMessage())
                    : InputProblem.of(SnapshotPart.IIS_CONFIG, file, e.getMessage());
            problems.add(problem);
            if (e.line().isPresent()) {
                malformed.add(problem); // not well-formed at that line: IIS's parser refuses it too
            }
        }
        return Optional.empty();
    }
}
