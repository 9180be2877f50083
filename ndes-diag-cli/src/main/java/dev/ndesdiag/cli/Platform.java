package dev.ndesdiag.cli;

import java.util.Locale;

/** Where the command runs: collecting and live analysis need the NDES server itself (Windows). */
final class Platform {

    private Platform() {
    }

    static boolean isWindows(String osName) {
        return osName != null && osName.toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /** The message for a Windows-only command run elsewhere. */
    static String notHere(String what, String osName) {
        return what + " runs on the NDES server itself (Windows); this is " + osName + ". Collect the bundle on the "
                + "server (ndes-diag collect --out bundle.zip, or by hand with the commands of docs/snapshot-format.md) "
                + "and analyse it anywhere with: ndes-diag check --snapshot <bundle>";
    }
}
