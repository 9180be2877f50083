package dev.ndesdiag.collect.windows;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Resolves the Windows tools the plan names by bare name ({@code reg}, {@code certutil},
 * {@code powershell.exe}, ...) to their System32 paths. With a bare name, CreateProcess searches the
 * application's directory (the JDK's {@code bin}) and the current directory before System32
 * (https://learn.microsoft.com/windows/win32/api/processthreadsapi/nf-processthreadsapi-createprocessw,
 * lpApplicationName / lpCommandLine search order), so a {@code reg.exe} in the Downloads folder the
 * collector was started from would run instead (review-windows.md C12).
 */
final class SystemTools {

    /** The tools of the plan that live in {@code %SystemRoot%\System32}. */
    static final Set<String> SYSTEM32 = Set.of("reg", "certutil", "netsh", "wevtutil", "setspn", "secedit", "cmd", "whoami");
    static final String POWERSHELL = "WindowsPowerShell\\v1.0\\powershell.exe";

    private SystemTools() {
    }

    /**
     * Returns the command with its program resolved.
     *
     * @param command program and arguments, as the plan writes them; never null
     * @param environment the environment ({@code SystemRoot})
     * @return the command with an absolute program path when it is one of the plan's tools; else unchanged
     */
    static List<String> resolve(List<String> command, UnaryOperator<String> environment) {
        if (command.isEmpty()) {
            return command;
        }
        String program = command.get(0);
        if (program.contains("\\") || program.contains("/")) {
            return command;
        }
        String root = environment.apply("SystemRoot");
        if (root == null || root.isBlank()) {
            return command;
        }
        String name = program.toLowerCase(Locale.ROOT).replaceFirst("\\.exe$", "");
        String path;
        if (name.equals("powershell")) {
            path = root + "\\System32\\" + POWERSHELL;
        } else if (SYSTEM32.contains(name)) {
            path = root + "\\System32\\" + name + ".exe";
        } else {
            return command;
        }
        List<String> resolved = new ArrayList<>(command);
        resolved.set(0, path);
        return List.copyOf(resolved);
    }
}
