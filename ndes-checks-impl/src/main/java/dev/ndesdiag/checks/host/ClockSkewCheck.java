package dev.ndesdiag.checks.host;

import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.snapshot.NetworkFetch;
import dev.ndesdiag.inputs.NdesInputs;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The server's clock against the {@code Date} headers of the web servers it fetched CDP, AIA or
 * Intune URLs from ({@code network/fetches.json}: {@code date} is the header, {@code fetchedAt} the
 * server's own clock when the answer arrived). The median difference is the skew, so one web server
 * with a wrong clock does not decide it. More than 5 minutes off breaks Kerberos (the default maximum
 * tolerance for computer clock synchronization) and makes fresh certificates and CRLs look not yet
 * valid or already expired: FAIL.
 */
public final class ClockSkewCheck extends AbstractCheck {

    static final Duration LIMIT = Duration.ofMinutes(5);
    static final String KERBEROS_DOC = "https://learn.microsoft.com/en-us/previous-versions/windows/it-pro/windows-10/security/threat-protection/security-policy-settings/maximum-tolerance-for-computer-clock-synchronization";
    static final String TIME_DOC = "https://learn.microsoft.com/en-us/windows-server/networking/windows-time-service/windows-time-service-tools-and-settings";

    private record Sample(String host, Duration skew) {
    }

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public ClockSkewCheck() {
        super(CheckDescriptor.of("clock-skew",
                        "The server's clock is within 5 minutes of the web servers it fetched from", Category.CONFIGURATION)
                .withSymptoms("Kerberos errors KRB_AP_ERR_SKEW", "certificates not yet valid", "CRL not yet valid or expired")
                .requires(NdesInputs.FETCHES)
                .withReferences(KERBEROS_DOC, TIME_DOC));
    }

    @Override
    public CheckResult run(CheckContext context) {
        List<Sample> samples = new ArrayList<>();
        for (NetworkFetch f : context.get(NdesInputs.FETCHES)) {
            if (f.date().isPresent() && f.fetchedAt().isPresent()) {
                String host;
                try {
                    host = URI.create(f.url()).getHost();
                } catch (IllegalArgumentException e) {
                    host = f.url();
                }
                samples.add(new Sample(host == null ? f.url() : host, Duration.between(f.fetchedAt().get(), f.date().get())));
            }
        }
        if (samples.isEmpty()) {
            return CheckResult.skipped("NO_DATE_HEADERS", "No fetch in network/fetches.json recorded both a Date header and "
                    + "the server's own time, so the clock cannot be compared (older collector, or nothing answered).");
        }
        List<Sample> sorted = samples.stream().sorted(Comparator.comparing(Sample::skew)).toList();
        Sample median = sorted.get(sorted.size() / 2);
        Duration skew = median.skew();
        String direction = skew.isNegative() ? "ahead of" : "behind";
        long seconds = Math.abs(skew.toSeconds());
        if (skew.abs().compareTo(LIMIT) > 0) {
            return CheckResult.of(Finding.fail("CLOCK_SKEW", "The server's clock is " + human(seconds) + " " + direction + " the "
                            + "web servers it fetched from (median of " + samples.size() + "): more than 5 minutes breaks "
                            + "Kerberos to the CA and AD, and certificates and CRLs look not yet valid or expired.")
                    .withEvidence("skewSeconds", skew.toSeconds()).withEvidence("samples", samples.size())
                    .withEvidence("example", median.host())
                    .withRemediation("Fix the time source: w32tm /query /status; on a domain member w32tm /config "
                            + "/syncfromflags:domhier /update, then w32tm /resync (check the PDC emulator's own source).")
                    .withReference(KERBEROS_DOC));
        }
        return CheckResult.of(Finding.pass("CLOCK_IN_SYNC", "The server's clock is within " + human(seconds) + " of the web "
                + "servers it fetched from (median of " + samples.size() + ").").withEvidence("skewSeconds", skew.toSeconds()));
    }

    private static String human(long seconds) {
        return seconds < 120 ? seconds + " s" : (seconds / 60) + " min";
    }
}
