package dev.ndesdiag.collect.windows;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Refuses a 32-bit Java on 64-bit Windows: under WOW64, {@code System32\inetsrv\config} is
 * redirected to {@code SysWOW64} (where applicationHost.config does not exist), {@code reg.exe}
 * exports the {@code WOW6432Node} view (no MSCEP key) and {@code %ProgramFiles%} is the x86 folder
 * (https://learn.microsoft.com/windows/win32/winprog64/file-system-redirector). Windows sets
 * {@code PROCESSOR_ARCHITEW6432} only for a process running under WOW64
 * (https://learn.microsoft.com/windows/win32/winprog64/wow64-implementation-details). The launcher
 * refuses it first; this covers {@code java -jar}.
 */
public final class Wow64 {

    private Wow64() {
    }

    /**
     * Says why collection would be wrong in this JVM.
     *
     * @param osArch the JVM's {@code os.arch} ({@code x86} for a 32-bit JVM)
     * @param environment the environment
     * @return the problem, or empty when the JVM sees the machine's own views
     */
    public static Optional<String> problem(String osArch, UnaryOperator<String> environment) {
        String wow = environment.apply("PROCESSOR_ARCHITEW6432");
        if (("x86".equalsIgnoreCase(osArch) || "i386".equalsIgnoreCase(osArch)) && wow != null && !wow.isBlank()) {
            return Optional.of("this Java is 32-bit on " + wow + " Windows: it would see the 32-bit registry (WOW6432Node) "
                    + "and SysWOW64 instead of System32, so the bundle would lack MSCEP and applicationHost.config. "
                    + "Run a 64-bit Java 17 or newer (set JAVA_HOME).");
        }
        return Optional.empty();
    }
}
