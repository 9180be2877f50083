package dev.ndesdiag.bundle;

import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.SnapshotPart;
import dev.ndesdiag.api.snapshot.CommandCapture;
import dev.ndesdiag.api.snapshot.CommandCaptures;
import dev.ndesdiag.api.snapshot.Part;
import dev.ndesdiag.secrets.SecretValues;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Reads {@code commands/<name>.txt} with {@code commands/index.json}. A capture without an index
 * entry is still read (without exit code); an index entry without its file is a problem. The value
 * of a secret-looking line ({@code password: ...}) is redacted as the collector redacts it.
 */
final class CommandsReader {

    private static final String INDEX = "commands/index.json";

    private CommandsReader() {
    }

    private record Meta(Optional<String> command, OptionalInt exitCode, Optional<java.time.Instant> startedAt,
            OptionalLong durationMs) {
    }

    static Part<CommandCaptures> read(BundleSource source, BundleLimits limits) {
        List<String> texts = source.files().keySet().stream()
                .filter(p -> p.toLowerCase(Locale.ROOT).startsWith("commands/")
                        && p.toLowerCase(Locale.ROOT).endsWith(".txt") && p.indexOf('/', 9) < 0)
                .toList();
        Optional<String> index = source.find(INDEX);
        if (texts.isEmpty() && index.isEmpty()) {
            return Part.absent(SnapshotPart.COMMANDS);
        }
        List<InputProblem> problems = new ArrayList<>();
        Map<String, Meta> metas = new HashMap<>();
        if (index.isPresent()) {
            try {
                for (JsonDocument e : JsonDocument.objects(JsonDocument.parse(
                        source.readText(index.get(), limits.maxDocumentBytes())), "the index")) {
                    metas.put(e.string("name").toLowerCase(Locale.ROOT), new Meta(e.optString("command"),
                            e.optInt("exitCode"), e.optInstant("startedAt"), e.optLong("durationMs")));
                }
            } catch (IOException e) {
                problems.add(InputProblem.of(SnapshotPart.COMMANDS, index.get(), "cannot be read: " + e.getMessage()));
            } catch (InvalidInputException e) {
                problems.add(InputProblem.of(SnapshotPart.COMMANDS, index.get(), e.getMessage()));
            }
        }
        Map<String, CommandCapture> captures = new LinkedHashMap<>();
        for (String file : texts) {
            String name = file.substring("commands/".length(), file.length() - 4);
            Meta meta = metas.getOrDefault(name.toLowerCase(Locale.ROOT),
                    new Meta(Optional.empty(), OptionalInt.empty(), Optional.empty(), OptionalLong.empty()));
            try {
                String output = SecretValues.redactLines(source.readText(file, limits.maxDocumentBytes()));
                captures.put(name, new CommandCapture(name, meta.command(), meta.exitCode(), meta.startedAt(),
                        meta.durationMs(), output));
            } catch (IOException e) {
                problems.add(InputProblem.of(SnapshotPart.COMMANDS, file, "cannot be read: " + e.getMessage()));
            }
        }
        java.util.Set<String> captured = new java.util.HashSet<>();
        captures.keySet().forEach(c -> captured.add(c.toLowerCase(Locale.ROOT)));
        metas.keySet().stream()
                .filter(n -> !captured.contains(n))
                .sorted()
                .forEach(n -> problems.add(InputProblem.of(SnapshotPart.COMMANDS, INDEX,
                        "lists the command \"" + n + "\" but commands/" + n + ".txt is missing")));
        if (captures.isEmpty() && !problems.isEmpty()) {
            return Part.unreadable(SnapshotPart.COMMANDS, problems);
        }
        return Part.present(SnapshotPart.COMMANDS, new CommandCaptures(captures), problems);
    }
}
