package dev.ndesdiag.checks.ca;

import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.snapshot.CommandCapture;
import dev.ndesdiag.ca.GetregValue;
import java.util.Optional;

/** What the CA checks share: reading a getreg capture and saying why it could not be judged. */
final class CaGetreg {

    private CaGetreg() {
    }

    /** The value the capture holds, or the finding that says why there is none. */
    record Read(Optional<GetregValue> value, Optional<Finding> why) {
    }

    static Read read(CommandCapture capture, String value) {
        String file = "commands/" + capture.name() + ".txt";
        boolean failed = capture.exitCode().isPresent() && capture.exitCode().getAsInt() != 0;
        Optional<GetregValue> v = failed ? Optional.empty() : GetregValue.read(capture.output());
        if (v.isPresent()) {
            return new Read(v, Optional.empty());
        }
        return new Read(Optional.empty(), Optional.of(Finding.skipped("CA_GETREG_UNREADABLE", "certutil -getreg " + value
                        + " did not print the value" + (failed ? " (exit code " + capture.exitCode().getAsInt() + ")" : "")
                        + ", so the CA's " + value + " is unknown.")
                .withEvidence("file", file).withEvidence("output", firstLines(capture.output()))
                .withRemediation("Run certutil -config \"<CA host>\\<CA name>\" -getreg " + value + " from the NDES server as an "
                        + "account that may read the CA's configuration, and store its output in " + file + ".")));
    }

    static String firstLines(String output) {
        String[] lines = output.strip().split("\r\n|\r|\n");
        return String.join(" | ", java.util.Arrays.copyOf(lines, Math.min(lines.length, 4)));
    }
}
