package dev.ndesdiag.cli;

import dev.ndesdiag.NdesDiag;
import picocli.CommandLine;

/** Answers {@code --version} with the library's version. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {NdesDiag.NAME + " " + NdesDiag.version(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}
