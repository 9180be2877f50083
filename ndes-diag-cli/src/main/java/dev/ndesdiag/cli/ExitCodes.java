package dev.ndesdiag.cli;

import dev.ndesdiag.api.Status;

/**
 * The process exit codes of report format 1 (Nagios-compatible), as one pure function.
 *
 * <table>
 *   <caption>exit codes</caption>
 *   <tr><td>0</td><td>report PASS, or every check SKIPPED, or a status below the {@code --fail-on} threshold</td></tr>
 *   <tr><td>1</td><td>report WARN (with {@code --fail-on skipped}: also any skipped check)</td></tr>
 *   <tr><td>2</td><td>report FAIL</td></tr>
 *   <tr><td>3</td><td>report ERROR, or no report could be made</td></tr>
 *   <tr><td>64</td><td>command-line usage error</td></tr>
 * </table>
 */
final class ExitCodes {

    static final int OK = 0;
    static final int WARN = 1;
    static final int FAIL = 2;
    static final int ERROR = 3;
    static final int USAGE = 64;

    private ExitCodes() {
    }

    /**
     * The exit codes of the commands that print a report ({@code check}, {@code probe}), as their
     * help lists them: the one place the list is written.
     *
     * @return code to meaning, in order
     */
    static java.util.Map<String, String> reportCodes() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put(" " + OK, "report PASS (or every check skipped), or below --fail-on");
        m.put(" " + WARN, "report WARN (with --fail-on skipped: also a skipped check)");
        m.put(" " + FAIL, "report FAIL");
        m.put(" " + ERROR, "report ERROR, or no report could be made");
        m.put(String.valueOf(USAGE), "command-line usage error");
        m.put("", "With several bundles: the fleet's status, the worst server's (an unreadable bundle is ERROR).");
        m.put(" ", "With --format nagios: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN only.");
        return m;
    }

    /**
     * Maps a report to the exit code, given the threshold.
     *
     * @param status the report status
     * @param skippedChecks how many checks of the report were skipped
     * @param failOn the threshold
     * @return the exit code
     */
    static int of(Status status, int skippedChecks, FailOn failOn) {
        if (failOn.fails(status)) {
            return switch (status) {
                case FAIL -> FAIL;
                case ERROR -> ERROR;
                case WARN -> WARN;
                case PASS, SKIPPED -> OK;
            };
        }
        return failOn.failsOnSkippedChecks() && skippedChecks > 0 ? WARN : OK;
    }
}
