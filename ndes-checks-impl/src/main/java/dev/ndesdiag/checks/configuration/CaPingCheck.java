package dev.ndesdiag.checks.configuration;

import dev.ndesdiag.mscep.MscepRegistry;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.inputs.NdesInputs;
import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.snapshot.CommandCapture;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verifies that the CA NDES submits to ({@code MSCEP\CAInfo}) answered {@code certutil -ping} from the
 * NDES server, and decodes the errors support engineers meet. A CA NDES cannot reach makes it fail
 * at start-up (events 8 and 2) and mscep.dll answer HTTP 500.
 */
public final class CaPingCheck extends AbstractCheck {

    static final String CAPTURE = "certutil-ping";
    private static final Pattern HRESULT = Pattern.compile("0x[0-9a-fA-F]{8}");
    private static final Pattern CONNECTING_TO = Pattern.compile("Connecting to (.+?) \\.\\.\\.");

    /** The HRESULTs of {@code certutil -ping} and what they mean on an NDES server. */
    static final Map<String, String> KNOWN = Map.of(
            "0x800706ba", "RPC_S_SERVER_UNAVAILABLE: the RPC server is unavailable. The CA is down, Certificate Services "
                    + "is stopped, or a firewall blocks RPC between NDES and the CA (TCP 135 and the dynamic ports 49152-65535)",
            "0x800706d9", "EPT_S_NOT_REGISTERED: no endpoint is registered with the CA's endpoint mapper; Certificate "
                    + "Services is not running on the CA",
            "0x80070005", "E_ACCESSDENIED: access denied. The account lacks Request Certificates on the CA, or the CA's "
                    + "DCOM hardening (KB5004442) refuses the client's authentication level",
            "0x800706be", "RPC_S_CALL_FAILED: the remote procedure call failed midway (network drop, CA restarting)",
            "0x80070035", "ERROR_BAD_NETPATH: the network path to the CA was not found (name resolution or SMB/RPC blocked)",
            "0x80070057", "E_INVALIDARG: the CA configuration string is malformed; it must be \"<CA host FQDN>\\<CA name>\"",
            "0x8007045b", "ERROR_SHUTDOWN_IN_PROGRESS: the CA server is shutting down");

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public CaPingCheck() {
        super(CheckDescriptor.of("ca-ping",
                        "The CA named in MSCEP\\CAInfo answers certutil -ping from the NDES server", Category.CONFIGURATION)
                .withSymptoms("HTTP 500", "NDES events 8 and 2")
                .requires(NdesInputs.CERTUTIL_PING).uses(NdesInputs.MSCEP));
    }

    @Override
    public CheckResult run(CheckContext context) {
        CommandCapture ping = context.get(NdesInputs.CERTUTIL_PING);
        Optional<String> config = context.find(NdesInputs.MSCEP).flatMap(MscepRegistry::caConfig);
        String output = ping.output();
        String target = config.orElseGet(() -> connectingTo(output).orElse("the CA"));
        // The verdict comes from certutil's exit code (0 on success, the HRESULT otherwise), which every
        // language writes alike; the English "interface is alive" decides only for a hand-made bundle
        // without commands/index.json, and a text we cannot read without an exit code is not judged.
        java.util.OptionalInt exit = ping.exitCode();
        boolean hresultShown = HRESULT.matcher(output).find();
        if (exit.isEmpty() && !output.contains("interface is alive") && !hresultShown) {
            return CheckResult.of(Finding.skipped("CA_PING_UNDECIDED", "The output of certutil -ping has no exit code "
                            + "(commands/index.json) and is not in a language this version reads, so the answer was not judged.")
                    .withEvidence("output", firstLines(output))
                    .withRemediation("Collect it with ndes-diag collect, or record the exit code of certutil -config \""
                            + target + "\" -ping in commands\\index.json."));
        }
        boolean alive = exit.isPresent() ? exit.getAsInt() == 0 : !hresultShown;
        Finding f;
        if (alive) {
            f = Finding.pass("CA_PING_OK", target + " answered certutil -ping from the NDES server.");
        } else {
            Matcher m = HRESULT.matcher(output);
            Optional<String> code = m.find() ? Optional.of(m.group().toLowerCase(Locale.ROOT)) : Optional.empty();
            String meaning = code.map(c -> KNOWN.getOrDefault(c, "error " + c)).orElse("no answer");
            f = Finding.fail("CA_UNREACHABLE", target + " did not answer certutil -ping from the NDES server: " + meaning
                            + ". NDES cannot submit requests: it logs events 8 and 2 and mscep.dll answers HTTP 500.")
                    .withRemediation("From the NDES server, make the CA reachable over RPC (TCP 135 and 49152-65535 through "
                            + "firewalls), check that Certificate Services runs on the CA (an issuing CA whose offline root "
                            + "CRL expired cannot start: publish a new root CRL), then certutil -config \"" + target
                            + "\" -ping and iisreset.");
            if (code.isPresent()) {
                f = f.withEvidence("hresult", code.get());
            }
        }
        f = f.withEvidence("ca", target).withEvidence("output", firstLines(output));
        if (config.isPresent()) {
            Optional<String> pinged = connectingTo(output);
            if (pinged.isPresent() && !pinged.get().equalsIgnoreCase(config.get())) {
                return CheckResult.of(f, Finding.warn("CA_PING_OTHER_CA", "certutil -ping reached " + pinged.get()
                                + ", but NDES submits to " + config.get() + " (MSCEP\\CAInfo); the answer says nothing about that CA.")
                        .withEvidence("pinged", pinged.get()).withEvidence("configured", config.get())
                        .withRemediation("certutil -config \"" + config.get() + "\" -ping"));
            }
        }
        return CheckResult.of(f);
    }

    private static Optional<String> connectingTo(String output) {
        Matcher m = CONNECTING_TO.matcher(output);
        return m.find() ? Optional.of(m.group(1).strip()) : Optional.empty();
    }

    private static String firstLines(String output) {
        String[] lines = output.strip().split("\r\n|\r|\n");
        return String.join(" | ", java.util.Arrays.copyOf(lines, Math.min(lines.length, 4)));
    }
}
