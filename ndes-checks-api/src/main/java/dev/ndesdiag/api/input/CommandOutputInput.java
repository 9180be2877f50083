package dev.ndesdiag.api.input;

import dev.ndesdiag.api.SnapshotPart;
import dev.ndesdiag.api.snapshot.CommandCapture;
import dev.ndesdiag.api.snapshot.CommandCaptures;
import dev.ndesdiag.api.snapshot.Part;
import dev.ndesdiag.api.snapshot.Snapshot;
import java.util.Objects;

/**
 * The output of one command, {@code commands/<name>.txt} with its entry in {@code commands/index.json}.
 *
 * @param name the capture's name, such as {@code certutil-ping}; never null
 * @param command the command line that produces it, for people, such as {@code certutil -config <CA> -ping}; never null
 * @param capture how the output gets into the bundle when collected by hand; never null
 * @since 0.2.0
 */
public record CommandOutputInput(String name, String command, Capture capture) implements Input<CommandCapture> {

    /** How a command's output gets into {@code commands/<name>.txt} when it is collected by hand. */
    public enum Capture {
        /** The command's console output is redirected to the file. */
        REDIRECTED,
        /**
         * A PowerShell block of the bundle format's "Collecting a bundle by hand" section writes the file
         * itself (headed {@code # commands/<name>.txt} in {@code docs/snapshot-format.md}).
         */
        SCRIPT
    }

    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException when the name is no bare file name (the two given the other way round)
     */
    public CommandOutputInput {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(capture, "capture");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("command name '" + name + "' is not a file name of letters, digits, '.', "
                    + "'_' and '-' (it is stored as commands/<name>.txt)" + (NAME.matcher(command).matches()
                            ? "; are the name and the command swapped?" : ""));
        }
    }

    /**
     * A command whose console output is redirected to the file.
     *
     * @param name the capture's name; never null
     * @param command the command line, for people; never null
     */
    public CommandOutputInput(String name, String command) {
        this(name, command, Capture.REDIRECTED);
    }

    @Override
    public SnapshotPart part() {
        return SnapshotPart.COMMANDS;
    }

    @Override
    public String what() {
        return "the output of " + command + " (commands/" + name + ".txt)";
    }

    @Override
    public String collectCommand() {
        if (capture == Capture.SCRIPT) {
            return "the PowerShell block headed \"# commands/" + name + ".txt\" in docs/snapshot-format.md (Collecting a "
                    + "bundle by hand), which writes commands\\" + name + ".txt itself, or ndes-diag collect";
        }
        return command + " > commands\\" + name + ".txt 2>&1 (with its exit code in commands\\index.json), or ndes-diag collect";
    }

    @Override
    public Part<CommandCapture> find(Snapshot snapshot) {
        Part<CommandCaptures> commands = snapshot.commands();
        if (!commands.isPresent()) {
            return commands.notPresent();
        }
        return commands.value().orElseThrow().capture(name)
                .map(c -> Part.present(part(), c, commands.problems()))
                .orElseGet(() -> Part.absent(part()));
    }

    @Override
    public boolean covers(Input<?> declared) {
        return declared instanceof CommandOutputInput other && other.name.equalsIgnoreCase(name);
    }
}
